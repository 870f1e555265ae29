#pragma once
/**
 * @file The right to disconnect: whether a publication or notification toward families or
 * staff may go out at a given moment and, if not, when the window opens. Pure: the moment,
 * the calendar and the settings are passed in.
 */

#include <interop/calendar/school_days.hpp>
#include <interop/timetable/time_zone.hpp>

#include <optional>
#include <string>
#include <vector>

namespace interop::policy {

/** A moment of the week in the school's time: ISO weekday (1 = Monday) and time of day. */
struct week_time {
    int weekday = 1;
    model::time_of_day time;
    bool operator==(const week_time&) const = default;
};

/** When nothing goes out to one audience. Defaults: the field's rule. */
struct quiet_hours {
    /** Nightly window; none when `evening == morning`. */
    model::time_of_day evening{20 * 60};
    model::time_of_day morning{7 * 60};
    /** Weekend window; none when `weekend_from == weekend_to`. */
    week_time weekend_from{5, {20 * 60}};
    week_time weekend_to{1, {7 * 60}};
    bool public_holidays = true;
    bool school_holidays = true;
    bool operator==(const quiet_hours&) const = default;
};

enum class audience { families, staff };

/** Per-school settings: a window per audience and the school's own closures. */
struct disconnect_settings {
    quiet_hours families;
    quiet_hours staff;
    std::vector<model::calendar_entry> closures;
    const quiet_hours& of(audience a) const { return a == audience::families ? families : staff; }
};

/** Urgent items bypass the window, and only with a reason. */
struct urgency {
    bool urgent = false;
    std::string reason;
};

struct send_decision {
    bool send_now = false;
    /** Now when it may go out, else when the window opens; school time with its offset. */
    model::date_time send_at;
    /** What holds it: "night (20:00-07:00)", "weekend", "public holiday: Noël", … Empty when sent. */
    std::string held_by;
    /** Sent through a closed window because urgent; `urgent_reason` says why. */
    bool urgent_bypass = false;
    std::string urgent_reason;
    /** What the decision could not take into account (holidays not known that year, …). */
    std::vector<std::string> notes;
};

class right_to_disconnect {
public:
    /** @throws interop::error when the school's time zone is unknown. */
    right_to_disconnect(const model::establishment& school, const calendar::holiday_table& holidays,
                        disconnect_settings settings = {});

    /** The decision for an item toward `who` at `at` (an instant; without an offset, school time). */
    send_decision decide(const model::date_time& at, audience who, const urgency& u = {}) const;
    /** What holds items toward `who` at the instant `utc`, or empty when the window is open. */
    std::string held_by(std::int64_t utc, audience who) const;
    /** The first instant from `utc` on (included) when the window is open; nullopt if none within a year. */
    std::optional<std::int64_t> opens_at(std::int64_t utc, audience who) const;

    const timetable::time_zone& zone() const { return m_zone; }
    const calendar::school_days& days() const { return m_days; }

private:
    std::int64_t instant(const model::date_time& at) const;

    timetable::time_zone m_zone;
    calendar::school_days m_days;
    disconnect_settings m_settings;
};

} // namespace interop::policy
