// Webhooks: POST/GET /v1/subscriptions, GET/DELETE /v1/subscriptions/{id}, GET /v1/subscriptions/{id}/deliveries.
#include "auth/encoding.hpp"
#include "hub.hpp"
#include "json_writer.hpp"
#include "routes/access.hpp"
#include "routes/routes.hpp"

#include <interop/json/bounded.hpp>
#include <rapidjson/document.h>

namespace hubd {

namespace {

void write_subscription(json_writer& w, const subscription_row& s, bool with_secret) {
    w.StartObject();
    w.member("id", s.id).member("client", s.client).member("url", s.url).member("kinds", s.kinds).member("schools", s.schools);
    if (with_secret) w.member("secret", s.secret);
    w.member("created_at", iso_time(s.created_at)).member("active", s.active);
    w.EndObject();
}

std::optional<std::vector<std::string>> strings(const rapidjson::Value& doc, const char* name) {
    std::vector<std::string> out;
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd()) return out;
    if (!it->value.IsArray()) return std::nullopt;
    for (const auto& v : it->value.GetArray()) {
        if (!v.IsString()) return std::nullopt;
        out.emplace_back(v.GetString(), v.GetStringLength());
    }
    return out;
}

/** The subscription in the path if the caller owns it (or is admin); else the 404 to send. */
std::variant<subscription_row, http::response> owned(const principal& who, const path_params& p, hub& h) {
    auto sub = h.db().subscription(p.at("id"));
    if (!sub || (sub->client != who.client && !who.has_scope("admin"))) return http::error_response(404, "not_found", "no such subscription");
    return *sub;
}

http::response create(const http::request& req, const path_params&, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    rapidjson::Document doc;
    if (interop::json::parse_bounded(req.body, doc) || !doc.IsObject() || !doc.HasMember("url") || !doc["url"].IsString())
        return http::error_response(400, "invalid_body", R"(expected {"url": …, "kinds": […], "schools": […], "secret": …})");
    subscription_row s;
    s.url = doc["url"].GetString();
    if (!s.url.starts_with("http://") && !s.url.starts_with("https://"))
        return http::error_response(400, "invalid_url", "the url must be http:// or https://");
    const auto kinds = strings(doc, "kinds"), schools = strings(doc, "schools");
    if (!kinds || !schools) return http::error_response(400, "invalid_body", "kinds and schools must be arrays of strings");
    for (const auto& name : *kinds) {
        const auto* k = find_kind(name);
        if (!k) return http::error_response(400, "unknown_kind", "no kind named " + name);
        if (!who.has_scope(scope_for(*k, false))) return missing_scope(scope_for(*k, false));
        s.kinds.emplace_back(k->kind);
    }
    if (s.kinds.empty()) // every kind it may read, fixed now: a later scope change does not widen it
        for (const auto& k : all_kinds())
            if (who.has_scope(scope_for(k, false))) s.kinds.emplace_back(k.kind);
    if (s.kinds.empty()) return missing_scope("<domain>:read");
    for (const auto& school : *schools)
        if (!who.sees(school)) return no_such_school();
    s.schools = schools->empty() ? who.schools : *schools;
    s.secret = doc.HasMember("secret") && doc["secret"].IsString() ? doc["secret"].GetString() : random_hex(32);
    if (s.secret.size() < 16) return http::error_response(400, "weak_secret", "a secret needs at least 16 characters");
    s.id = "sub_" + random_hex(8);
    s.client = who.client;
    s.created_at = h.now();
    h.db().add_subscription(s);
    h.audit().record({0, h.now(), who.client, "subscription.add", "", "", 0, s.id + " " + s.url, "", ""});
    json_writer w;
    write_subscription(w, s, true);
    auto res = http::json_response(201, w.str());
    res.set("Location", "/v1/subscriptions/" + s.id);
    return res;
}

http::response list(const http::request& req, const path_params&, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    json_writer w;
    w.StartObject();
    w.Key("subscriptions");
    w.StartArray();
    for (const auto& s : h.db().subscriptions(who.has_scope("admin") ? "" : who.client)) write_subscription(w, s, false);
    w.EndArray();
    w.EndObject();
    return http::json_response(200, w.str());
}

http::response show(const http::request& req, const path_params& p, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    auto sub = owned(std::get<principal>(who_or), p, h);
    if (auto* refused = std::get_if<http::response>(&sub)) return std::move(*refused);
    json_writer w;
    write_subscription(w, std::get<subscription_row>(sub), false);
    return http::json_response(200, w.str());
}

http::response remove(const http::request& req, const path_params& p, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    auto sub = owned(std::get<principal>(who_or), p, h);
    if (auto* refused = std::get_if<http::response>(&sub)) return std::move(*refused);
    h.db().deactivate_subscription(p.at("id"));
    h.audit().record({0, h.now(), std::get<principal>(who_or).client, "subscription.delete", "", "", 0, p.at("id"), "", ""});
    return http::no_content();
}

http::response delivery_log(const http::request& req, const path_params& p, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    auto sub = owned(std::get<principal>(who_or), p, h);
    if (auto* refused = std::get_if<http::response>(&sub)) return std::move(*refused);
    std::optional<http::response> bad;
    const auto limit = number_param(req, "limit", 1000, bad);
    if (bad) return std::move(*bad);
    json_writer w;
    w.StartObject();
    w.Key("deliveries");
    w.StartArray();
    for (const auto& d : h.db().deliveries(p.at("id"), limit.value_or(100))) {
        w.StartObject();
        w.member("id", d.id).member("status", d.status).member("first_seq", d.first_seq).member("last_seq", d.last_seq);
        w.member("attempts", d.attempts).member("created_at", iso_time(d.created_at));
        if (d.status == "pending") w.member("next_attempt_at", iso_time(d.next_attempt_at));
        if (d.delivered_at) w.member("delivered_at", iso_time(*d.delivered_at));
        if (!d.last_error.empty()) w.member("last_error", d.last_error);
        w.Key("log");
        w.StartArray();
        for (const auto& a : h.db().attempts(d.id)) {
            w.StartObject();
            w.member("attempt", a.attempt).member("at", iso_time(a.at)).member("status", a.status_code).member("duration_ms", a.duration_ms);
            if (!a.error.empty()) w.member("error", a.error);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return http::json_response(200, w.str());
}

} // namespace

void add_subscription_routes(router& r) {
    r.add({"POST", "/v1/subscriptions", create});
    r.add({"GET", "/v1/subscriptions", list});
    r.add({"GET", "/v1/subscriptions/{id}", show});
    r.add({"DELETE", "/v1/subscriptions/{id}", remove});
    r.add({"GET", "/v1/subscriptions/{id}/deliveries", delivery_log});
}

} // namespace hubd
