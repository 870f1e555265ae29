#pragma once
/**
 * @file Recurring courses turned into dated sessions over a span of days: each course on its
 * weekday, inside its validity and week pattern, never on a day without classes; then the
 * dataset's own sessions applied over them (moved, cancelled, substituted), and one-off
 * sessions added.
 */

#include <interop/model/dataset.hpp>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace interop::timetable {

/** Days without classes of one school, from its calendars. */
class days_off {
public:
    days_off() = default;
    /** Every entry of the calendars (holidays, closures, public holidays). */
    explicit days_off(const std::vector<model::calendar>& calendars);
    bool contains(model::date day) const;

private:
    std::vector<std::pair<model::date, model::date>> m_spans; ///< sorted, merged
};

/** Monday of the week a day belongs to. */
model::date monday_of(model::date day);

/**
 * Weeks of a 64-bit mask: bit i (from the least significant) set means week i + 1, week 1
 * being the one starting on `week1_monday` (EDT's `DatePremierJourSemaine1`).
 */
std::vector<model::date> weeks_of_mask(std::uint64_t mask, model::date week1_monday);
/** The mask of a list of Mondays relative to week 1; weeks outside the 64 are left out. */
std::uint64_t mask_of_weeks(const std::vector<model::date>& mondays, model::date week1_monday);

/** Days in [from, to] the course falls on by weekday, validity and pattern, before days off. */
std::vector<model::date> course_days(const model::course& c, const model::week_pattern* pattern, model::date from, model::date to);

/** Id of the session a course has on a day: `<course>@YYYY-MM-DD`. */
std::string occurrence_id(const std::string& course, model::date day);

/**
 * Every session of the dataset's timetable in [from, to], in day and start order. A
 * session record naming a course and the day it was planned on (`original_date`, else
 * `date`) replaces that occurrence; one without a course is added as it is.
 */
std::vector<model::session> expand(const model::dataset& ds, model::date from, model::date to);

} // namespace interop::timetable
