#pragma once
// Week cycles of timetable products that know no dates (aSc `weeks="10"`, Untis, FET): the
// cycle laid on a school year from its first Monday, week 1 of the year being position 0.

#include <interop/timetable/expand.hpp>

#include <string_view>
#include <vector>

namespace interop::week_cycle {

/** Whether `bits` (a string of 0 and 1) sets every position: the course runs every week. */
inline bool every_week(std::string_view bits) { return bits.find('0') == std::string_view::npos; }

/** The Mondays of [first, last] whose position in the cycle has its bit set. */
inline std::vector<model::date> mondays(std::string_view bits, model::date first, model::date last) {
    std::vector<model::date> out;
    if (bits.empty()) return out;
    std::size_t position = 0;
    for (auto monday = timetable::monday_of(first); monday <= last; monday = model::add_days(monday, 7), ++position)
        if (bits[position % bits.size()] == '1') out.push_back(monday);
    return out;
}

/** The school year a reader was told, as a record: `2025-2026`, its first and last day. */
inline model::academic_year academic_year(std::pair<model::date, model::date> span, std::string school, model::provenance where) {
    model::academic_year y;
    y.id = std::to_string(span.first.year) + "-" + std::to_string(span.second.year);
    y.school = std::move(school);
    y.provenance = std::move(where);
    y.label = y.id;
    y.start = span.first;
    y.end = span.second;
    return y;
}

} // namespace interop::week_cycle
