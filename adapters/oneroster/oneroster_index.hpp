#pragma once
// What reading a package needs to know across its files before mapping a row: which orgs
// are schools and their UAIs, what each user is (pupil, staff, guardian) and where, which
// school each academic session belongs to, and the model id of every row.

#include "oneroster_package.hpp"
#include "oneroster_vocabulary.hpp"

#include <map>
#include <set>

namespace interop::oneroster {

/** What a class row stands for in the model. */
enum class class_kind { class_, group, section };

class package_index {
public:
    package_index(const package& p, const read_options& opt, diagnostics& diags);

    /** The model id of a row: ours (`metadata.interop.id`) when written by us, else its sourcedId. */
    static std::string id_of(const row& r);

    const row* org(std::string_view sid) const { return find(m_orgs, sid); }
    const row* session(std::string_view sid) const { return find(m_sessions, sid); }
    const row* course(std::string_view sid) const { return find(m_courses, sid); }
    const row* klass(std::string_view sid) const { return find(m_classes, sid); }
    const row* user(std::string_view sid) const { return find(m_users, sid); }
    const row* line_item(std::string_view sid) const { return find(m_line_items, sid); }
    const row* category(std::string_view sid) const { return find(m_categories, sid); }

    /** UAI of a school org; nullopt for an org that is not a school. */
    std::optional<std::string> school_of_org(std::string_view sid) const;
    /** Every school, in the order of orgs.csv. */
    const std::vector<std::string>& schools() const { return m_schools; }
    /** The one school of a single-school package, else nullopt. */
    std::optional<std::string> only_school() const;

    /** What a user is, from roles.csv (1.2), its role column (1.1) or its enrollments. */
    std::set<role_kind> user_kinds(std::string_view sid) const;
    /** Schools a user belongs to: roles, orgs, primary org, enrollments, else the only school. */
    std::set<std::string> user_schools(std::string_view sid) const;
    /** Schools an academic session belongs to. */
    std::set<std::string> session_schools(std::string_view sid) const;

    class_kind kind_of_class(const row& c) const;
    /** The subject id a course stands for; nullopt for our homeroom course or an unknown one. */
    std::optional<std::string> subject_of_course(std::string_view sid) const;
    /** School of a class row. */
    std::optional<std::string> school_of_class(const row& c) const;

private:
    using rows_by_id = std::map<std::string, const row*, std::less<>>;
    static const row* find(const rows_by_id& m, std::string_view sid) {
        const auto it = m.find(sid);
        return it == m.end() ? nullptr : it->second;
    }
    void index(const package& p, std::string_view file, rows_by_id& out);
    void find_schools(const package& p, const read_options& opt, diagnostics& diags);
    void index_users(const package& p);
    void index_sessions(const package& p);

    rows_by_id m_orgs, m_sessions, m_courses, m_classes, m_users, m_line_items, m_categories;
    std::map<std::string, std::string, std::less<>> m_school_of_org;
    std::vector<std::string> m_schools;
    std::map<std::string, std::set<role_kind>, std::less<>> m_user_kinds;
    std::map<std::string, std::set<std::string>, std::less<>> m_user_schools, m_session_schools;
};

} // namespace interop::oneroster
