#include <interop/errors.hpp>
#include <interop/timetable/time_zone.hpp>

#include <date/tz.h>

namespace interop::timetable {
namespace {

using seconds = std::chrono::seconds;

date::sys_seconds sys(std::int64_t utc) { return date::sys_seconds{seconds{utc}}; }

int minutes(seconds s) { return static_cast<int>(s.count() / 60); }

} // namespace

time_zone::time_zone(const std::string& name) : m_name(name) {
    try {
        m_zone = date::locate_zone(name);
    } catch (const std::exception&) {
        throw error("unknown time zone '" + name + "' (expected an IANA name such as Europe/Paris)");
    }
}

std::int64_t time_zone::to_utc(model::date day, int seconds_of_day) const {
    auto local = date::local_seconds{seconds{model::days_since_epoch(day) * 86400 + seconds_of_day}};
    auto info = m_zone->get_info(local);
    // `first` is the offset before a change: for a time met twice it gives the first instant,
    // for a time inside a gap it gives the instant the gap's length later on the wall clock.
    return (local - info.first.offset).time_since_epoch().count();
}

int time_zone::offset_minutes(std::int64_t utc) const { return minutes(m_zone->get_info(sys(utc)).offset); }

model::date_time time_zone::local(std::int64_t utc) const {
    const int offset = offset_minutes(utc);
    const std::int64_t wall = utc + std::int64_t{offset} * 60;
    const std::int64_t days = wall >= 0 ? wall / 86400 : (wall - 86399) / 86400;
    return {model::date_from_days(days), static_cast<int>(wall - days * 86400), offset};
}

offset_change time_zone::state(std::int64_t utc) const {
    auto info = m_zone->get_info(sys(utc));
    return {utc, minutes(info.offset), minutes(info.offset), info.abbrev, info.save != std::chrono::minutes{0}};
}

std::vector<offset_change> time_zone::changes(std::int64_t from, std::int64_t to) const {
    std::vector<offset_change> out;
    auto info = m_zone->get_info(sys(from));
    while (info.end < sys(to)) {
        auto next = m_zone->get_info(info.end);
        if (next.offset != info.offset || next.abbrev != info.abbrev)
            out.push_back({info.end.time_since_epoch().count(), minutes(info.offset), minutes(next.offset), next.abbrev,
                           next.save != std::chrono::minutes{0}});
        info = next;
    }
    return out;
}

} // namespace interop::timetable
