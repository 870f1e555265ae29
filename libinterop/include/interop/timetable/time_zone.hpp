#pragma once
/** @file Wall times of a school turned into instants, on the system time-zone database. */

#include <interop/model/types.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace date {
class time_zone;
}

namespace interop::timetable {

/** One change of a zone's offset (daylight saving time starting or ending). */
struct offset_change {
    std::int64_t utc = 0; ///< seconds since the epoch
    int offset_before = 0; ///< minutes east of UTC
    int offset_after = 0;
    std::string abbreviation; ///< of the new offset: CET, CEST, …
    bool daylight = false;
};

/** An IANA time zone (Europe/Paris, America/Cayenne, Indian/Reunion, …). */
class time_zone {
public:
    /** @throws interop::error naming the zone when the database does not know it. */
    explicit time_zone(const std::string& name);

    const std::string& name() const { return m_name; }
    /**
     * Seconds since the epoch of a wall time. A time skipped when clocks go forward is moved
     * on by the gap (02:30 becomes 03:30); a time met twice when they go back is the first.
     */
    std::int64_t to_utc(model::date day, int seconds_of_day) const;
    /** Offset from UTC, in minutes, at an instant. */
    int offset_minutes(std::int64_t utc) const;
    /** The wall date and time at an instant, with the offset then in force. */
    model::date_time local(std::int64_t utc) const;
    /** Abbreviation and whether daylight time is in force, at an instant. */
    offset_change state(std::int64_t utc) const;
    /** Every offset change in [from, to). */
    std::vector<offset_change> changes(std::int64_t from, std::int64_t to) const;

private:
    std::string m_name;
    const date::time_zone* m_zone;
};

} // namespace interop::timetable
