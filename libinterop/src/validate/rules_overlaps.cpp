// Overlaps: one teacher, room or class in two places at once. Dated sessions are compared
// day by day; recurring courses by weekday, where their weeks and validity meet.

#include "rules.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace interop::detail {
namespace {

struct slot {
    int start = 0; // minutes after midnight
    int end = 0;
    std::string id;
    const model::course* course = nullptr; // for week and validity checks
};

using resource_key = std::tuple<std::string, std::string, std::string, std::int64_t>; // school, role, id, day

struct resources {
    const std::vector<std::string>& teachers;
    const std::vector<std::string>& rooms;
    const std::vector<std::string>& classes;
};

void add_resources(std::map<resource_key, std::vector<slot>>& by, const std::string& school, const resources& r, std::int64_t day,
                   const slot& s) {
    for (const auto& t : r.teachers) by[{school, "teacher", t, day}].push_back(s);
    for (const auto& room : r.rooms) by[{school, "room", room, day}].push_back(s);
    for (const auto& c : r.classes) by[{school, "class", c, day}].push_back(s);
}

/** A session's own lists where it overrides its course, the course's otherwise. */
resources session_resources(const model::session& s, const model::course* c) {
    auto pick = [](const std::vector<std::string>& own, const std::vector<std::string>* inherited) -> const std::vector<std::string>& {
        return own.empty() && inherited ? *inherited : own;
    };
    return {pick(s.teachers, c ? &c->teachers : nullptr), pick(s.rooms, c ? &c->rooms : nullptr),
            pick(s.classes, c ? &c->classes : nullptr)};
}

class week_sets {
public:
    explicit week_sets(const model::dataset& ds) {
        for (const auto& p : ds.all<model::week_pattern>())
            m_weeks[{p.school, p.id}] = std::set<model::date>(p.weeks.begin(), p.weeks.end());
    }
    /** Whether two courses may run in the same week and on the same day. */
    bool meet(const model::course& a, const model::course& b) const {
        if (a.valid_until && b.valid_from && *a.valid_until < *b.valid_from) return false;
        if (b.valid_until && a.valid_from && *b.valid_until < *a.valid_from) return false;
        if (!a.week_pattern || !b.week_pattern || a.week_pattern == b.week_pattern) return true;
        const auto* wa = find(a.school, *a.week_pattern);
        const auto* wb = find(b.school, *b.week_pattern);
        if (!wa || !wb) return true;
        return std::any_of(wa->begin(), wa->end(), [&](const model::date& w) { return wb->contains(w); });
    }

private:
    const std::set<model::date>* find(const std::string& school, const std::string& id) const {
        auto it = m_weeks.find({school, id});
        return it == m_weeks.end() ? nullptr : &it->second;
    }
    std::map<std::pair<std::string, std::string>, std::set<model::date>> m_weeks;
};

void report_overlaps(diagnostics& d, const char* kind, std::map<resource_key, std::vector<slot>>& by, const week_sets* weeks) {
    for (auto& [key, slots] : by) {
        std::sort(slots.begin(), slots.end(), [](const slot& a, const slot& b) { return a.start < b.start; });
        for (std::size_t i = 0; i < slots.size(); ++i) {
            for (std::size_t j = i + 1; j < slots.size() && slots[j].start < slots[i].end; ++j) {
                if (weeks && !weeks->meet(*slots[i].course, *slots[j].course)) continue;
                const auto& [school, role, id, day] = key;
                d.add(severity::warning, "overlap." + role, std::string(kind) + "/" + slots[j].id,
                      role + " " + id + " is also in " + kind + "/" + slots[i].id + " at the same time", {});
            }
        }
    }
}

} // namespace

void check_overlaps(const model::dataset& ds, diagnostics& d) {
    std::map<std::pair<std::string, std::string>, const model::course*> course_index;
    for (const auto& c : ds.all<model::course>()) course_index[{c.school, c.id}] = &c;
    std::map<resource_key, std::vector<slot>> sessions;
    for (const auto& s : ds.all<model::session>()) {
        if (s.status == model::session_status::cancelled) continue; // a moved session occupies its new slot
        const auto it = s.course ? course_index.find({s.school, *s.course}) : course_index.end();
        add_resources(sessions, s.school, session_resources(s, it == course_index.end() ? nullptr : it->second),
                      model::days_since_epoch(s.day), {s.start.minutes, s.start.minutes + s.duration_minutes, s.id});
    }
    report_overlaps(d, "session", sessions, nullptr);

    const week_sets weeks(ds);
    std::map<resource_key, std::vector<slot>> courses;
    for (const auto& c : ds.all<model::course>())
        add_resources(courses, c.school, {c.teachers, c.rooms, c.classes}, c.weekday,
                      {c.start.minutes, c.start.minutes + c.duration_minutes, c.id, &c});
    report_overlaps(d, "course", courses, &weeks);
}

} // namespace interop::detail
