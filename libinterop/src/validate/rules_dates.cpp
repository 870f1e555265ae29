// Date sanity: ends not before starts, periods and sessions inside the school year, grades
// not shown to guardians before pupils, weeks that start on Monday.

#include "rules.hpp"

#include <map>

namespace interop::detail {
namespace {

template <class R, class T>
void not_before(diagnostics& d, const R& r, const char* end_name, const T& end, const char* start_name, const T& start) {
    if (end < start)
        report(d, severity::error, "date.order", r, std::string(end_name) + " is before " + start_name);
}

template <class R, class T>
void not_before(diagnostics& d, const R& r, const char* end_name, const std::optional<T>& end, const char* start_name,
                const T& start) {
    if (end) not_before(d, r, end_name, *end, start_name, start);
}

template <class R>
void not_before(diagnostics& d, const R& r, const char* end_name, const model::date_time& end, const char* start_name,
                const model::date_time& start) {
    if (model::before(end, start))
        report(d, severity::error, "date.order", r, std::string(end_name) + " is before " + start_name);
}

/** The school years of each school, to place periods and sessions in. */
class school_years {
public:
    explicit school_years(const model::dataset& ds) {
        for (const auto& y : ds.all<model::academic_year>()) m_years[y.school].push_back(&y);
    }
    /** True when the school has no year on record, or the day falls inside one. */
    bool covers(const std::string& school, const model::date& day) const {
        auto it = m_years.find(school);
        if (it == m_years.end()) return true;
        for (const auto* y : it->second)
            if (y->start <= day && day <= y->end) return true;
        return false;
    }

private:
    std::map<std::string, std::vector<const model::academic_year*>> m_years;
};

template <class R> void inside_year(diagnostics& d, const school_years& years, const R& r, const model::date& day) {
    if (!years.covers(r.school, day))
        report(d, severity::error, "date.outside-year", r, "date " + model::to_string(day) + " is outside every school year of " + r.school);
}

} // namespace

void check_dates(const model::dataset& ds, diagnostics& d) {
    const school_years years(ds);
    for (const auto& r : ds.all<model::academic_year>()) not_before(d, r, "end", r.end, "start", r.start);
    for (const auto& r : ds.all<model::period>()) {
        not_before(d, r, "end", r.end, "start", r.start);
        inside_year(d, years, r, r.start);
        inside_year(d, years, r, r.end);
    }
    for (const auto& r : ds.all<model::calendar>())
        for (const auto& e : r.entries) not_before(d, r, ("entry \"" + e.label + "\" end").c_str(), e.end, "its start", e.start);
    for (const auto& r : ds.all<model::membership>())
        if (r.start) not_before(d, r, "end", r.end, "start", *r.start);
    for (const auto& r : ds.all<model::student>())
        if (r.entry_date) not_before(d, r, "exit_date", r.exit_date, "entry_date", *r.entry_date);
    for (const auto& r : ds.all<model::time_grid>())
        for (const auto& s : r.slots)
            if (s.end <= s.start) report(d, severity::error, "date.order", r, "slot " + std::to_string(s.number) + " ends before it starts");
    for (const auto& r : ds.all<model::week_pattern>())
        for (const auto& w : r.weeks)
            if (model::iso_weekday(w) != 1) report(d, severity::warning, "date.week-start", r, model::to_string(w) + " is not a Monday");
    for (const auto& r : ds.all<model::course>())
        if (r.valid_from) not_before(d, r, "valid_until", r.valid_until, "valid_from", *r.valid_from);
    for (const auto& r : ds.all<model::session>()) inside_year(d, years, r, r.day);
    for (const auto& r : ds.all<model::attendance_event>())
        if (r.end) not_before(d, r, "end", *r.end, "start", r.start);
    for (const auto& r : ds.all<model::assessment>())
        if (r.visible_to_students_at && r.visible_to_guardians_at)
            not_before(d, r, "visible_to_guardians_at", *r.visible_to_guardians_at, "visible_to_students_at", *r.visible_to_students_at);
    for (const auto& r : ds.all<model::sanction>()) not_before(d, r, "erase_after", r.erase_after, "date", r.day);
    for (const auto& r : ds.all<model::news_item>())
        if (r.publish_until) not_before(d, r, "publish_until", *r.publish_until, "publish_from", r.publish_from);
}

} // namespace interop::detail
