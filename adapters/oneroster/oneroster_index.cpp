#include "oneroster_index.hpp"

#include <interop/adapter/support.hpp>
#include <interop/validate/validate.hpp>

namespace interop::oneroster {
namespace {

bool uai_shaped(std::string_view s) { return check_uai(s) != uai_status::malformed; }

} // namespace

package_index::package_index(const package& p, const read_options& opt, diagnostics& diags) {
    index(p, "orgs", m_orgs);
    index(p, "academicSessions", m_sessions);
    index(p, "courses", m_courses);
    index(p, "classes", m_classes);
    index(p, "users", m_users);
    index(p, "lineItems", m_line_items);
    index(p, "categories", m_categories);
    find_schools(p, opt, diags);
    index_users(p);
    index_sessions(p);
}

std::string package_index::id_of(const row& r) {
    const auto ours = r[meta + "id"];
    return std::string(ours.empty() ? r["sourcedId"] : ours);
}

void package_index::index(const package& p, std::string_view file, rows_by_id& out) {
    if (const auto* t = p.find(file))
        for (const auto& r : t->rows)
            if (!r["sourcedId"].empty() && !r.to_be_deleted()) out.emplace(std::string(r["sourcedId"]), &r);
}

/**
 * Schools are the orgs of type school and any org classes, courses or enrollments use as one
 * (moodle's sample puts its classes in a department). Each is known by its UAI: the org's
 * identifier when it is one, else the school the caller names for a one-school package.
 */
void package_index::find_schools(const package& p, const read_options& opt, diagnostics& diags) {
    std::set<std::string, std::less<>> used;
    for (auto [file, column] : {std::pair{"classes", "schoolSourcedId"}, {"enrollments", "schoolSourcedId"}, {"courses", "orgSourcedId"}})
        if (const auto* t = p.find(file))
            for (const auto& r : t->rows)
                if (!r[column].empty()) used.emplace(r[column]);
    std::vector<const row*> schools;
    if (const auto* t = p.find("orgs"))
        for (const auto& r : t->rows) {
            const bool is_school = r["type"] == "school";
            if (!is_school && !used.count(r["sourcedId"])) continue;
            if (!is_school)
                diags.add(severity::warning, "oneroster.org-as-school", std::string(r["sourcedId"]),
                          "org of type " + std::string(r["type"]) + " holds classes or enrollments: read as a school", {r.file, r.line, 0});
            schools.push_back(&r);
        }
    for (const auto* r : schools) {
        std::string uai(r->operator[]("identifier"));
        if (!uai_shaped(uai)) {
            if (!opt.school.empty() && schools.size() == 1) uai = opt.school;
            else {
                if (uai.empty()) uai = std::string(r->operator[]("sourcedId"));
                diags.add(severity::warning, "oneroster.uai", std::string(r->operator[]("sourcedId")),
                          "the org's identifier is not a UAI: the school is known as " + uai, {r->file, r->line, 0});
            }
        }
        m_school_of_org[std::string(r->operator[]("sourcedId"))] = uai;
        m_schools.push_back(uai);
    }
    if (m_schools.empty() && !opt.school.empty()) m_schools.push_back(opt.school);
}

std::optional<std::string> package_index::school_of_org(std::string_view sid) const {
    const auto it = m_school_of_org.find(sid);
    if (it != m_school_of_org.end()) return it->second;
    if (m_school_of_org.empty() && m_schools.size() == 1) return m_schools.front(); // no orgs.csv: the school the caller named
    return std::nullopt;
}

std::optional<std::string> package_index::only_school() const {
    return m_schools.size() == 1 ? std::optional(m_schools.front()) : std::nullopt;
}

void package_index::index_users(const package& p) {
    auto add_school = [&](std::string_view user, std::string_view org) {
        if (auto s = school_of_org(org)) m_user_schools[std::string(user)].insert(*s);
    };
    if (const auto* roles = p.find("roles"))
        for (const auto& r : roles->rows) {
            if (r.to_be_deleted()) continue;
            m_user_kinds[std::string(r["userSourcedId"])].insert(kind_of_role(r["role"]));
            add_school(r["userSourcedId"], r["orgSourcedId"]);
        }
    if (const auto* users = p.find("users"))
        for (const auto& u : users->rows) {
            if (!u["role"].empty()) m_user_kinds[std::string(u["sourcedId"])].insert(kind_of_role(u["role"])); // 1.1
            for (const auto& org : split_list(u["orgSourcedIds"])) add_school(u["sourcedId"], org);
            add_school(u["sourcedId"], u["primaryOrgSourcedId"]);
        }
    if (const auto* enrollments = p.find("enrollments"))
        for (const auto& e : enrollments->rows) {
            const std::string user(e["userSourcedId"]);
            add_school(user, e["schoolSourcedId"]);
            if (m_user_kinds.count(user)) continue;
            if (const auto k = kind_of_role(e["role"]); k != role_kind::none) m_user_kinds[user].insert(k);
        }
    for (auto& [user, kinds] : m_user_kinds) kinds.erase(role_kind::none);
}

std::set<role_kind> package_index::user_kinds(std::string_view sid) const {
    const auto it = m_user_kinds.find(sid);
    return it == m_user_kinds.end() ? std::set<role_kind>{} : it->second;
}

std::set<std::string> package_index::user_schools(std::string_view sid) const {
    const auto it = m_user_schools.find(sid);
    if (it != m_user_schools.end() && !it->second.empty()) return it->second;
    if (auto s = only_school()) return {*s};
    return {};
}

/** A session belongs to the school it names (ours), else to those whose classes and courses use it or its children. */
void package_index::index_sessions(const package& p) {
    auto add = [&](std::string sid, const std::string& school) {
        for (int depth = 0; depth < 8 && !sid.empty(); ++depth) { // up the parents, bounded against loops
            m_session_schools[sid].insert(school);
            const auto* s = session(sid);
            sid = s ? std::string((*s)["parentSourcedId"]) : std::string();
        }
    };
    if (const auto* t = p.find("classes"))
        for (const auto& c : t->rows)
            if (auto school = school_of_class(c))
                for (const auto& term : split_list(c["termSourcedIds"])) add(term, *school);
    if (const auto* t = p.find("courses"))
        for (const auto& c : t->rows)
            if (auto school = school_of_org(c["orgSourcedId"]); school && !c["schoolYearSourcedId"].empty()) add(std::string(c["schoolYearSourcedId"]), *school);
}

std::set<std::string> package_index::session_schools(std::string_view sid) const {
    if (const auto* s = session(sid); s && !(*s)[meta + "school"].empty()) return {std::string((*s)[meta + "school"])};
    const auto it = m_session_schools.find(sid);
    if (it != m_session_schools.end()) return it->second;
    return {m_schools.begin(), m_schools.end()};
}

class_kind package_index::kind_of_class(const row& c) const {
    const auto kind = c[meta + "kind"];
    if (kind == "section") return class_kind::section;
    if (kind == "group") return class_kind::group;
    if (kind == "class") return class_kind::class_;
    return adapter_support::lower_ascii(std::string(c["classType"])) == "homeroom" ? class_kind::class_ : class_kind::group;
}

std::optional<std::string> package_index::subject_of_course(std::string_view sid) const {
    const auto* c = course(sid);
    if (!c || (*c)[meta + "kind"] == "homeroom") return std::nullopt;
    return id_of(*c);
}

std::optional<std::string> package_index::school_of_class(const row& c) const {
    if (auto s = school_of_org(c["schoolSourcedId"])) return s;
    return only_school();
}

} // namespace interop::oneroster
