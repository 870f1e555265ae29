#pragma once
/**
 * @file Which days a school has no classes: its zone's school holidays, the public holidays of
 * its region and closures of its own. The policies ask it; it never reads a clock.
 */

#include <interop/calendar/school_holidays.hpp>

#include <optional>
#include <string>
#include <vector>

namespace interop::calendar {

/** Why a day has no classes. */
struct day_off {
    model::calendar_entry_kind type = model::calendar_entry_kind::holiday;
    std::string label;
};

class school_days {
public:
    /**
     * @param closures days off of the school itself (a bridge day, an exam centre); kept with
     * the zone's holidays from `table` and the public holidays of the school's region.
     */
    school_days(const model::establishment& school, const holiday_table& table,
                std::vector<model::calendar_entry> closures = {});

    /** Why `day` has no classes, or nullopt on a day with classes (weekends are not asked). */
    std::optional<day_off> day_off_on(model::date day) const;
    /** Whether the zone's holidays are known on `day` (the table reaches that school year). */
    bool holidays_known(model::date day) const;
    /** Monday to Friday, without a day off. */
    bool has_classes(model::date day) const;
    /** The first day after `day` with classes (searching a year ahead at most). */
    model::date next_school_day(model::date day) const;

private:
    holiday_region m_region;
    std::vector<model::calendar_entry> m_days_off; ///< zone holidays and closures, by start
    std::optional<model::date> m_known_until;
};

} // namespace interop::calendar
