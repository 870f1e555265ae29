#pragma once
// The VEVENTs of a school's timetable: one recurring event per course (weekly RRULE, with
// INTERVAL for alternations, EXDATE for days off, or explicit RDATEs when that is shorter),
// one RECURRENCE-ID event per changed occurrence, one event per one-off session; and the
// VTIMEZONE they refer to.

#include "timetable_view.hpp"

#include <interop/ical/content.hpp>
#include <interop/timetable/time_zone.hpp>

namespace interop::ical_adapter {

struct event_context {
    const school_timetable& school;
    const timetable::time_zone& zone;
    timetable::days_off off;
    model::date from, to; ///< the school years the events cover
    std::string dtstamp;  ///< UTC, YYYYMMDDTHHMMSSZ
};

/** What an occurrence shows: the session's own values where it has them, else the course's. */
struct shown {
    std::string subject;
    std::vector<std::string> teachers, classes, groups, rooms;
};
/** `c` or `s` may be null, not both. */
shown shown_of(const model::course* c, const model::session* s);

/** The span of the school's academic years; nullopt when it has none. */
std::optional<std::pair<model::date, model::date>> school_span(const school_timetable& school);

/** `<id>.<school>@interop-hub`: the same in every export and every feed. */
std::string uid_of(const std::string& id, const std::string& school);

/**
 * The course's events: the recurring one first, then one per session record that changes one
 * of its occurrences. Sessions of the course that change no occurrence of it are returned in
 * `unplaced`. Empty when the course has no occurrence in the span.
 */
std::vector<ical::component> course_events(const model::course& c, const std::vector<const model::session*>& changes,
                                           const event_context& ctx, std::vector<const model::session*>& unplaced);

/** A session that is no occurrence of a course, as an event of its own. */
ical::component session_event(const model::session& s, const model::course* c, const event_context& ctx);

/** VTIMEZONE of the zone with every offset change from the start of `from`'s year to the end of `to`'s. */
ical::component vtimezone(const timetable::time_zone& zone, model::date from, model::date to);

/** `YYYYMMDDTHHMMSSZ` of an instant. */
std::string utc_stamp(std::int64_t epoch_seconds);
/** The day holding an instant given in seconds since the epoch (rounded down, before 1970 too). */
model::date day_of(std::int64_t epoch_seconds);

} // namespace interop::ical_adapter
