// GET /v1/audit (entries) and GET /v1/audit/checkpoint (the signed head), scope audit.
#include "auth/jwt.hpp"
#include "hub.hpp"
#include "json_writer.hpp"
#include "routes/access.hpp"
#include "routes/routes.hpp"

namespace hubd {

namespace {

template <class F> http::response as_auditor(const http::request& req, hub& h, F&& f) {
    auto who = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who)) return std::move(*refused);
    if (!std::get<principal>(who).has_scope("audit")) return missing_scope("audit");
    return f();
}

http::response entries(const http::request& req, const path_params&, hub& h) {
    return as_auditor(req, h, [&] {
        std::optional<http::response> bad;
        const auto after = number_param(req, "after", UINT64_MAX >> 1, bad);
        const auto limit = number_param(req, "limit", 10000, bad);
        if (bad) return std::move(*bad);
        h.audit().flush();
        json_writer w;
        w.StartObject();
        w.Key("entries");
        w.StartArray();
        for (const auto& e : h.db().audit(after.value_or(0), limit.value_or(1000))) {
            w.StartObject();
            w.member("seq", e.seq).member("at", e.at).member("actor", e.actor).member("action", e.action).member("school", e.school);
            w.member("kind", e.kind).member("count", e.count).member("detail", e.detail).member("prev_hash", e.prev_hash).member("hash", e.hash);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return http::json_response(200, w.str());
    });
}

http::response checkpoint(const http::request& req, const path_params&, hub& h) {
    return as_auditor(req, h, [&] {
        h.audit().flush();
        const auto last = h.db().audit_head();
        const std::uint64_t seq = last ? last->seq : 0;
        const std::string head = last ? last->hash : audit_genesis;
        json_writer payload;
        payload.StartObject();
        payload.member("iss", h.settings().auth.issuer).member("seq", seq).member("hash", head).member("at", iso_time(h.now()));
        payload.EndObject();
        json_writer w;
        w.StartObject();
        w.member("seq", seq).member("hash", head).member("key_id", h.auth().key().id());
        w.member("checkpoint", sign_jws(payload.str(), h.auth().key(), "interop-audit-checkpoint"));
        w.EndObject();
        return http::json_response(200, w.str());
    });
}

} // namespace

void add_audit_routes(router& r) {
    r.add({"GET", "/v1/audit", entries});
    r.add({"GET", "/v1/audit/checkpoint", checkpoint});
}

} // namespace hubd
