#include "notify/events.hpp"

#include "policy/family_visibility.hpp"

#include <interop/json/canonical.hpp>

#include <cstdio>

namespace hubd {

namespace {

using namespace interop::model;
using interop::text::event_kind;

std::string day_text(const interop::model::date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
    return buf;
}

std::string time_text(int seconds) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60);
    return buf;
}

constexpr millis stale_after = 48 * 3'600'000; // an absence recorded days late is for the report card, not a message

std::vector<event_occurrence> attendance(const attendance_event& a, const std::string& key, const school_rules& rules, millis now) {
    if (a.type != attendance_kind::absence && a.type != attendance_kind::late) return {};
    if (now - rules.instant(a.start) > stale_after) return {};
    event_occurrence e;
    e.kind = a.type == attendance_kind::absence ? event_kind::absence : event_kind::late;
    e.subject_record = key;
    e.pupils = {a.student};
    e.values = {{"date", day_text(a.start.day)}, {"time", time_text(a.start.seconds)}};
    return {e};
}

std::vector<event_occurrence> grade(const grade_result& g, const stored_record& r, directory& dir, const school_rules& rules, store& db) {
    if (g.status != grade_status::graded) return {};
    const auto assessment_rec = db.record({"assessment", r.school, g.assessment});
    if (!assessment_rec) return {};
    const auto any = interop::json::record_from_json(assessment_rec->json);
    const auto& a = std::get<assessment>(any);
    event_occurrence e;
    e.kind = event_kind::grade_released;
    e.subject_record = "grade_result/" + r.id;
    e.pupils = {g.student};
    e.values = {{"subject", dir.label_of("subject", a.subject)}};
    const auto guardians = family_visible_from(r, rules, db);
    if (!guardians) return {};
    e.known_to_guardians = *guardians;
    e.known_to_pupils = a.visible_to_students_at ? rules.instant(*a.visible_to_students_at) : assessment_rec->updated_at;
    return {e};
}

std::vector<event_occurrence> homework_set(const homework& h, const std::string& key, directory& dir) {
    event_occurrence e;
    e.kind = event_kind::homework_set;
    e.subject_record = key;
    auto groups = h.classes;
    groups.insert(groups.end(), h.groups.begin(), h.groups.end());
    e.pupils = dir.pupils_in(groups);
    e.values = {{"subject", dir.label_of("subject", h.subject)}, {"due", day_text(h.due)}};
    return {e};
}

std::vector<event_occurrence> news(const news_item& n, const stored_record& r, directory& dir, const school_rules& rules, store& db) {
    const auto from = family_visible_from(r, rules, db);
    if (!from) return {};
    event_occurrence e;
    e.kind = event_kind::news_published;
    e.subject_record = "news_item/" + r.id;
    e.values = {{"title", n.title}};
    e.known_to_guardians = e.known_to_pupils = *from;
    e.urgent = n.priority == priority::urgent;
    std::vector<std::string> groups;
    for (const auto& a : n.audience) {
        if (a == "everyone" || a == "guardians" || a == "students") e.whole_school = true;
        else if (a == "staff" || a == "teachers") e.staff = dir.all("staff");
        else groups.push_back(a);
    }
    if (n.audience.empty()) e.whole_school = true;
    if (!groups.empty()) e.pupils = dir.pupils_in(groups);
    return {e};
}

/** Tomorrow in the school's time, from `now`. */
interop::model::date tomorrow(millis now, const school_rules& rules) {
    const auto local = rules.window->zone().local(now / 1000);
    return add_days(local.day, 1);
}

std::vector<event_occurrence> timetable(const change_entry& c, const session& s, const std::string& school, directory& dir,
                                        const school_rules& rules, store& db, millis now) {
    if (c.op == change_kind::created && s.status == session_status::scheduled) return {}; // a new timetable, not a change
    if (s.day != tomorrow(now, rules)) return {};
    auto groups = s.classes;
    groups.insert(groups.end(), s.groups.begin(), s.groups.end());
    std::string subject_id = s.subject.value_or("");
    if (const auto course_rec = s.course ? db.record({"course", school, *s.course}) : std::nullopt) {
        const auto any = interop::json::record_from_json(course_rec->json);
        const auto& co = std::get<course>(any);
        if (groups.empty()) groups = co.classes, groups.insert(groups.end(), co.groups.begin(), co.groups.end());
        if (subject_id.empty()) subject_id = co.subject;
    }
    event_occurrence e;
    e.kind = event_kind::timetable_change;
    e.subject_record = "session/" + s.id + "#" + std::to_string(c.seq); // each change of it is told
    e.pupils = dir.pupils_in(groups);
    e.values = {{"date", day_text(s.day)},
                {"time", time_text(s.start.minutes * 60)},
                {"subject", dir.label_of("subject", subject_id)},
                {"status", std::string(enum_names<session_status>::values[static_cast<std::size_t>(s.status)])}};
    return {e};
}

} // namespace

std::string timetable_text(const std::map<std::string, std::string>& values, const std::string& language) {
    static const std::map<std::string, std::array<const char*, 3>> words = {
        {"fr", {"annulé", "déplacé", "modifié"}},  {"en", {"cancelled", "moved", "changed"}},
        {"ar", {"ملغى", "منقول", "معدل"}},         {"pt", {"cancelado", "alterado", "modificado"}},
        {"tr", {"iptal", "taşındı", "değişti"}},   {"es", {"cancelado", "trasladado", "modificado"}}};
    const auto& w = words.count(language) ? words.at(language) : words.at("fr");
    const auto& status = values.at("status");
    const char* word = status == "cancelled" ? w[0] : status == "moved" ? w[1] : w[2];
    return values.at("subject") + " " + values.at("time") + " " + word;
}

std::string local_day(millis at, const school_rules& rules) { return day_text(rules.window->zone().local(at / 1000).day); }
std::string local_time(millis at, const school_rules& rules) { return time_text(rules.window->zone().local(at / 1000).seconds); }

std::vector<event_occurrence> events_of(const change_entry& c, const stored_record& r, directory& dir, const school_rules& rules,
                                        store& db, millis now) {
    const auto key = r.kind + "/" + r.id;
    const auto any = interop::json::record_from_json(r.json);
    if (const auto* a = std::get_if<attendance_event>(&any); a && c.op == change_kind::created) return attendance(*a, key, rules, now);
    if (const auto* g = std::get_if<grade_result>(&any)) return grade(*g, r, dir, rules, db);
    if (const auto* h = std::get_if<homework>(&any); h && c.op == change_kind::created) return homework_set(*h, key, dir);
    if (const auto* n = std::get_if<news_item>(&any)) return news(*n, r, dir, rules, db);
    if (const auto* s = std::get_if<session>(&any)) return timetable(c, *s, r.school, dir, rules, db, now);
    return {};
}

} // namespace hubd
