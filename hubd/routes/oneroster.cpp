// OneRoster 1.2 REST binding, read side: /ims/oneroster/rostering/v1p2/… and
// /ims/oneroster/gradebook/v1p2/…, collections with /{sourcedId}, the nested collections,
// and the query (filter, sort, orderBy, limit, offset, fields) with X-Total-Count and Link.
#include "hub.hpp"
#include "oneroster_rest/rest_access.hpp"
#include "oneroster_rest/rest_query.hpp"
#include "oneroster_rest/rest_view.hpp"
#include "routes/routes.hpp"

#include "oneroster/oneroster_vocabulary.hpp"

#include <algorithm>
#include <set>

namespace hubd {

namespace {

using namespace oneroster_rest;
using object_list = std::vector<const rapidjson::Value*>;
using school_list = std::vector<std::shared_ptr<const school_objects>>;

/** A collection as the binding serves it: its path, the package file behind it, its JSON wrappers and what it keeps. */
struct collection {
    std::string_view path, file, many, one;
    service svc;
    std::string_view keep_field = {}, keep_value = {}; ///< `type` = school, `role` = student (among the user's roles)
};

constexpr collection collections[] = {
    {"academicSessions", "academicSessions", "academicSessions", "academicSession", service::rostering},
    {"classes", "classes", "classes", "class", service::rostering},
    {"courses", "courses", "courses", "course", service::rostering},
    {"demographics", "demographics", "demographics", "demographics", service::demographics},
    {"enrollments", "enrollments", "enrollments", "enrollment", service::rostering},
    {"gradingPeriods", "academicSessions", "academicSessions", "academicSession", service::rostering, "type", "gradingPeriod"},
    {"orgs", "orgs", "orgs", "org", service::rostering},
    {"schools", "orgs", "orgs", "org", service::rostering, "type", "school"},
    {"students", "users", "users", "user", service::rostering, "role", "student"},
    {"teachers", "users", "users", "user", service::rostering, "role", "teacher"},
    {"terms", "academicSessions", "academicSessions", "academicSession", service::rostering, "type", "term"},
    {"users", "users", "users", "user", service::rostering},
    {"categories", "categories", "categories", "category", service::gradebook_read},
    {"lineItems", "lineItems", "lineItems", "lineItem", service::gradebook_read},
    {"results", "results", "results", "result", service::gradebook_read},
    {"scoreScales", "scoreScales", "scoreScales", "scoreScale", service::gradebook_read},
};

const collection& named(std::string_view path) {
    for (const auto& c : collections)
        if (c.path == path) return c;
    throw std::logic_error("no OneRoster collection " + std::string(path));
}

bool personal(const collection& c) { return c.file == "users" || c.file == "demographics" || c.file == "enrollments" || c.file == "results"; }

/** A read of personal data in the audit log: who, what, how many; the schools are the client's (`*`: all). */
void audit_read(hub& h, const principal& who, const collection& c, std::size_t count, const http::request& req) {
    std::string granted;
    for (const auto& s : who.schools) granted += (granted.empty() ? "" : ",") + s;
    h.audit().record({0, h.now(), who.client, "read", granted, "oneroster:" + std::string(c.path), count, req.target, "", ""});
}

std::string_view text(const rapidjson::Value& o, const char* field) {
    const auto it = o.FindMember(field);
    return it != o.MemberEnd() && it->value.IsString() ? std::string_view(it->value.GetString(), it->value.GetStringLength()) : std::string_view();
}
std::string_view ref(const rapidjson::Value& o, const char* field) {
    const auto it = o.FindMember(field);
    return it != o.MemberEnd() && it->value.IsObject() ? text(it->value, "sourcedId") : std::string_view();
}
bool has_role(const rapidjson::Value& user, std::string_view role) {
    const auto it = user.FindMember("roles");
    if (it == user.MemberEnd() || !it->value.IsArray()) return false;
    return std::any_of(it->value.Begin(), it->value.End(), [&](const rapidjson::Value& r) { return text(r, "role") == role; });
}
bool kept(const collection& c, const rapidjson::Value& o) {
    if (c.keep_field.empty()) return true;
    return c.keep_field == "role" ? has_role(o, c.keep_value) : text(o, std::string(c.keep_field).c_str()) == c.keep_value;
}

/** The client's schools' objects. */
school_list visible(hub& h, const principal& who) {
    school_list out;
    for (const auto& uai : h.db().schools())
        if (who.sees(uai)) out.push_back(h.oneroster().school(h, uai));
    return out;
}

object_list all_of(const school_list& in, const collection& c) {
    object_list out;
    for (const auto& s : in)
        for (const auto* o : s->of(c.file))
            if (kept(c, *o)) out.push_back(o);
    return out;
}

template <class P> object_list where(const object_list& in, P&& keep) {
    object_list out;
    std::copy_if(in.begin(), in.end(), std::back_inserter(out), [&](const rapidjson::Value* o) { return keep(*o); });
    return out;
}

const rapidjson::Value* by_id(const object_list& in, std::string_view sid) {
    const auto it = std::find_if(in.begin(), in.end(), [&](const rapidjson::Value* o) { return text(*o, "sourcedId") == sid; });
    return it == in.end() ? nullptr : *it;
}

/** A link to another page of the same query. */
std::string page_link(const http::request& req, std::size_t offset, std::size_t limit, const char* rel) {
    std::string q;
    for (const auto& [name, value] : req.query)
        if (name != "offset" && name != "limit") q += (q.empty() ? "" : "&") + http::percent_encode(name) + "=" + http::percent_encode(value);
    q += std::string(q.empty() ? "" : "&") + "limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset);
    return "<" + req.path + "?" + q + ">; rel=\"" + rel + "\"";
}

std::vector<std::string> known_fields(const collection& c) { return field_names(c.file); }

/** The standard query over `base`, answered as the collection's list. */
http::response serve_list(const http::request& req, hub& h, const principal& who, const collection& c, const object_list& base) {
    auto parsed = parse_page_request(req.query, known_fields(c), h.settings().max_page);
    if (auto* e = std::get_if<query_error>(&parsed)) return status_info(400, e->code_minor, e->message);
    const auto& r = std::get<page_request>(parsed);
    const auto p = select(base, r);
    auto res = http::json_response(200, render_collection(c.many, p, r.fields));
    res.set("X-Total-Count", std::to_string(p.total));
    std::string links;
    auto link = [&](std::size_t offset, const char* rel) { links += (links.empty() ? "" : ", ") + page_link(req, offset, r.limit, rel); };
    if (r.offset + r.limit < p.total) link(r.offset + r.limit, "next");
    if (r.offset > 0) link(r.offset > r.limit ? r.offset - r.limit : 0, "prev");
    link(0, "first");
    link(p.total == 0 ? 0 : (p.total - 1) / r.limit * r.limit, "last");
    res.set("Link", links);
    if (personal(c) && !p.items.empty()) audit_read(h, who, c, p.items.size(), req);
    return res;
}

http::response serve_one(const http::request& req, hub& h, const principal& who, const collection& c, const rapidjson::Value* o) {
    if (!o) return status_info(404, "unknownobject", "no " + std::string(c.one) + " with this sourcedId");
    auto parsed = parse_page_request(req.query, known_fields(c), h.settings().max_page); // only fields applies
    if (auto* e = std::get_if<query_error>(&parsed)) return status_info(400, e->code_minor, e->message);
    if (personal(c)) audit_read(h, who, c, 1, req);
    return http::json_response(200, render_one(c.one, *o, std::get<page_request>(parsed).fields));
}

/** Checks the caller for a collection's service, then runs `serve` with it and its schools. */
template <class F> http::response guarded(const http::request& req, hub& h, service s, F&& serve) {
    auto who_or = oneroster_caller(req, h, s);
    if (auto* refused = std::get_if<http::response>(&who_or)) return std::move(*refused);
    const auto& who = std::get<principal>(who_or);
    return serve(who, visible(h, who));
}

route_handler list_handler(const collection& c) {
    return [&c](const http::request& req, const path_params&, hub& h) {
        return guarded(req, h, c.svc, [&](const principal& who, const school_list& in) { return serve_list(req, h, who, c, all_of(in, c)); });
    };
}

route_handler one_handler(const collection& c) {
    return [&c](const http::request& req, const path_params& p, hub& h) {
        return guarded(req, h, c.svc, [&](const principal& who, const school_list& in) { return serve_one(req, h, who, c, by_id(all_of(in, c), p.at("id"))); });
    };
}

/** The users enrolled in these classes with this role. */
object_list enrolled(const school_list& in, const std::set<std::string_view>& classes, std::string_view role) {
    std::set<std::string_view> users;
    for (const auto* e : all_of(in, named("enrollments")))
        if (classes.count(ref(*e, "class")) && text(*e, "role") == role) users.insert(ref(*e, "user"));
    return where(all_of(in, named("users")), [&](const rapidjson::Value& u) { return users.count(text(u, "sourcedId")) > 0; });
}

/** The classes a user is enrolled in. */
object_list classes_of(const school_list& in, std::string_view user) {
    std::set<std::string_view> ids;
    for (const auto* e : all_of(in, named("enrollments")))
        if (ref(*e, "user") == user) ids.insert(ref(*e, "class"));
    return where(all_of(in, named("classes")), [&](const rapidjson::Value& c) { return ids.count(text(c, "sourcedId")) > 0; });
}

/** A nested collection: the parent (404 when not the client's), then the children the query runs on. */
using nested_base = std::function<std::optional<object_list>(const school_list&, const path_params&)>;

route_handler nested_handler(const collection& target, nested_base base) {
    return [&target, base = std::move(base)](const http::request& req, const path_params& p, hub& h) {
        return guarded(req, h, target.svc, [&](const principal& who, const school_list& in) {
            const auto children = base(in, p);
            if (!children) return status_info(404, "unknownobject", "no such parent object for this client");
            return serve_list(req, h, who, target, *children);
        });
    };
}

/** The school of that sourcedId among the client's, or nullopt. */
std::optional<school_list> school_named(const school_list& in, std::string_view sid) {
    for (const auto& s : in)
        if (s->org() == sid) return school_list{s};
    return std::nullopt;
}

/** Where the object of that sourcedId is, among the client's schools. */
std::optional<school_list> school_holding(const school_list& in, const collection& c, std::string_view sid) {
    for (const auto& s : in)
        if (by_id(all_of({s}, c), sid)) return school_list{s};
    return std::nullopt;
}

void add_nested_routes(router& r, const std::string& roster, const std::string& book) {
    auto add = [&](const std::string& pattern, const collection& target, nested_base base) {
        r.add({"GET", pattern, nested_handler(target, std::move(base))});
    };
    // /schools/{id}/…: what the school holds.
    for (auto path : {"classes", "courses", "enrollments", "students", "teachers", "terms"})
        add(roster + "/schools/{id}/" + path, named(path), [path](const school_list& in, const path_params& p) -> std::optional<object_list> {
            auto school = school_named(in, p.at("id"));
            return school ? std::optional(all_of(*school, named(path))) : std::nullopt;
        });
    for (auto path : {"lineItems", "scoreScales"})
        add(book + "/schools/{id}/" + path, named(path), [path](const school_list& in, const path_params& p) -> std::optional<object_list> {
            auto school = school_named(in, p.at("id"));
            return school ? std::optional(all_of(*school, named(path))) : std::nullopt;
        });
    // /schools/{id}/classes/{classId}/… and /classes/{id}/…: who is in the class.
    for (auto role : {"student", "teacher"}) {
        const auto& target = named(std::string(role) + "s");
        add(roster + "/classes/{id}/" + role + "s", target, [role](const school_list& in, const path_params& p) -> std::optional<object_list> {
            auto school = school_holding(in, named("classes"), p.at("id"));
            return school ? std::optional(enrolled(*school, {p.at("id")}, role)) : std::nullopt;
        });
        add(roster + "/schools/{id}/classes/{classId}/" + role + "s", target, [role](const school_list& in, const path_params& p) -> std::optional<object_list> {
            auto school = school_named(in, p.at("id"));
            if (!school || !by_id(all_of(*school, named("classes")), p.at("classId"))) return std::nullopt;
            return enrolled(*school, {p.at("classId")}, role);
        });
    }
    add(roster + "/schools/{id}/classes/{classId}/enrollments", named("enrollments"), [](const school_list& in, const path_params& p) -> std::optional<object_list> {
        auto school = school_named(in, p.at("id"));
        if (!school || !by_id(all_of(*school, named("classes")), p.at("classId"))) return std::nullopt;
        return where(all_of(*school, named("enrollments")), [&](const rapidjson::Value& e) { return ref(e, "class") == p.at("classId"); });
    });
    // A user's classes.
    for (auto who : {"students", "teachers", "users"})
        add(roster + "/" + who + "/{id}/classes", named("classes"), [who](const school_list& in, const path_params& p) -> std::optional<object_list> {
            if (!by_id(all_of(in, named(who)), p.at("id"))) return std::nullopt;
            return classes_of(in, p.at("id"));
        });
    add(roster + "/courses/{id}/classes", named("classes"), [](const school_list& in, const path_params& p) -> std::optional<object_list> {
        if (!by_id(all_of(in, named("courses")), p.at("id"))) return std::nullopt;
        return where(all_of(in, named("classes")), [&](const rapidjson::Value& c) { return ref(c, "course") == p.at("id"); });
    });
    add(roster + "/terms/{id}/classes", named("classes"), [](const school_list& in, const path_params& p) -> std::optional<object_list> {
        if (!by_id(all_of(in, named("terms")), p.at("id"))) return std::nullopt;
        return where(all_of(in, named("classes")), [&](const rapidjson::Value& c) {
            const auto terms = c.FindMember("terms");
            return terms != c.MemberEnd() && std::any_of(terms->value.Begin(), terms->value.End(), [&](const rapidjson::Value& t) {
                       return text(t, "sourcedId") == p.at("id");
                   });
        });
    });
    add(roster + "/terms/{id}/gradingPeriods", named("gradingPeriods"), [](const school_list& in, const path_params& p) -> std::optional<object_list> {
        if (!by_id(all_of(in, named("terms")), p.at("id"))) return std::nullopt;
        return where(all_of(in, named("gradingPeriods")), [&](const rapidjson::Value& s) { return ref(s, "parent") == p.at("id"); });
    });
    // Gradebook: a class's line items and results, a student's results in a class, a line item's results.
    add(book + "/classes/{id}/lineItems", named("lineItems"), [](const school_list& in, const path_params& p) -> std::optional<object_list> {
        if (!school_holding(in, named("classes"), p.at("id"))) return std::nullopt;
        return where(all_of(in, named("lineItems")), [&](const rapidjson::Value& li) { return ref(li, "class") == p.at("id"); });
    });
    auto results_in_class = [](const school_list& in, std::string_view cls, std::string_view item, std::string_view student) {
        std::set<std::string_view> items;
        for (const auto* li : all_of(in, named("lineItems")))
            if (ref(*li, "class") == cls && (item.empty() || text(*li, "sourcedId") == item)) items.insert(text(*li, "sourcedId"));
        return where(all_of(in, named("results")), [&](const rapidjson::Value& res) {
            return items.count(ref(res, "lineItem")) && (student.empty() || ref(res, "student") == student);
        });
    };
    add(book + "/classes/{id}/results", named("results"), [results_in_class](const school_list& in, const path_params& p) -> std::optional<object_list> {
        if (!school_holding(in, named("classes"), p.at("id"))) return std::nullopt;
        return results_in_class(in, p.at("id"), "", "");
    });
    add(book + "/classes/{id}/lineItems/{lineItemId}/results", named("results"),
        [results_in_class](const school_list& in, const path_params& p) -> std::optional<object_list> {
            if (!school_holding(in, named("classes"), p.at("id")) || !by_id(all_of(in, named("lineItems")), p.at("lineItemId"))) return std::nullopt;
            return results_in_class(in, p.at("id"), p.at("lineItemId"), "");
        });
    add(book + "/classes/{id}/students/{studentId}/results", named("results"),
        [results_in_class](const school_list& in, const path_params& p) -> std::optional<object_list> {
            if (!school_holding(in, named("classes"), p.at("id")) || !by_id(all_of(in, named("students")), p.at("studentId"))) return std::nullopt;
            return results_in_class(in, p.at("id"), "", p.at("studentId"));
        });
    add(book + "/lineItems/{id}/results", named("results"), [](const school_list& in, const path_params& p) -> std::optional<object_list> {
        if (!by_id(all_of(in, named("lineItems")), p.at("id"))) return std::nullopt;
        return where(all_of(in, named("results")), [&](const rapidjson::Value& res) { return ref(res, "lineItem") == p.at("id"); });
    });
}

} // namespace

void add_oneroster_read_routes(router& r) {
    const std::string roster(rostering_base), book(gradebook_base);
    for (const auto& c : collections) {
        const auto& base = c.svc == service::gradebook_read ? book : roster;
        r.add({"GET", base + "/" + std::string(c.path), list_handler(c)});
        r.add({"GET", base + "/" + std::string(c.path) + "/{id}", one_handler(c)});
    }
    add_nested_routes(r, roster, book);
}

} // namespace hubd
