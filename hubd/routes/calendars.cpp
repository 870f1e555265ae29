// Calendar feeds for calendar apps, which cannot do OAuth: capability URLs.
//   POST/GET /v1/schools/{uai}/calendars, DELETE /v1/schools/{uai}/calendars/{id} (timetable:read)
//   GET /v1/calendars/{token}.ics (the token is the capability; ETag and If-None-Match)
#include "auth/encoding.hpp"
#include "export/calendar_feeds.hpp"
#include "hub.hpp"
#include "import/record_index.hpp"
#include "json_writer.hpp"
#include "routes/access.hpp"
#include "routes/present.hpp"
#include "routes/routes.hpp"

#include <interop/errors.hpp>
#include <interop/json/bounded.hpp>

#include <rapidjson/document.h>

namespace hubd {

namespace {

/** The caller, checked for timetable:read on the school in the path. */
std::variant<principal, http::response> timetable_reader(const http::request& req, const path_params& p, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    auto& who = std::get<principal>(who_or);
    if (!who.sees(p.at("uai"))) return no_such_school();
    if (!who.has_scope("timetable:read")) return missing_scope("timetable:read");
    return who;
}

std::string feed_url(const http::request& req, hub& h, const std::string& path) {
    if (!h.settings().public_url.empty()) return h.settings().public_url + path;
    return "http://" + req.header("host").value_or("localhost") + path;
}

void write_token(json_writer& w, const calendar_token_row& t) {
    w.StartObject();
    w.member("id", t.id).member("audience", t.audience).member("audience_id", t.audience_id).member("client", t.client);
    w.member("created_at", iso_time(t.created_at)).member("revoked", t.revoked);
    w.EndObject();
}

http::response create_feed(const http::request& req, const path_params& p, hub& h) {
    auto who_or = timetable_reader(req, p, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    rapidjson::Document doc;
    if (interop::json::parse_bounded(req.body, doc) || !doc.IsObject() || !doc.HasMember("audience") || !doc["audience"].IsString())
        return http::error_response(400, "invalid_body", R"(expected {"audience": "school|class|group|teacher|pupil|room", "id": …})");
    calendar_token_row t;
    t.school = p.at("uai");
    t.audience = doc["audience"].GetString();
    const auto kind = calendar_feeds::kind_of_audience(t.audience);
    if (!kind) return http::error_response(400, "invalid_audience", "no audience named " + t.audience);
    t.audience_id = t.audience == "school" ? t.school : (doc.HasMember("id") && doc["id"].IsString() ? doc["id"].GetString() : "");
    if (is_person_kind(*kind)) {
        const auto real = presenter(who, h.pseudonym_key()).real_person_id(h.db(), t.school, t.audience_id);
        t.audience_id = real.value_or("");
    }
    if (!h.db().record({*kind, t.school, t.audience_id})) return http::error_response(404, "not_found", "no such " + t.audience);
    const auto token = random_hex(32);
    t.id = "cal_" + random_hex(8);
    t.token_hash = sha256_hex(token);
    t.client = who.client;
    t.created_at = h.now();
    h.db().add_calendar_token(t);
    h.audit().record({0, h.now(), who.client, "calendar.add", t.school, *kind, 1, t.id + " " + t.audience, "", ""});
    const auto path = "/v1/calendars/" + token + ".ics";
    json_writer w;
    w.StartObject();
    w.member("id", t.id).member("audience", t.audience).member("path", path).member("url", feed_url(req, h, path));
    w.EndObject();
    auto res = http::json_response(201, w.str());
    res.set("Location", path);
    return res;
}

http::response list_feeds(const http::request& req, const path_params& p, hub& h) {
    auto who_or = timetable_reader(req, p, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    json_writer w;
    w.StartObject();
    w.Key("calendars");
    w.StartArray();
    for (const auto& t : h.db().calendar_tokens(p.at("uai"))) write_token(w, t);
    w.EndArray();
    w.EndObject();
    return http::json_response(200, w.str());
}

http::response revoke(const http::request& req, const path_params& p, hub& h) {
    auto who_or = timetable_reader(req, p, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto t = h.db().calendar_token(p.at("id"));
    if (!t || t->school != p.at("uai")) return http::error_response(404, "not_found", "no such calendar");
    h.db().revoke_calendar_token(t->id);
    h.feeds().forget_tokens();
    h.audit().record({0, h.now(), std::get<principal>(who_or).client, "calendar.revoke", t->school, "", 0, t->id, "", ""});
    return http::no_content();
}

http::response feed_of(const http::request& req, const path_params& p, hub& h) {
    const auto& file = p.at("file");
    auto not_found = [] { return http::error_response(404, "not_found", "no such calendar"); }; // built only when needed: feeds are hot
    if (!file.ends_with(".ics")) return not_found();
    const auto t = h.feeds().token(sha256_hex(file.substr(0, file.size() - 4)));
    if (!t) return not_found();
    std::shared_ptr<const feed> f;
    try {
        f = h.feeds().get(t->school, t->audience, t->audience_id, h.changes().version());
    } catch (const interop::error& e) { // the school's data cannot be laid on dates (no school year, no validity)
        return http::error_response(409, "feed_unavailable", e.what());
    }
    if (!f) return not_found();
    http::response res;
    res.set("ETag", f->etag).set("Cache-Control", "no-cache");
    if (req.header("if-none-match") == f->etag) {
        res.status = 304;
        return res;
    }
    res.body = f->body;
    res.set("Content-Type", "text/calendar; charset=utf-8");
    return res;
}

} // namespace

void add_calendar_routes(router& r) {
    r.add({"POST", "/v1/schools/{uai}/calendars", create_feed});
    r.add({"GET", "/v1/schools/{uai}/calendars", list_feeds});
    r.add({"DELETE", "/v1/schools/{uai}/calendars/{id}", revoke});
    r.add({"GET", "/v1/calendars/{file}", feed_of});
}

} // namespace hubd
