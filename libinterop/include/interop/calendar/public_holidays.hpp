#pragma once
/** @file French public holidays (jours fériés), computed for any year, Easter-based ones included. */

#include <interop/model/structure.hpp>

#include <string_view>
#include <vector>

namespace interop::calendar {

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm). */
model::date easter_sunday(int year);

/**
 * Where the list of public holidays differs from the national one: Alsace-Moselle adds Good
 * Friday and 26 December; each overseas department adds the day slavery was abolished there.
 */
enum class holiday_region { metropolitan, alsace_moselle, guadeloupe, martinique, guyane, reunion, mayotte };

/** The region of a school: from its time zone overseas, from its postal code in Alsace-Moselle. */
holiday_region region_of(const model::establishment& school);

/** Every public holiday of a calendar year, in date order, as one-day entries. */
std::vector<model::calendar_entry> public_holidays(int year, holiday_region region = holiday_region::metropolitan);

} // namespace interop::calendar
