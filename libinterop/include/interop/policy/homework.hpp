#pragma once
/**
 * @file Late homework: work set in the evening for the next school day, or during a weekend or
 * holiday for the day after, is flagged. The school's time and calendar are passed in.
 */

#include <interop/calendar/school_days.hpp>
#include <interop/diagnostics.hpp>
#include <interop/timetable/time_zone.hpp>

namespace interop::policy {

struct homework_settings {
    /** Setting homework at or after this time of day for the next school day is late. */
    model::time_of_day late_after{19 * 60};
};

/** Why `h` is late, or empty when it is not (set_at read in `zone` when it carries an offset). */
std::string late_homework_reason(const model::homework& h, const calendar::school_days& days,
                                 const timetable::time_zone& zone, const homework_settings& settings = {});

/** A `homework.late` warning for each late homework of `data` (its school's calendar in `days`). */
void check_late_homework(const model::dataset& data, const calendar::school_days& days, const timetable::time_zone& zone,
                         diagnostics& diags, const homework_settings& settings = {});

} // namespace interop::policy
