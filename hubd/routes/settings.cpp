// A school's settings documents (GET/PUT /v1/schools/{uai}/settings/{name}, scope admin) and the
// test clock (PUT/DELETE /v1/test/clock, when the configuration allows one).
#include "hub.hpp"
#include "json_writer.hpp"
#include "routes/access.hpp"
#include "routes/routes.hpp"

#include <interop/errors.hpp>
#include <interop/json/bounded.hpp>

#include <rapidjson/document.h>

#include <algorithm>

namespace hubd {

namespace {

template <class F> http::response as_school_admin(const http::request& req, const path_params& p, hub& h, F&& f) {
    auto who = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who)) return std::move(*refused);
    const auto& admin = std::get<principal>(who);
    if (!admin.sees(p.at("uai"))) return no_such_school();
    if (!admin.has_scope("admin")) return missing_scope("admin");
    const auto& name = p.at("name");
    if (std::find(school_setting_names.begin(), school_setting_names.end(), name) == school_setting_names.end())
        return http::error_response(404, "not_found", "no settings named " + name + " (policy, notifications)");
    return f(admin, name);
}

http::response get_setting(const http::request& req, const path_params& p, hub& h) {
    return as_school_admin(req, p, h, [&](const principal&, const std::string& name) {
        const auto s = h.db().notifications().school_setting(p.at("uai"), name);
        if (!s) return http::error_response(404, "not_found", "the school has not set " + name + "; the defaults apply");
        return http::json_response(200, s->first);
    });
}

http::response put_setting(const http::request& req, const path_params& p, hub& h) {
    return as_school_admin(req, p, h, [&](const principal& admin, const std::string& name) {
        try {
            check_school_setting(name, req.body);
        } catch (const interop::error& e) {
            return http::error_response(400, "invalid_settings", e.what());
        }
        h.db().notifications().put_school_setting(p.at("uai"), name, req.body, h.now());
        h.audit().record({0, h.now(), admin.client, "settings.put", p.at("uai"), "", 0, name + " " + req.body, "", ""});
        return http::no_content();
    });
}

bool may_set_clock(const principal& who) {
    return who.has_scope("admin") ||
           std::any_of(who.scopes.begin(), who.scopes.end(), [](const std::string& s) { return s.ends_with(":write"); });
}

http::response set_clock(const http::request& req, const path_params&, hub& h) {
    if (!h.settings().test_clock) return http::error_response(404, "not_found", "this hub has no test clock");
    auto who = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who)) return std::move(*refused);
    const auto& caller = std::get<principal>(who);
    if (!may_set_clock(caller)) return missing_scope("<domain>:write");
    millis at = 0;
    if (req.method == "PUT") {
        rapidjson::Document d;
        const auto t = !interop::json::parse_bounded(req.body, d) && d.IsObject() && d.HasMember("now") && d["now"].IsString()
                           ? parse_test_instant(d["now"].GetString())
                           : std::nullopt;
        if (!t) return http::error_response(400, "invalid_body", R"(expected {"now": "2026-12-04T21:30:00+01:00"}, with its offset)");
        at = *t;
    }
    h.set_test_now(at);
    h.audit().record({0, h.now(), caller.client, "test_clock", "", "", 0, at ? iso_time(at) : "real time", "", ""});
    return http::no_content();
}

} // namespace

void add_settings_routes(router& r) {
    r.add({"GET", "/v1/schools/{uai}/settings/{name}", get_setting});
    r.add({"PUT", "/v1/schools/{uai}/settings/{name}", put_setting});
    r.add({"PUT", "/v1/test/clock", set_clock});
    r.add({"DELETE", "/v1/test/clock", set_clock});
}

} // namespace hubd
