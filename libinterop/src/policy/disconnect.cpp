#include <interop/policy/disconnect.hpp>

#include <algorithm>
#include <array>

namespace interop::policy {
namespace {

constexpr int minutes_per_day = 24 * 60;
constexpr std::array<std::string_view, 7> weekday_names{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

/** Whether `t` falls in [from, to), the window wrapping round when `from > to`; an empty window holds nothing. */
bool in_cyclic_window(int t, int from, int to) {
    if (from == to) return false;
    return from < to ? t >= from && t < to : t >= from || t < to;
}

int minute_of_week(const week_time& w) { return (w.weekday - 1) * minutes_per_day + w.time.minutes; }

std::string window_text(model::time_of_day from, model::time_of_day to) {
    return model::to_string(from) + "-" + model::to_string(to);
}

std::string week_time_text(const week_time& w) {
    return std::string(weekday_names[static_cast<std::size_t>(w.weekday - 1)]) + " " + model::to_string(w.time);
}

std::string day_off_text(const calendar::day_off& off) {
    switch (off.type) {
    case model::calendar_entry_kind::public_holiday: return "public holiday: " + off.label;
    case model::calendar_entry_kind::holiday: return "school holidays: " + off.label;
    case model::calendar_entry_kind::closure: return "closure: " + off.label;
    }
    return off.label;
}

bool applies(const calendar::day_off& off, const quiet_hours& q) {
    switch (off.type) {
    case model::calendar_entry_kind::public_holiday: return q.public_holidays;
    case model::calendar_entry_kind::holiday: return q.school_holidays;
    case model::calendar_entry_kind::closure: return true;
    }
    return true;
}

/** Local times of `day` at which a window may open or close, in the day's order. */
std::vector<int> boundaries(const quiet_hours& q, model::date day) {
    std::vector<int> minutes{0, q.morning.minutes, q.evening.minutes};
    const int weekday = model::iso_weekday(day);
    if (q.weekend_from.weekday == weekday) minutes.push_back(q.weekend_from.time.minutes);
    if (q.weekend_to.weekday == weekday) minutes.push_back(q.weekend_to.time.minutes);
    std::sort(minutes.begin(), minutes.end());
    minutes.erase(std::unique(minutes.begin(), minutes.end()), minutes.end());
    return minutes;
}

} // namespace

right_to_disconnect::right_to_disconnect(const model::establishment& school, const calendar::holiday_table& holidays,
                                         disconnect_settings settings)
    : m_zone(school.time_zone), m_days(school, holidays, settings.closures), m_settings(std::move(settings)) {}

std::int64_t right_to_disconnect::instant(const model::date_time& at) const {
    if (at.utc_offset_minutes) return model::epoch_seconds(at);
    return m_zone.to_utc(at.day, at.seconds);
}

std::string right_to_disconnect::held_by(std::int64_t utc, audience who) const {
    const auto& q = m_settings.of(who);
    const auto local = m_zone.local(utc);
    if (auto off = m_days.day_off_on(local.day); off && applies(*off, q)) return day_off_text(*off);
    const int minute = local.seconds / 60;
    const int week_minute = (model::iso_weekday(local.day) - 1) * minutes_per_day + minute;
    if (in_cyclic_window(week_minute, minute_of_week(q.weekend_from), minute_of_week(q.weekend_to)))
        return "weekend (" + week_time_text(q.weekend_from) + " - " + week_time_text(q.weekend_to) + ")";
    if (in_cyclic_window(minute, q.evening.minutes, q.morning.minutes)) return "night (" + window_text(q.evening, q.morning) + ")";
    return {};
}

std::optional<std::int64_t> right_to_disconnect::opens_at(std::int64_t utc, audience who) const {
    if (held_by(utc, who).empty()) return utc;
    const auto& q = m_settings.of(who);
    auto day = m_zone.local(utc).day;
    for (int i = 0; i <= 366; ++i, day = model::add_days(day, 1)) {
        for (int minute : boundaries(q, day)) {
            const auto candidate = m_zone.to_utc(day, minute * 60);
            if (candidate > utc && held_by(candidate, who).empty()) return candidate;
        }
    }
    return std::nullopt;
}

send_decision right_to_disconnect::decide(const model::date_time& at, audience who, const urgency& u) const {
    const auto utc = instant(at);
    send_decision d;
    d.held_by = held_by(utc, who);
    d.send_now = d.held_by.empty();
    d.send_at = m_zone.local(utc);
    if (!d.send_now && u.urgent && !u.reason.empty()) {
        d.send_now = d.urgent_bypass = true;
        d.urgent_reason = u.reason;
    } else if (!d.send_now) {
        if (u.urgent) d.notes.push_back("marked urgent without a reason: held like any other item");
        if (auto open = opens_at(utc, who)) d.send_at = m_zone.local(*open);
        else d.notes.push_back("the window does not open within a year: check the settings");
    }
    if (m_settings.of(who).school_holidays && !m_days.holidays_known(d.send_at.day))
        d.notes.push_back("school holidays of the school's zone are not known on " + model::to_string(d.send_at.day) +
                          ": only nights, weekends, public holidays and closures were applied");
    return d;
}

} // namespace interop::policy
