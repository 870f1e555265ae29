// A school's own messages (POST /v1/notifications), and what became of every notification
// (GET /v1/notifications?school=&status=failed, GET /v1/notifications/{id}).
#include "hub.hpp"
#include "notify/composer.hpp"
#include "routes/access.hpp"
#include "routes/notification_json.hpp"
#include "routes/routes.hpp"

#include <interop/json/bounded.hpp>
#include <rapidjson/document.h>

#include <algorithm>

namespace hubd {

namespace {

std::vector<std::string> strings_at(const rapidjson::Value& obj, const char* name) {
    std::vector<std::string> out;
    if (!obj.IsObject() || !obj.HasMember(name) || !obj[name].IsArray()) return out;
    for (const auto& v : obj[name].GetArray())
        if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
    return out;
}

struct message_request {
    std::string school, text, reason;
    bool urgent = false, everyone = false;
    std::vector<std::string> to, groups, pupils;
    std::vector<std::pair<std::string, std::string>> persons; ///< (kind, id)
};

const char* message_shape =
    R"(expected {"school": UAI, "text": …, "audience": {"everyone": true | "classes": […], "groups": […], "pupils": […], )"
    R"("persons": [{"kind": "guardian"|"student"|"staff", "id": …}]}, "to": ["guardians", "students", "staff"], )"
    R"("urgency": "normal"|"urgent", "reason": …})";

std::optional<message_request> read_message(const std::string& body) {
    rapidjson::Document d;
    if (interop::json::parse_bounded(body, d) || !d.IsObject() || !d.HasMember("school") || !d["school"].IsString() || !d.HasMember("text") ||
        !d["text"].IsString() || !d.HasMember("audience") || !d["audience"].IsObject())
        return std::nullopt;
    message_request m;
    m.school = d["school"].GetString();
    m.text = d["text"].GetString();
    const auto& a = d["audience"];
    m.everyone = a.HasMember("everyone") && a["everyone"].IsBool() && a["everyone"].GetBool();
    m.groups = strings_at(a, "classes");
    for (auto& g : strings_at(a, "groups")) m.groups.push_back(std::move(g));
    m.pupils = strings_at(a, "pupils");
    if (a.HasMember("persons") && a["persons"].IsArray())
        for (const auto& p : a["persons"].GetArray()) {
            if (!p.IsObject() || !p.HasMember("kind") || !p["kind"].IsString() || !p.HasMember("id") || !p["id"].IsString()) return std::nullopt;
            m.persons.emplace_back(p["kind"].GetString(), p["id"].GetString());
        }
    m.to = strings_at(d, "to");
    if (m.to.empty()) m.to = {"guardians"};
    if (d.HasMember("urgency")) {
        if (!d["urgency"].IsString()) return std::nullopt;
        const std::string u = d["urgency"].GetString();
        if (u != "normal" && u != "urgent") return std::nullopt;
        m.urgent = u == "urgent";
    }
    if (d.HasMember("reason") && d["reason"].IsString()) m.reason = d["reason"].GetString();
    return m;
}

bool wants(const message_request& m, const char* who) { return std::find(m.to.begin(), m.to.end(), who) != m.to.end(); }

/** One notification per person the message reaches, however many ways it names them. */
std::vector<notification_row> message_notifications(const message_request& m, hub& h, const principal& who) {
    const auto rules = h.rules().of(m.school);
    directory people(h.db(), m.school);
    compose_context ctx{people, *rules, h.settings().notify.channels(), h.policy_now(), who.client};
    event_occurrence e;
    e.kind = interop::text::event_kind::school_message;
    e.values = {{"text", m.text}};
    e.urgent = m.urgent;
    std::vector<person_contact> reached;
    auto pupils = m.everyone ? people.all("student") : people.pupils_in(m.groups);
    pupils.insert(pupils.end(), m.pupils.begin(), m.pupils.end());
    for (const auto& pupil : pupils) {
        if (wants(m, "guardians"))
            for (auto& g : people.guardians_of(pupil)) reached.push_back(std::move(g));
        if (wants(m, "students"))
            if (auto p = people.person("student", pupil)) reached.push_back(std::move(*p));
    }
    if (m.everyone && wants(m, "staff"))
        for (const auto& id : people.all("staff"))
            if (auto p = people.person("staff", id)) reached.push_back(std::move(*p));
    for (const auto& [kind, id] : m.persons)
        if (auto p = people.person(kind, id)) reached.push_back(std::move(*p));
    std::sort(reached.begin(), reached.end(), [](const auto& a, const auto& b) { return std::tie(a.kind, a.id) < std::tie(b.kind, b.id); });
    reached.erase(std::unique(reached.begin(), reached.end(), [](const auto& a, const auto& b) { return a.kind == b.kind && a.id == b.id; }),
                  reached.end());
    std::vector<notification_row> out;
    for (const auto& p : reached) {
        out.push_back(notification_for(p, e, e.values, 0, ctx));
        out.back().reason = m.reason;
    }
    return out;
}

http::response post_message(const http::request& req, const path_params&, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    if (!who.has_scope("notifications:write")) return missing_scope("notifications:write");
    const auto m = read_message(req.body);
    if (!m) return http::error_response(400, "invalid_body", message_shape);
    if (!who.sees(m->school)) return no_such_school();
    if (m->text.empty()) return http::error_response(400, "invalid_body", "text is empty");
    if (m->urgent && !who.has_scope("notifications:urgent")) return missing_scope("notifications:urgent");
    if (m->urgent && m->reason.empty())
        return http::error_response(400, "reason_required", "an urgent message goes through the right to disconnect only with a reason");
    const auto rows = message_notifications(*m, h, who);
    h.db().notifications().add_notifications(rows);
    h.audit().record({0, h.now(), who.client, m->urgent ? "notification.urgent" : "notification.message", m->school, "notification",
                      rows.size(), m->urgent ? m->reason : m->text.substr(0, 200), "", ""});
    h.changes().notify(); // wakes the notifier
    json_writer w;
    w.StartObject();
    w.member("count", rows.size());
    w.Key("notifications");
    w.StartArray();
    for (const auto& n : rows) write_notification(w, n);
    w.EndArray();
    w.EndObject();
    return http::json_response(202, w.str());
}

http::response list_notifications(const http::request& req, const path_params&, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    if (!who.has_scope("notifications:read")) return missing_scope("notifications:read");
    std::optional<http::response> bad;
    const auto limit = number_param(req, "limit", h.settings().max_page, bad);
    if (bad) return std::move(*bad);
    notification_query q;
    q.school = req.param("school").value_or("");
    if (!q.school.empty() && !who.sees(q.school)) return no_such_school();
    if (q.school.empty() && !who.sees("*")) q.schools = who.schools;
    q.status = req.param("status").value_or("");
    q.after_id = req.param("cursor").value_or("");
    q.limit = limit.value_or(h.settings().default_page);
    if (q.limit == 0) q.limit = h.settings().default_page;
    ++q.limit;
    auto rows = q.school.empty() && q.schools.empty() && !who.sees("*") ? std::vector<notification_row>{} : h.db().notifications().notifications(q);
    const bool more = rows.size() == q.limit;
    if (more) rows.pop_back();
    json_writer w;
    w.StartObject();
    w.Key("items");
    w.StartArray();
    for (const auto& n : rows) write_notification(w, n);
    w.EndArray();
    if (more) w.member("next_cursor", rows.back().id);
    w.EndObject();
    if (!rows.empty()) h.audit().record({0, h.now(), who.client, "read", q.school, "notification", rows.size(), req.target, "", ""});
    return http::json_response(200, w.str());
}

http::response get_notification(const http::request& req, const path_params& p, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    if (!who.has_scope("notifications:read")) return missing_scope("notifications:read");
    const auto n = h.db().notifications().notification(p.at("id"));
    if (!n || !who.sees(n->school)) return http::error_response(404, "not_found", "no such notification");
    h.audit().record({0, h.now(), who.client, "read", n->school, "notification", 1, req.target, "", ""});
    json_writer w;
    write_notification(w, *n);
    return http::json_response(200, w.str());
}

} // namespace

void add_notification_routes(router& r) {
    r.add({"POST", "/v1/notifications", post_message});
    r.add({"GET", "/v1/notifications", list_notifications});
    r.add({"GET", "/v1/notifications/{id}", get_notification});
}

} // namespace hubd
