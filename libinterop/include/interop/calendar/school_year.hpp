#pragma once
/** @file Which school year a day belongs to: the one place that decides it. */

#include <interop/model/types.hpp>

#include <string>

namespace interop::calendar {

/**
 * The school year `day` belongs to, named by the year it starts in: a school year runs from
 * 1 September to 31 August, so 2026-12-07 and 2027-07-14 are both in 2026 (2026-2027). The
 * library reads no clock: the caller gives the day (a program, today's).
 */
int school_year_of(model::date day);

/** "2026-2027" for 2026. */
std::string school_year_label(int start_year);

} // namespace interop::calendar
