#include <interop/timetable/expand.hpp>
#include <interop/timetable/fidelity.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace interop::timetable {
namespace {

/** What a session is, whatever ids its course has. */
using session_key = std::tuple<model::date, int, int, std::string, std::vector<std::string>, std::vector<std::string>, std::vector<std::string>,
                               std::vector<std::string>>;

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

/** The sessions of a timetable, each with what its course gives it where it does not differ. */
std::vector<std::pair<model::session, session_key>> keyed_sessions(const model::dataset& ds, model::date from, model::date to) {
    std::map<std::pair<std::string, std::string>, const model::course*> courses; // by school and id: two schools may share ids
    for (const auto& c : ds.all<model::course>()) courses[{c.school, c.id}] = &c;
    std::vector<std::pair<model::session, session_key>> out;
    for (auto& s : expand(ds, from, to)) {
        const auto it = s.course ? courses.find({s.school, *s.course}) : courses.end();
        const model::course* c = it == courses.end() ? nullptr : it->second;
        auto pick = [&](const std::vector<std::string>& own, std::vector<std::string> model::course::*field) {
            return sorted(own.empty() && c ? c->*field : own);
        };
        session_key key{s.day, s.start.minutes, s.duration_minutes, s.subject.value_or(c ? c->subject : ""), pick(s.teachers, &model::course::teachers),
                        pick(s.classes, &model::course::classes), pick(s.groups, &model::course::groups), pick(s.rooms, &model::course::rooms)};
        out.emplace_back(std::move(s), std::move(key));
    }
    return out;
}

/** Which parts of a session a part lost lets change: `rooms`, `times` (start and length), `audience` (classes and groups). */
struct changeable {
    bool rooms = false, times = false, audience = false;
    bool any() const { return rooms || times || audience; }
};

/** The records each loss names: whole, or the parts of each (`rooms` of `loss.fet.rooms`). */
struct declared_records {
    std::set<std::string> whole;
    std::map<std::string, std::set<std::string>> parts;
    explicit declared_records(const io::loss_log& log) {
        for (const auto& r : log.reasons()) {
            if (r.whole) whole.insert(r.records.begin(), r.records.end());
            else
                for (const auto& record : r.records) parts[record].insert(r.code.substr(r.code.rfind('.') + 1));
        }
    }
    bool lost_part(const std::string& record, const char* part) const {
        const auto it = parts.find(record);
        return it != parts.end() && it->second.contains(part);
    }
    changeable may_change(const std::string& record) const {
        return {lost_part(record, "rooms"), lost_part(record, "times"), lost_part(record, "audience")};
    }
};

/** A session anywhere in the year: what is left of its key without its day and rooms. */
auto anywhere(const session_key& k) { return std::tuple{std::get<1>(k), std::get<2>(k), std::get<3>(k), std::get<4>(k), std::get<5>(k), std::get<6>(k)}; }

/** The session of `remaining` on the same day equal to `key` but for what may change; end() when none. */
std::multiset<session_key>::iterator same_but(std::multiset<session_key>& remaining, const session_key& key, const changeable& may) {
    return std::find_if(remaining.lower_bound({std::get<0>(key), 0, 0, {}, {}, {}, {}, {}}), remaining.end(), [&](const session_key& k) {
        return std::get<0>(k) == std::get<0>(key) && std::get<3>(k) == std::get<3>(key) && std::get<4>(k) == std::get<4>(key) &&
               (may.times || std::tie(std::get<1>(k), std::get<2>(k)) == std::tie(std::get<1>(key), std::get<2>(key))) &&
               (may.audience || std::tie(std::get<5>(k), std::get<6>(k)) == std::tie(std::get<5>(key), std::get<6>(key))) &&
               (may.rooms || std::get<7>(k) == std::get<7>(key));
    });
}

void add_silent(fidelity& f, std::string what) {
    ++f.silent;
    f.findings.push_back(std::move(what));
}

} // namespace

fidelity compare_sessions(const model::dataset& before, const model::dataset& after, const io::loss_log& losses, model::date from, model::date to) {
    const declared_records lost(losses);
    fidelity f;
    std::multiset<session_key> remaining;
    for (const auto& [s, key] : keyed_sessions(after, from, to)) remaining.insert(key);
    std::set<std::pair<model::date, int>> planned_again; // a change declared lost: the planned occurrence may come back
    std::set<decltype(anywhere(session_key{}))> any_day;  // a course whose first and last days were lost: it may come back on other days
    for (const auto& c : before.all<model::course>())
        if (lost.lost_part(io::record_name(c), "validity"))
            any_day.insert(anywhere({{}, c.start.minutes, c.duration_minutes, c.subject, sorted(c.teachers), sorted(c.classes), sorted(c.groups), {}}));
    for (const auto& [s, key] : keyed_sessions(before, from, to)) {
        ++f.sessions;
        const std::string course = io::record_name("course", s.school, s.course.value_or(""));
        if (lost.whole.contains(course)) {
            ++f.declared;
            continue;
        }
        if (lost.whole.contains(io::record_name(s))) {
            ++f.declared;
            planned_again.insert({s.original_day.value_or(s.day), s.original_start.value_or(s.start).minutes});
            continue;
        }
        auto it = remaining.find(key);
        if (it != remaining.end()) {
            remaining.erase(it);
            ++f.survived;
        } else if (const auto may = lost.may_change(course); may.any() && (it = same_but(remaining, key, may)) != remaining.end()) {
            remaining.erase(it); // back changed as declared: fewer rooms, other times, another audience
            ++f.declared;
        } else {
            add_silent(f, "lost or changed: " + course + " on " + model::to_string(s.day) + " at " + model::to_string(s.start));
        }
    }
    std::vector<model::calendar> lost_calendars; // their days off may come back with classes
    for (const auto& c : before.all<model::calendar>())
        if (lost.whole.contains(io::record_name(c))) lost_calendars.push_back(c);
    const days_off holidays_lost(lost_calendars);
    for (const auto& k : remaining) {
        const auto [day, start] = std::pair{std::get<0>(k), std::get<1>(k)};
        if (holidays_lost.contains(day) || planned_again.contains({day, start}) || any_day.contains(anywhere(k))) continue;
        add_silent(f, "invented: " + std::get<3>(k) + " on " + model::to_string(day) + " at " + model::to_string(model::time_of_day{start}));
    }
    return f;
}

} // namespace interop::timetable
