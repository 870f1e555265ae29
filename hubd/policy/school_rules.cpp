#include "policy/school_rules.hpp"

#include <interop/calendar/school_holidays.hpp>
#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

namespace hubd {

namespace {

interop::model::establishment establishment_of(store& s, const std::string& school) {
    if (auto rec = s.record({"school", school, school})) {
        const auto any = interop::json::record_from_json(rec->json);
        if (const auto* e = std::get_if<interop::model::establishment>(&any)) return *e;
    }
    interop::model::establishment e;
    e.id = e.uai = school;
    return e;
}

std::shared_ptr<const interop::policy::right_to_disconnect> window_of(interop::model::establishment school,
                                                                       const interop::policy::disconnect_settings& settings) {
    try {
        return std::make_shared<interop::policy::right_to_disconnect>(school, interop::calendar::official_holidays(), settings);
    } catch (const interop::error&) { // a time zone the system does not know: the school is still in France
        school.time_zone = "Europe/Paris";
        return std::make_shared<interop::policy::right_to_disconnect>(school, interop::calendar::official_holidays(), settings);
    }
}

} // namespace

std::optional<std::string> holidays_warning(millis now) {
    const auto today = interop::model::date_from_days(now >= 0 ? now / 86'400'000 : (now - 86'399'999) / 86'400'000);
    const auto until = interop::calendar::official_holidays().known_until();
    if (until && today <= *until) return std::nullopt;
    return "the school holidays this hubd ships end on " + (until ? interop::model::to_string(*until) : std::string("no day")) +
           ": until a hubd that ships the next school year's is installed, the right to disconnect holds items over nights, "
           "weekends, public holidays and closures, not over the zones' school holidays";
}

millis school_rules::opens_at(millis at, interop::policy::audience who) const {
    const auto opens = window->opens_at(at / 1000, who);
    if (!opens) return at; // closed for a whole year: a setting no school means; do not hold for ever
    return *opens * 1000 > at ? *opens * 1000 : at;
}

millis school_rules::instant(const interop::model::date_time& t) const {
    if (t.utc_offset_minutes) return interop::model::epoch_seconds(t) * 1000;
    return window->zone().to_utc(t.day, t.seconds) * 1000;
}

void check_school_setting(const std::string& name, const std::string& json) {
    if (name == "policy") interop::policy::read_school_policy(json, "settings/policy");
    else if (name == "notifications") read_notify_rules(json, "settings/notifications");
    else throw interop::parse_error({"settings/" + name, 0, 0}, "settings", "no settings named " + name);
}

std::string school_rule_book::version_of(const std::string& school) {
    std::string v;
    if (auto rec = m_store.record({"school", school, school})) v = rec->hash;
    for (auto name : school_setting_names)
        if (auto s = m_store.notifications().school_setting(school, std::string(name))) v += "|" + std::to_string(s->second);
        else v += "|-";
    return v;
}

std::shared_ptr<const school_rules> school_rule_book::of(const std::string& school) {
    const auto version = version_of(school);
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_cache.find(school); it != m_cache.end() && it->second.first == version) return it->second.second;
    }
    auto rules = std::make_shared<school_rules>();
    rules->school = school;
    const auto e = establishment_of(m_store, school);
    rules->name = e.name.empty() ? school : e.name;
    auto& ns = m_store.notifications();
    if (auto s = ns.school_setting(school, "policy")) rules->policy = interop::policy::read_school_policy(s->first, "settings/policy");
    if (auto s = ns.school_setting(school, "notifications")) rules->notify = read_notify_rules(s->first, "settings/notifications");
    rules->window = window_of(e, rules->policy.disconnect);
    std::lock_guard lock(m_mutex);
    m_cache[school] = {version, rules};
    return rules;
}

} // namespace hubd
