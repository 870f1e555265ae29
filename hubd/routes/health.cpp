// GET /healthz (the process answers) and GET /readyz (the store answers too).
#include "hub.hpp"
#include "json_writer.hpp"
#include "policy/school_rules.hpp"
#include "routes/routes.hpp"

namespace hubd {

namespace {

http::response healthz(const http::request&, const path_params&, hub&) { return http::json_response(200, R"({"status":"ok"})"); }

http::response readyz(const http::request&, const path_params&, hub& h) {
    json_writer w;
    w.StartObject();
    try {
        const auto seq = h.db().last_seq();
        w.member("status", "ready").member("last_seq", seq);
        // What degrades with the date, said where operators look.
        w.Key("warnings");
        w.StartArray();
        if (const auto holidays = holidays_warning(h.policy_now())) w.String(holidays->c_str(), static_cast<rapidjson::SizeType>(holidays->size()));
        w.EndArray();
        w.EndObject();
        return http::json_response(200, w.str());
    } catch (const std::exception&) {
        return http::error_response(503, "store_unavailable", "the store does not answer");
    }
}

http::response prometheus(const http::request&, const path_params&, hub& h) {
    http::response res;
    res.body = h.metrics().render(h.db());
    res.set("Content-Type", "text/plain; version=0.0.4");
    return res;
}

} // namespace

void add_health_routes(router& r) {
    r.add({"GET", "/healthz", healthz});
    r.add({"GET", "/readyz", readyz});
    r.add({"GET", "/metrics", prometheus});
}

} // namespace hubd
