#include "lsu_attendance.hpp"

namespace interop::lsu {
namespace {

constexpr int noon = 12 * 3600;

/** Half-days an absence covers: mornings and afternoons between its start and end, weekend days inside it left out. */
int half_days(const model::attendance_event& a) {
    const auto end = a.end && !a.open ? *a.end : a.start;
    int count = 0;
    for (auto day = a.start.day; day <= end.day; day = model::add_days(day, 1)) {
        if (model::iso_weekday(day) >= 6 && day != a.start.day && day != end.day) continue;
        if (day == end.day && day != a.start.day && end.seconds == 0) break; // ends at midnight
        const int from = day == a.start.day ? a.start.seconds : 0;
        const int to = day == end.day ? end.seconds : 24 * 3600;
        const bool single_instant = from == to;
        count += (from < noon && (to > from || single_instant)) ? 1 : 0;
        count += (to > noon || (single_instant && from >= noon)) ? 1 : 0;
    }
    return count;
}

} // namespace

attendance_counts count_attendance(const model::dataset& ds, const std::string& student, model::date first, model::date last) {
    attendance_counts out;
    for (const auto& a : ds.all<model::attendance_event>()) {
        if (a.student != student || a.start.day < first || last < a.start.day) continue;
        if (a.type == model::attendance_kind::late) ++out.late_arrivals;
        if (a.type != model::attendance_kind::absence) continue;
        (a.justified ? out.justified_half_days : out.unjustified_half_days) += half_days(a);
    }
    return out;
}

} // namespace interop::lsu
