// The admin API for clients: POST/GET /v1/clients, DELETE /v1/clients/{id} (scope admin).
#include "hub.hpp"
#include "json_writer.hpp"
#include "routes/access.hpp"
#include "routes/routes.hpp"

#include <interop/json/bounded.hpp>
#include <rapidjson/document.h>

#include <algorithm>

namespace hubd {

namespace {

void write_client(json_writer& w, const client_row& c) {
    w.StartObject();
    w.member("client_id", c.id).member("name", c.name).member("scopes", c.scopes).member("schools", c.schools);
    w.member("created_at", iso_time(c.created_at)).member("revoked", c.revoked).member("pseudonymous", c.pseudonymous);
    if (!c.audience.empty()) w.member("audience", c.audience);
    if (!c.profile.empty()) {
        w.Key("fields");
        w.raw(c.profile);
    }
    w.EndObject();
}

std::optional<std::vector<std::string>> string_array(const rapidjson::Value& doc, const char* name) {
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsArray()) return std::nullopt;
    std::vector<std::string> out;
    for (const auto& v : it->value.GetArray()) {
        if (!v.IsString() || v.GetStringLength() == 0) return std::nullopt;
        out.emplace_back(v.GetString(), v.GetStringLength());
    }
    return out;
}

struct profile_result {
    std::string json;  ///< the profile column (empty: no profile)
    std::string error; ///< set when the request's profile is not valid
};

/** `"fields": {"kind": ["field", …]}` checked against the model. */
profile_result profile_of(const rapidjson::Value& doc) {
    auto it = doc.FindMember("fields");
    if (it == doc.MemberEnd()) return {};
    if (!it->value.IsObject()) return {"", "fields must be an object"};
    json_writer w;
    w.StartObject();
    for (const auto& m : it->value.GetObject()) {
        const auto* k = find_kind(m.name.GetString());
        if (!k || !m.value.IsArray())
            return {"", std::string("no kind named ") + m.name.GetString()};
        w.Key(k->kind.data(), static_cast<rapidjson::SizeType>(k->kind.size()));
        w.StartArray();
        for (const auto& f : m.value.GetArray()) {
            const auto& known = kind_fields(k->kind);
            if (!f.IsString() || std::find(known.begin(), known.end(), f.GetString()) == known.end())
                return {"", "records of kind " + std::string(k->kind) + " have no such field"};
            w.value(f.GetString());
        }
        w.EndArray();
    }
    w.EndObject();
    return {w.str(), ""};
}

/** `"audience": "families"` makes a family-facing client; nullopt when the member holds anything else. */
std::optional<std::string> audience_of(const rapidjson::Value& doc) {
    auto it = doc.FindMember("audience");
    if (it == doc.MemberEnd()) return "";
    if (!it->value.IsString() || it->value.GetString() != std::string_view("families")) return std::nullopt;
    return "families";
}

bool pseudonymous_of(const rapidjson::Value& doc) {
    auto it = doc.FindMember("pseudonymous");
    return it != doc.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

template <class F> http::response as_admin(const http::request& req, hub& h, F&& f) {
    auto who = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who)) return std::move(*refused);
    if (!std::get<principal>(who).has_scope("admin")) return missing_scope("admin");
    return f(std::get<principal>(who));
}

http::response add_client(const http::request& req, const path_params&, hub& h) {
    return as_admin(req, h, [&](const principal& admin) {
        rapidjson::Document doc;
        if (interop::json::parse_bounded(req.body, doc) || !doc.IsObject() || !doc.HasMember("name") || !doc["name"].IsString())
            return http::error_response(400, "invalid_body", R"(expected {"name": …, "scopes": […], "schools": […]})");
        const auto scopes = string_array(doc, "scopes"), schools = string_array(doc, "schools");
        if (!scopes || !schools) return http::error_response(400, "invalid_body", "scopes and schools must be arrays of strings");
        for (const auto& s : *scopes)
            if (std::find(known_scopes().begin(), known_scopes().end(), s) == known_scopes().end())
                return http::error_response(400, "invalid_scope", "unknown scope " + s);
        const auto profile = profile_of(doc);
        if (!profile.error.empty()) return http::error_response(400, "invalid_profile", profile.error);
        const auto audience = audience_of(doc);
        if (!audience) return http::error_response(400, "invalid_body", R"(audience is "families" or absent)");
        auto [row, secret] = h.auth().add_client(doc["name"].GetString(), *scopes, *schools);
        if (!profile.json.empty() || pseudonymous_of(doc)) h.db().set_client_profile(row.id, profile.json, pseudonymous_of(doc));
        if (!audience->empty()) h.db().set_client_audience(row.id, *audience);
        h.audit().record({0, h.now(), admin.client, "client.add", "", "", 0, row.id + " " + row.name, "", ""});
        json_writer w;
        w.StartObject();
        w.member("client_id", row.id).member("client_secret", secret).member("name", row.name);
        w.member("scopes", row.scopes).member("schools", row.schools);
        if (!audience->empty()) w.member("audience", *audience);
        w.EndObject();
        auto res = http::json_response(201, w.str());
        res.set("Location", "/v1/clients/" + row.id);
        return res;
    });
}

http::response list_clients(const http::request& req, const path_params&, hub& h) {
    return as_admin(req, h, [&](const principal&) {
        json_writer w;
        w.StartObject();
        w.Key("clients");
        w.StartArray();
        for (const auto& c : h.db().clients()) write_client(w, c);
        w.EndArray();
        w.EndObject();
        return http::json_response(200, w.str());
    });
}

http::response set_profile(const http::request& req, const path_params& p, hub& h) {
    return as_admin(req, h, [&](const principal& admin) {
        rapidjson::Document doc;
        if (interop::json::parse_bounded(req.body, doc) || !doc.IsObject())
            return http::error_response(400, "invalid_body", R"(expected {"fields": {"kind": ["field", …]}, "pseudonymous": true|false})");
        const auto profile = profile_of(doc);
        if (!profile.error.empty()) return http::error_response(400, "invalid_profile", profile.error);
        if (!h.db().set_client_profile(p.at("id"), profile.json, pseudonymous_of(doc)))
            return http::error_response(404, "not_found", "no such client");
        h.auth().forget(p.at("id"));
        h.audit().record({0, h.now(), admin.client, "client.profile", "", "", 0, p.at("id") + " " + profile.json, "", ""});
        return http::no_content();
    });
}

http::response revoke_client(const http::request& req, const path_params& p, hub& h) {
    return as_admin(req, h, [&](const principal& admin) {
        if (!h.db().revoke_client(p.at("id"))) return http::error_response(404, "not_found", "no such client");
        h.auth().forget(p.at("id"));
        h.audit().record({0, h.now(), admin.client, "client.revoke", "", "", 0, p.at("id"), "", ""});
        return http::no_content();
    });
}

} // namespace

void add_client_routes(router& r) {
    r.add({"POST", "/v1/clients", add_client});
    r.add({"GET", "/v1/clients", list_clients});
    r.add({"DELETE", "/v1/clients/{id}", revoke_client});
    r.add({"PUT", "/v1/clients/{id}/profile", set_profile});
}

} // namespace hubd
