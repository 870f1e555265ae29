// GET /v1/changes?after=SEQ&kinds=&school=&limit=&wait=SECONDS: the change feed, with long-poll.
#include "hub.hpp"
#include "json_writer.hpp"
#include "routes/access.hpp"
#include "routes/family_view.hpp"
#include "routes/present.hpp"
#include "routes/routes.hpp"

#include <algorithm>

namespace hubd {

namespace {

/** The kinds asked for that the caller may read; `denied` names a scope when one asked kind is not readable. */
std::vector<std::string> readable_kinds(const principal& who, const std::vector<std::string>& asked, std::string& denied,
                                        std::string& unknown) {
    std::vector<std::string> out;
    if (asked.empty()) {
        for (const auto& k : all_kinds())
            if (who.has_scope(scope_for(k, false))) out.emplace_back(k.kind);
        if (out.empty()) denied = "<domain>:read";
        return out;
    }
    for (const auto& name : asked) {
        const auto* k = find_kind(name);
        if (!k) {
            unknown = name;
        } else if (!who.has_scope(scope_for(*k, false))) {
            denied = scope_for(*k, false);
        } else {
            out.emplace_back(k->kind);
        }
    }
    return out;
}

/** The page; a family-facing client is not told of records it may not see yet (the feed announces them again when it may). */
std::string changes_json(const std::vector<change_entry>& changes, std::uint64_t after, const presenter& p, family_view& family) {
    json_writer w;
    w.StartObject();
    w.Key("changes");
    w.StartArray();
    for (const auto& c : changes) {
        if (!family.sees(c)) continue;
        w.StartObject();
        w.member("seq", c.seq).member("op", to_string(c.op)).member("kind", c.kind).member("school", c.school).member("id", p.id(c.kind, c.school, c.id));
        w.member("at", iso_time(c.at)).member("import", c.import_id);
        w.EndObject();
    }
    w.EndArray();
    w.member("next_after", changes.empty() ? after : changes.back().seq);
    w.EndObject();
    return w.str();
}

http::response get_changes(const http::request& req, const path_params&, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    std::optional<http::response> bad;
    const auto after = number_param(req, "after", UINT64_MAX >> 1, bad);
    const auto limit = number_param(req, "limit", h.settings().max_page, bad);
    const auto wait = number_param(req, "wait", static_cast<std::uint64_t>(h.settings().max_wait_seconds), bad);
    if (bad) return std::move(*bad);
    std::string denied, unknown;
    change_query q;
    q.kinds = readable_kinds(who, list_param(req, "kinds"), denied, unknown);
    if (!unknown.empty()) return http::error_response(400, "unknown_kind", "no kind named " + unknown);
    if (!denied.empty()) return missing_scope(denied);
    q.schools = list_param(req, "school");
    for (const auto& s : q.schools)
        if (!who.sees(s)) return no_such_school();
    if (q.schools.empty() && !who.sees("*")) q.schools = who.schools; // a client limited to its schools
    const presenter p(who, h.pseudonym_key());
    family_view family(who, h);
    if (q.schools.empty() && !who.sees("*")) return http::json_response(200, changes_json({}, after.value_or(0), p, family));
    q.after = after.value_or(0);
    q.limit = limit.value_or(h.settings().default_page);
    if (q.limit == 0) q.limit = h.settings().default_page;
    const auto changes = h.db().changes(q);
    auto res = http::json_response(200, changes_json(changes, q.after, p, family));
    if (changes.empty() && wait.value_or(0) > 0)
        res.hold_until = std::chrono::steady_clock::now() + std::chrono::seconds(*wait);
    return res;
}

} // namespace

void add_change_routes(router& r) { r.add({"GET", "/v1/changes", get_changes}); }

} // namespace hubd
