// GET /v1/schools, /v1/schools/{uai}/{kind} (filters, cursor paging, fields=), /v1/schools/{uai}/{kind}/{id}.
#include "hub.hpp"
#include "json_writer.hpp"
#include "routes/access.hpp"
#include "routes/family_view.hpp"
#include "routes/present.hpp"
#include "routes/routes.hpp"

#include <interop/json/bounded.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <ctime>

namespace hubd {

namespace {

bool any_read_scope(const principal& who) {
    return std::any_of(who.scopes.begin(), who.scopes.end(), [](const std::string& s) { return s.ends_with(":read"); });
}

bool is_day(std::string_view s) {
    if (s.size() != 10) return false;
    for (std::size_t i = 0; i < 10; ++i)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
    return true;
}

/** `YYYY-MM-DDTHH:MM:SSZ` (fraction allowed) → milliseconds. */
std::optional<millis> parse_instant(const std::string& s) {
    std::tm tm{};
    int ms = 0;
    char z = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return std::nullopt;
    auto rest = s.substr(std::min<std::size_t>(19, s.size()));
    if (rest.starts_with(".")) {
        std::size_t digits = 1;
        while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
        ms = std::stoi((rest.substr(1, std::min<std::size_t>(3, digits - 1)) + "00").substr(0, 3));
        rest = rest.substr(digits);
    }
    if (rest.size() == 1) z = rest[0];
    if (z != 'Z' || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31) return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<millis>(timegm(&tm)) * 1000 + ms;
}

/** Keeps only the named top-level members of a record's JSON. */
void write_fields(json_writer& w, const std::string& json, const std::vector<std::string>& fields) {
    rapidjson::Document doc;
    if (fields.empty() || interop::json::parse_bounded(json, doc) || !doc.IsObject()) return w.raw(json);
    w.StartObject();
    for (const auto& m : doc.GetObject())
        if (std::find(fields.begin(), fields.end(), m.name.GetString()) != fields.end()) {
            w.Key(m.name.GetString(), m.name.GetStringLength());
            m.value.Accept(w);
        }
    w.EndObject();
}

struct kind_request {
    const kind_info* kind = nullptr;
    std::optional<http::response> refused;
};

/** The kind in the path, checked against the caller: unknown kind or school 404, missing scope 403. */
kind_request check_kind(const http::request& req, const path_params& p, hub& h, principal& who) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return {nullptr, std::move(*refused)};
    who = std::get<principal>(who_or);
    const auto* k = find_kind(p.at("kind"));
    if (!k) return {nullptr, http::error_response(404, "not_found", "no kind named " + p.at("kind"))};
    if (!who.sees(p.at("uai"))) return {nullptr, no_such_school()};
    if (!who.has_scope(scope_for(*k, false))) return {nullptr, missing_scope(scope_for(*k, false))};
    return {k, std::nullopt};
}

std::optional<http::response> read_filters(const http::request& req, record_query& q, const presenter& p, hub& h) {
    if (auto v = req.param("updated_after")) {
        q.updated_after = parse_instant(*v);
        if (!q.updated_after) return http::error_response(400, "invalid_parameter", "updated_after must be like 2026-11-29T08:00:00Z");
    }
    q.member_of = req.param("class");
    if (!q.member_of) q.member_of = req.param("group");
    if (auto person = req.param("person")) {
        q.person = p.real_person_id(h.db(), q.school, *person);
        if (!q.person) q.person = "\x01 nobody"; // a pseudonym that names no one: nothing matches
    }
    q.from = req.param("from");
    q.to = req.param("to");
    if ((q.from && !is_day(*q.from)) || (q.to && !is_day(*q.to)))
        return http::error_response(400, "invalid_parameter", "from and to must be days like 2026-11-30");
    if (auto c = req.param("cursor")) {
        auto id = p.cursor_id(*c);
        if (!id) return http::error_response(400, "invalid_parameter", "cursor is not one this hub gave");
        q.after_id = *id;
    }
    return std::nullopt;
}

std::optional<http::response> unknown_field(const std::string& kind, const std::vector<std::string>& fields) {
    const auto& known = kind_fields(kind);
    for (const auto& f : fields)
        if (std::find(known.begin(), known.end(), f) == known.end())
            return http::error_response(400, "invalid_field", "records of kind " + kind + " have no field " + f);
    return std::nullopt;
}

/** Everything that shapes what a client is shown, so that two clients share an answer only when they would get the same. */
std::string cache_key(const principal& who, const std::string& target) {
    std::string key = who.client + (who.pseudonymous ? "|p|" : "|");
    for (const auto& [kind, fields] : who.profile) {
        key += kind + ":";
        for (const auto& f : fields) key += f + ",";
    }
    return key + "|" + target;
}

std::shared_ptr<const response_cache::entry> render_page(hub& h, record_query q, const presenter& view, const std::vector<std::string>& fields,
                                                        family_view& family) {
    ++q.limit; // one more tells whether there is a next page
    auto records = h.db().records(q);
    const bool more = records.size() == q.limit;
    if (more) records.pop_back();
    const auto cursor = more ? view.cursor(records.back().id) : std::string();
    std::erase_if(records, [&](const stored_record& r) { return !family.sees(r); }); // a page may come out short
    json_writer w;
    w.StartObject();
    w.Key("items");
    w.StartArray();
    for (const auto& r : records) write_fields(w, view.record(r), fields);
    w.EndArray();
    if (more) w.member("next_cursor", cursor);
    w.EndObject();
    return std::make_shared<response_cache::entry>(response_cache::entry{w.str(), records.size()});
}

http::response list_schools(const http::request& req, const path_params&, hub& h) {
    auto who_or = authenticate(req, h);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    if (!any_read_scope(who)) return missing_scope("<domain>:read");
    json_writer w;
    w.StartObject();
    w.Key("schools");
    w.StartArray();
    for (const auto& uai : h.db().schools()) {
        if (!who.sees(uai)) continue;
        w.StartObject();
        w.member("uai", uai);
        if (auto rec = h.db().record({"school", uai, uai})) {
            w.Key("record");
            w.raw(rec->json);
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return http::json_response(200, w.str());
}

http::response list_records(const http::request& req, const path_params& p, hub& h) {
    principal who;
    auto checked = check_kind(req, p, h, who);
    if (checked.refused) return std::move(*checked.refused);
    std::optional<http::response> bad;
    const auto limit = number_param(req, "limit", h.settings().max_page, bad);
    if (bad) return std::move(*bad);
    record_query q;
    q.school = p.at("uai");
    q.kind = std::string(checked.kind->kind);
    q.limit = limit.value_or(h.settings().default_page);
    if (q.limit == 0) q.limit = h.settings().default_page;
    const presenter view(who, h.pseudonym_key());
    if (auto refused = read_filters(req, q, view, h)) return std::move(*refused);
    const auto fields = list_param(req, "fields");
    if (auto refused = unknown_field(q.kind, fields)) return std::move(*refused);
    const auto key = cache_key(who, req.target);
    const auto version = h.changes().version(); // before the store is read: a commit meanwhile makes it stale
    family_view family(who, h);
    auto answer = family.active() ? nullptr : h.answers().get(key, version); // what families see changes with the time
    if (!answer) {
        answer = render_page(h, q, view, fields, family);
        if (!family.active()) h.answers().put(key, version, answer);
    }
    if (checked.kind->personal && answer->records)
        h.audit().record({0, h.now(), who.client, "read", q.school, q.kind, answer->records, req.target, "", ""});
    return http::json_response(200, answer->body);
}

http::response get_record(const http::request& req, const path_params& p, hub& h) {
    principal who;
    auto checked = check_kind(req, p, h, who);
    if (checked.refused) return std::move(*checked.refused);
    const presenter view(who, h.pseudonym_key());
    const std::string kind(checked.kind->kind);
    const auto id = is_person_kind(kind) ? view.real_person_id(h.db(), p.at("uai"), p.at("id")) : p.at("id");
    const auto rec = id ? h.db().record({kind, p.at("uai"), *id}) : std::nullopt;
    if (!rec || !family_view(who, h).sees(*rec)) return http::error_response(404, "not_found", "no such record");
    if (checked.kind->personal) h.audit().record({0, h.now(), who.client, "read", rec->school, rec->kind, 1, req.target, "", ""});
    return http::json_response(200, view.record(*rec));
}

} // namespace

void add_school_routes(router& r) {
    r.add({"GET", "/v1/schools", list_schools});
    r.add({"GET", "/v1/schools/{uai}/{kind}", list_records});
    r.add({"GET", "/v1/schools/{uai}/{kind}/{id}", get_record});
}

} // namespace hubd
