#include "oneroster_import.hpp"

#include "oneroster_export.hpp"
#include "oneroster_index.hpp"

#include <interop/adapter/support.hpp>

#include <algorithm>
#include <charconv>

namespace interop::oneroster {
namespace {

using adapter_support::emit;

/** Columns each file maps to the model; others are reported once (vendor and metadata. columns are kept in extensions). */
const std::map<std::string, std::vector<std::string>, std::less<>> mapped_columns = {
    {"orgs", {"name", "type", "identifier"}},
    {"academicSessions", {"title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"}},
    {"courses", {"title", "courseCode", "orgSourcedId", "subjectCodes", "schoolYearSourcedId"}},
    {"classes", {"title", "classCode", "classType", "grades", "courseSourcedId", "schoolSourcedId", "termSourcedIds"}},
    {"users", {"enabledUser", "givenName", "familyName", "middleName", "email", "sms", "phone", "grades", "userIds", "agentSourcedIds",
               "primaryOrgSourcedId", "orgSourcedIds", "role", "password"}},
    {"roles", {"userSourcedId", "role", "orgSourcedId", "roleType"}},
    {"demographics", {"birthDate", "sex"}},
    {"enrollments", {"classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"}},
    {"categories", {"title", "weight"}},
    {"scoreScales", {"title", "type", "orgSourcedId", "scoreScaleValue"}},
    {"lineItems", {"title", "assignDate", "dueDate", "classSourcedId", "categorySourcedId", "gradingPeriodSourcedId", "resultValueMin", "resultValueMax"}},
    {"results", {"lineItemSourcedId", "studentSourcedId", "scoreStatus", "score", "textScore", "comment", "scoreDate"}},
};

class record_mapper {
public:
    record_mapper(const package& p, const read_options& opt, io::record_sink& sink, diagnostics& diags)
        : m_p(p), m_ix(p, opt, diags), m_sink(sink), m_diags(diags) {}

    void run() {
        metadata();
        schools();
        sessions();
        subjects();
        classes();
        people();
        enrollments();
        gradebook();
        deletions();
        m_sink.on_end();
    }

private:
    void metadata() {
        model::metadata m;
        m.source = format_name;
        m.extensions["oneroster.version"] = m_p.version;
        for (const auto& [name, value] : m_p.properties) m.extensions[std::string(ext_prefix) + name] = value;
        // A bulk file holds its kinds whole; kinds of absent files are not said to be gone.
        for (const auto& [name, t] : m_p.tables) {
            if (t.mode == file_mode::delta) m.scope = model::scope::delta;
            for (const auto kind : kinds_of_file(name)) m.covers.emplace_back(kind);
        }
        if (m.scope == model::scope::delta) m.covers.clear();
        m_delta = m.scope == model::scope::delta;
        m_sink.on_metadata(m);
    }

    // --- rows ------------------------------------------------------------------------------

    /** Rows of a file to map: `tobedeleted` ones become deletions (delta) or are left out (bulk). */
    template <class F> void each(std::string_view file, F&& map) {
        const auto* t = m_p.find(file);
        if (!t) return;
        for (const auto& r : t->rows) {
            report_unmapped(file, r);
            if (r.to_be_deleted()) {
                if (!m_delta) info(r, "oneroster.deleted", "marked tobedeleted in a bulk file: left out");
                else m_deleted.emplace_back(std::string(file), &r);
                continue;
            }
            map(r);
        }
    }

    void report_unmapped(std::string_view file, const row& r) {
        const auto mapped = mapped_columns.find(file);
        for (const auto& [column, value] : r.cells) {
            if (column == "sourcedId" || column == "status" || column == "dateLastModified" || column.starts_with("metadata.") || value.empty()) continue;
            const auto* spec = find_file(file);
            const bool standard = std::find(spec->columns.begin(), spec->columns.end(), column) != spec->columns.end();
            const bool used = mapped != mapped_columns.end() && std::find(mapped->second.begin(), mapped->second.end(), column) != mapped->second.end();
            if (!standard || used || !m_reported.insert(std::string(file) + "." + column).second) continue;
            info(r, "oneroster.unmapped", "column " + column + " of " + std::string(file) + ".csv has no place in the model: left out");
        }
    }

    /** Vendor and `metadata.` columns of a row (not ours), kept as `oneroster:<column>`. */
    static model::extensions kept(const row& r, std::string_view file) {
        model::extensions out;
        const auto* spec = find_file(file);
        for (const auto& [column, value] : r.cells)
            if (!column.starts_with(our_metadata) && std::find(spec->columns.begin(), spec->columns.end(), column) == spec->columns.end() &&
                column != "role" && column != "orgSourcedIds")
                out[std::string(ext_prefix) + column] = value;
        return out;
    }

    /**
     * A record for a row. Its sourcedId is kept as external id `oneroster` unless it is the one we
     * would write anyway (a hash of kind, school and id): another tool's ids, and ids clients
     * chose in a PUT, stay what they are when written again. `id_school`: the school the
     * sourcedId was made with when it is not the record's (a subject shared by every school).
     */
    template <class K> K make(const row& r, std::string_view file, std::string school, std::string id = {}, const std::string& id_school = {}) {
        auto k = adapter_support::new_record<K>(id.empty() ? package_index::id_of(r) : std::move(id), std::move(school), {format_name, r.file, r.line});
        k.extensions = kept(r, file);
        const std::string sid(r["sourcedId"]);
        if (!sid.empty() && sid != sourced_id(K::kind, id_school.empty() ? k.school : id_school, k.id)) k.external_ids.push_back({std::string(ext_system), sid});
        return k;
    }

    std::optional<model::date> date_of(const row& r, std::string_view column) {
        const auto d = parse_lenient_date(r[column]);
        if (!r[column].empty() && !d.day) warn(r, "oneroster.date", std::string(column) + " \"" + std::string(r[column]) + "\" is not a date: left out");
        else if (d.unusual && m_unusual_dates.insert(r.file).second)
            warn(r, "oneroster.date", std::string(column) + " \"" + std::string(r[column]) + "\" is not YYYY-MM-DD: read as " + model::to_string(*d.day) +
                                          " (day first; other dates of this file alike)");
        return d.day;
    }
    static std::string meta_of(const row& r, const std::string& name) { return std::string(r[meta + name]); }

    void info(const row& r, std::string code, std::string message) {
        m_diags.add(severity::info, std::move(code), std::string(r["sourcedId"]), std::move(message), {r.file, r.line, 0});
    }
    void warn(const row& r, std::string code, std::string message) {
        m_diags.add(severity::warning, std::move(code), std::string(r["sourcedId"]), std::move(message), {r.file, r.line, 0});
    }

    // --- structure -------------------------------------------------------------------------

    void schools() {
        each("orgs", [&](const row& r) {
            const auto uai = m_ix.school_of_org(r["sourcedId"]);
            if (!uai) return info(r, "oneroster.org", "org of type " + std::string(r["type"]) + " is not a school: left out");
            auto s = make<model::establishment>(r, "orgs", *uai, meta_of(r, "id").empty() ? *uai : meta_of(r, "id"));
            s.uai = *uai;
            s.name = std::string(r["name"]);
            emit(m_sink, std::move(s));
        });
    }

    void sessions() {
        std::vector<model::period> periods;
        each("academicSessions", [&](const row& r) {
            const auto start = date_of(r, "startDate"), end_exclusive = date_of(r, "endDate");
            if (!start || !end_exclusive) return warn(r, "oneroster.session", "an academic session needs a startDate and an endDate: left out");
            const auto end = model::date_from_days(model::days_since_epoch(*end_exclusive) - 1);
            const auto type = r["type"];
            for (const auto& school : m_ix.session_schools(r["sourcedId"])) {
                if (type == "schoolYear") {
                    auto y = make<model::academic_year>(r, "academicSessions", school);
                    y.label = r["title"].empty() ? std::to_string(start->year) + "-" + std::to_string(end.year) : std::string(r["title"]);
                    y.start = *start;
                    y.end = end;
                    emit(m_sink, std::move(y));
                    continue;
                }
                auto p = make<model::period>(r, "academicSessions", school);
                p.type = type == "semester" ? model::period_kind::semester : type == "term" ? model::period_kind::trimester : model::period_kind::other;
                p.label = std::string(r["title"]);
                p.start = *start;
                p.end = end;
                p.academic_year = year_of(r);
                if (p.academic_year.empty()) warn(r, "oneroster.session", "no school year above this " + std::string(type) + ": its academic_year is left empty");
                periods.push_back(std::move(p));
            }
        });
        // Numbered in each year by start date.
        std::stable_sort(periods.begin(), periods.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
        std::map<std::pair<std::string, std::string>, int> next;
        for (auto& p : periods) {
            p.number = ++next[{p.school, p.academic_year}];
            emit(m_sink, std::move(p));
        }
    }

    /** The model id of the schoolYear above a session (bounded walk up the parents). */
    std::string year_of(const row& r) {
        const row* s = m_ix.session(r["parentSourcedId"]);
        for (int depth = 0; s && depth < 8; ++depth, s = m_ix.session((*s)["parentSourcedId"]))
            if ((*s)["type"] == "schoolYear") return package_index::id_of(*s);
        return {};
    }

    void subjects() {
        std::set<std::string> shared;
        each("courses", [&](const row& r) {
            if (meta_of(r, "kind") == "homeroom") return;
            const bool is_shared = meta_of(r, "shared") == "true";
            if (is_shared && !shared.insert(package_index::id_of(r)).second) return; // written once per school
            const auto org_school = m_ix.school_of_org(r["orgSourcedId"]);
            const auto school = is_shared ? std::optional<std::string>("") : org_school;
            auto s = make<model::subject>(r, "courses", school ? *school : m_ix.only_school().value_or(""), {}, is_shared ? org_school.value_or("") : "");
            const auto codes = split_list(r["subjectCodes"]);
            s.code = codes.empty() ? std::string(r["courseCode"]) : codes.front();
            s.short_label = std::string(r["courseCode"]);
            s.long_label = std::string(r["title"]);
            emit(m_sink, std::move(s));
        });
    }

    void classes() {
        each("classes", [&](const row& r) {
            const auto school = m_ix.school_of_class(r);
            if (!school) return warn(r, "oneroster.class", "the class's school is not in the package: left out");
            const std::string code(r["classCode"].empty() ? r["title"] : r["classCode"]);
            switch (m_ix.kind_of_class(r)) {
            case class_kind::section: return;
            case class_kind::class_: {
                auto c = make<model::school_class>(r, "classes", *school);
                c.code = code;
                c.label = std::string(r["title"]);
                const auto grades = split_list(r["grades"]);
                c.level = !meta_of(r, "level").empty() ? meta_of(r, "level") : grades.empty() ? std::optional<std::string>() : french_level(grades.front());
                return emit(m_sink, std::move(c));
            }
            case class_kind::group: {
                auto g = make<model::group>(r, "classes", *school);
                g.code = code;
                g.label = std::string(r["title"]);
                g.classes = split_list(r[meta + "classes"]);
                const auto& names = model::enum_names<model::group_kind>::values;
                if (auto it = std::find(names.begin(), names.end(), r[meta + "type"]); it != names.end())
                    g.type = static_cast<model::group_kind>(it - names.begin());
                return emit(m_sink, std::move(g));
            }
            }
        });
    }

    // --- people ----------------------------------------------------------------------------

    void people() {
        std::map<std::string, const row*, std::less<>> demographics;
        if (const auto* t = m_p.find("demographics"))
            for (const auto& d : t->rows) {
                report_unmapped("demographics", d);
                demographics[std::string(d["sourcedId"])] = &d;
            }
        each("users", [&](const row& r) {
            const auto kinds = m_ix.user_kinds(r["sourcedId"]);
            const auto schools = m_ix.user_schools(r["sourcedId"]);
            if (kinds.empty()) return info(r, "oneroster.user", "the user has no role the model knows (student, staff, guardian): left out");
            if (schools.empty()) return warn(r, "oneroster.user", "the user belongs to no school of the package: left out");
            const auto d = demographics.find(r["sourcedId"]);
            const row* demo = d == demographics.end() ? nullptr : d->second;
            for (const auto& school : schools)
                for (auto kind : kinds) person(r, demo, school, kind);
        });
    }

    void person(const row& r, const row* demo, const std::string& school, role_kind kind) {
        const auto birth = demo ? date_of(*demo, "birthDate") : std::nullopt;
        if (kind == role_kind::student) {
            auto s = make<model::student>(r, "users", school);
            names(s, r);
            if (const auto ine = std::find_if(s.external_ids.begin(), s.external_ids.end(), [](const auto& e) { return e.system == ine_user_id; });
                ine != s.external_ids.end()) {
                s.ine = ine->id;
                s.external_ids.erase(ine);
            }
            s.other_first_names = adapter_support::split_nonempty(r["middleName"], ' ');
            s.email = optional_text(r["email"]);
            const auto grades = split_list(r["grades"]);
            s.level = !meta_of(r, "level").empty() ? meta_of(r, "level") : grades.empty() ? std::optional<std::string>() : french_level(grades.front());
            s.birth_date = birth;
            if (demo) s.sex = model_sex((*demo)["sex"]);
            return emit(m_sink, std::move(s));
        }
        if (kind == role_kind::staff) {
            auto s = make<model::staff>(r, "users", school);
            names(s, r);
            s.email = optional_text(r["email"]);
            s.functions = split_list(r[meta + "functions"]);
            if (s.functions.empty()) s.functions = {function_of_role(primary_role(r["sourcedId"]))};
            s.birth_date = birth;
            return emit(m_sink, std::move(s));
        }
        auto g = make<model::guardian>(r, "users", school);
        names(g, r);
        if (!r["email"].empty()) g.contacts.push_back({model::contact_kind::email, std::string(r["email"])});
        if (!r["sms"].empty()) g.contacts.push_back({model::contact_kind::mobile, std::string(r["sms"])});
        if (!r["phone"].empty() && r["phone"] != r["sms"]) g.contacts.push_back({model::contact_kind::home_phone, std::string(r["phone"])});
        emit(m_sink, std::move(g));
        for (const auto& agent : split_list(r["agentSourcedIds"])) link(agent, std::string(r["sourcedId"]), school, r);
    }

    template <class P> static void names(P& p, const row& r) {
        p.first_name = std::string(r["givenName"]);
        p.last_name = std::string(r["familyName"]);
        const auto ids = parse_user_ids(r["userIds"]);
        p.external_ids.insert(p.external_ids.begin(), ids.begin(), ids.end()); // before the sourcedId kept by make()
    }
    static std::optional<std::string> optional_text(std::string_view s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }

    std::string primary_role(std::string_view user) const {
        if (const auto* u = m_ix.user(user); u && !(*u)["role"].empty()) return std::string((*u)["role"]);
        if (const auto* roles = m_p.find("roles"))
            for (const auto& r : roles->rows)
                if (r["userSourcedId"] == user && kind_of_role(r["role"]) == role_kind::staff) return std::string(r["role"]);
        return "teacher";
    }

    /** Agents: a guardian lists the pupils it is responsible for (and a pupil its guardians, linked below). */
    void link(const std::string& student_sid, const std::string& guardian_sid, const std::string& school, const row& where) {
        const auto* student = m_ix.user(student_sid);
        if (!student || !m_ix.user_kinds(student_sid).count(role_kind::student)) return;
        const auto student_id = package_index::id_of(*student), guardian_id = package_index::id_of(*m_ix.user(guardian_sid));
        if (m_links.count({school, student_id, guardian_id})) return;
        auto l = adapter_support::new_record<model::guardian_link>(link_id(*student, guardian_id), school, {format_name, where.file, where.line});
        l.student = student_id;
        l.guardian = guardian_id;
        m_links.emplace(std::tuple{school, student_id, guardian_id}, std::move(l));
    }

    /** The link's id: ours (`metadata.interop.links` on the pupil: guardian=link, …), else pupil/guardian. */
    static std::string link_id(const row& student, const std::string& guardian) {
        for (const auto& item : split_list(student[meta + "links"]))
            if (item.starts_with(guardian + "=")) return item.substr(guardian.size() + 1);
        return package_index::id_of(student) + "/" + guardian;
    }

    // --- enrollments -----------------------------------------------------------------------

    void enrollments() {
        // A pupil's agents that are guardians (a guardian's own agents were linked with it).
        if (const auto* users = m_p.find("users"))
            for (const auto& u : users->rows)
                for (const auto& agent : split_list(u["agentSourcedIds"])) {
                    if (m_ix.user(agent) && m_ix.user_kinds(agent).count(role_kind::guardian)) {
                        for (const auto& school : m_ix.user_schools(agent)) link(std::string(u["sourcedId"]), agent, school, u);
                    } else if (!m_ix.user_kinds(u["sourcedId"]).count(role_kind::guardian)) {
                        info(u, "oneroster.agent", "agent " + agent + " is not a guardian in the package: no guardian link");
                    }
                }
        for (auto& [key, l] : m_links) emit(m_sink, std::move(l));
        each("enrollments", [&](const row& r) { enrollment(r); });
    }

    void enrollment(const row& r) {
        const auto* cls = m_ix.klass(r["classSourcedId"]);
        const auto* user = m_ix.user(r["userSourcedId"]);
        if (!cls || !user) return warn(r, "oneroster.enrollment", "the enrollment names a class or user not in the package: left out");
        const auto school = m_ix.school_of_class(*cls);
        if (!school) return warn(r, "oneroster.enrollment", "the class's school is not in the package: left out");
        const auto role = r["role"];
        const bool pupil = role == "student", teacher = role == "teacher";
        if (!pupil && !teacher) return info(r, "oneroster.enrollment", "role " + std::string(role) + " in a class has no place in the model: left out");
        const auto kind = m_ix.kind_of_class(*cls);
        const auto subject = m_ix.subject_of_course((*cls)["courseSourcedId"]);
        if (kind == class_kind::section) {
            if (pupil) return; // the audience's pupils, derived from its memberships
            const auto audience = meta_of(*cls, "audience");
            const auto colon = audience.find(':');
            return assignment(r, *school, subject, audience.substr(0, colon) == "class", audience.substr(colon + 1), package_index::id_of(*user));
        }
        if (teacher && kind == class_kind::group && (*cls)[meta + "kind"].empty() && subject) // another tool's class: a subject taught to a group
            return assignment(r, *school, subject, false, package_index::id_of(*cls), package_index::id_of(*user));
        auto m = make<model::membership>(r, "enrollments", *school);
        m.person = package_index::id_of(*user);
        m.group = package_index::id_of(*cls);
        m.group_kind = kind == class_kind::class_ ? model::audience_kind::class_ : model::audience_kind::group;
        m.role = pupil ? (meta_of(r, "role") == "delegate" ? model::membership_role::delegate : model::membership_role::student)
                       : (parse_bool(r["primary"]).value_or(false) ? model::membership_role::principal_teacher : model::membership_role::teacher);
        m.start = date_of(r, "beginDate");
        m.end = date_of(r, "endDate");
        emit(m_sink, std::move(m));
    }

    void assignment(const row& r, const std::string& school, const std::optional<std::string>& subject, bool to_class, std::string group, std::string staff) {
        auto ta = make<model::teaching_assignment>(r, "enrollments", school);
        ta.staff = std::move(staff);
        ta.subject = subject;
        ta.group = std::move(group);
        ta.group_kind = to_class ? model::audience_kind::class_ : model::audience_kind::group;
        ta.mode = optional_text(r[meta + "mode"]);
        if (const auto hours = r[meta + "weekly_hours"]; !hours.empty()) ta.weekly_hours = std::stod(std::string(hours));
        emit(m_sink, std::move(ta));
    }

    // --- gradebook -------------------------------------------------------------------------

    void gradebook();
    void line_item(const row& r);
    void result(const row& r);
    std::optional<double> number(const row& r, std::string_view column);
    void deletions();

    const package& m_p;
    package_index m_ix;
    io::record_sink& m_sink;
    diagnostics& m_diags;
    bool m_delta = false;
    std::vector<std::pair<std::string, const row*>> m_deleted; ///< (file, row) of tobedeleted rows of a delta
    std::set<std::string> m_reported, m_unusual_dates;
    /** Links found from either side, emitted once each in (school, pupil, guardian) order whichever side named them. */
    std::map<std::tuple<std::string, std::string, std::string>, model::guardian_link> m_links;
    std::map<std::string, std::string, std::less<>> m_item_school; ///< line item sourcedId → school
    std::map<std::string, std::string, std::less<>> m_objectives_of; ///< line item or result sourcedId → `source:id` lines
    std::map<std::string, double, std::less<>> m_scale_max;          ///< line item sourcedId → its score scale's top value
};


void record_mapper::gradebook() {
    for (auto [file, column] : {std::pair{"lineItemLearningObjectiveIds", "lineItemSourcedId"}, {"resultLearningObjectiveIds", "resultSourcedId"}})
        if (const auto* t = m_p.find(file))
            for (const auto& r : t->rows) m_objectives_of[std::string(r[column])] += std::string(r["source"]) + ":" + std::string(r["learningObjectiveId"]) + "\n";
    std::map<std::string, double, std::less<>> scale_top; // a score scale's highest numeric value: {0:0},{20:20} → 20
    if (const auto* t = m_p.find("scoreScales"))
        for (const auto& r : t->rows)
            for (const auto& item : split_list(r["scoreScaleValue"])) {
                const auto inner = std::string_view(item).substr(item.starts_with('{') ? 1 : 0);
                double v = 0;
                if (std::from_chars(inner.data(), inner.data() + inner.size(), v).ec == std::errc() && v > scale_top[std::string(r["sourcedId"])])
                    scale_top[std::string(r["sourcedId"])] = v;
            }
    if (const auto* t = m_p.find("lineItemScoreScales"))
        for (const auto& r : t->rows)
            if (const auto it = scale_top.find(r["scoreScaleSourcedId"]); it != scale_top.end()) m_scale_max[std::string(r["lineItemSourcedId"])] = it->second;
    each("lineItems", [&](const row& r) { line_item(r); });
    each("results", [&](const row& r) { result(r); });
}

void record_mapper::line_item(const row& r) {
    const auto* cls = m_ix.klass(r["classSourcedId"]);
    const auto school = cls ? m_ix.school_of_class(*cls) : m_ix.only_school();
    if (!school) return warn(r, "oneroster.line-item", "the line item's class is not in the package: left out");
    auto day = date_of(r, "assignDate");
    if (!day) day = date_of(r, "dueDate");
    if (!day) return warn(r, "oneroster.line-item", "a line item needs an assignDate or a dueDate: left out");
    auto a = make<model::assessment>(r, "lineItems", *school);
    a.title = std::string(r["title"]);
    a.day = *day;
    const auto subject = cls ? m_ix.subject_of_course((*cls)["courseSourcedId"]) : std::nullopt;
    a.subject = !meta_of(r, "subject").empty() ? meta_of(r, "subject") : subject.value_or("");
    a.classes = split_list(r[meta + "classes"]);
    a.groups = split_list(r[meta + "groups"]);
    if (a.classes.empty() && a.groups.empty() && cls) {
        const auto kind = m_ix.kind_of_class(*cls);
        const auto audience = meta_of(*cls, "audience");
        if (kind == class_kind::section) (audience.starts_with("class:") ? a.classes : a.groups).push_back(audience.substr(audience.find(':') + 1));
        else (kind == class_kind::class_ ? a.classes : a.groups).push_back(package_index::id_of(*cls));
    }
    a.teacher = optional_text(r[meta + "teacher"]);
    if (const auto* period = m_ix.session(r["gradingPeriodSourcedId"])) a.period = package_index::id_of(*period);
    const auto scale = m_scale_max.find(r["sourcedId"]);
    a.scale = number(r, "resultValueMax").value_or(scale == m_scale_max.end() ? 20.0 : scale->second);
    const auto* category = m_ix.category(r["categorySourcedId"]);
    if (!meta_of(r, "coefficient").empty()) a.coefficient = number(r, meta + "coefficient").value_or(1);
    if (category && (*category)[meta + "coefficient"].empty()) a.extensions[std::string(ext_category)] = std::string((*category)["title"]); // another tool's
    a.bonus = meta_of(r, "bonus") == "true";
    a.optional = meta_of(r, "optional") == "true";
    a.visible_to_students_at = model::parse_date_time(r[meta + "visible_to_students_at"]);
    a.visible_to_guardians_at = model::parse_date_time(r[meta + "visible_to_guardians_at"]);
    if (const auto it = m_objectives_of.find(r["sourcedId"]); it != m_objectives_of.end()) a.extensions[std::string(ext_objectives)] = it->second;
    m_item_school[std::string(r["sourcedId"])] = *school;
    emit(m_sink, std::move(a));
}

void record_mapper::result(const row& r) {
    const auto* item = m_ix.line_item(r["lineItemSourcedId"]);
    const auto* student = m_ix.user(r["studentSourcedId"]);
    const auto school = m_item_school.find(r["lineItemSourcedId"]);
    if (!item || !student || school == m_item_school.end())
        return warn(r, "oneroster.result", "the result names a line item or student not in the package: left out");
    auto g = make<model::grade_result>(r, "results", school->second);
    g.assessment = package_index::id_of(*item);
    g.student = package_index::id_of(*student);
    g.status = grade_status_of(r["scoreStatus"], r["textScore"]);
    if (g.status == model::grade_status::graded) g.value = number(r, "score");
    g.comment = optional_text(r["comment"]);
    if (const auto it = m_objectives_of.find(r["sourcedId"]); it != m_objectives_of.end()) g.extensions[std::string(ext_objectives)] = it->second;
    emit(m_sink, std::move(g));
}

std::optional<double> record_mapper::number(const row& r, std::string_view column) {
    const auto text = r[column];
    if (text.empty()) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc() && end == text.data() + text.size()) return v;
    warn(r, "oneroster.number", std::string(column) + " \"" + std::string(text) + "\" is not a number: left out");
    return std::nullopt;
}

/** In a delta, `tobedeleted` rows: a deletion of what each row stood for (every kind it may be when the row does not say). */
void record_mapper::deletions() {
    for (const auto& [file, r] : m_deleted) {
        std::vector<std::string> kinds;
        for (const auto kind : kinds_of_file(file))
            if (kind != "guardian_link") kinds.emplace_back(kind);
        // A session row that says its type is one of the two.
        if (file == "academicSessions" && !(*r)["type"].empty()) kinds = {(*r)["type"] == "schoolYear" ? "academic_year" : "period"};
        if (kinds.empty()) info(*r, "oneroster.deleted", "a deletion in " + file + ".csv has no place in the model: left out");
        for (const auto& kind : kinds) {
            const auto target = package_index::id_of(*r);
            auto d = adapter_support::new_record<model::deletion>(kind + ":" + target, m_ix.only_school().value_or(""), {format_name, r->file, r->line});
            d.target_kind = kind;
            d.target_id = target;
            emit(m_sink, std::move(d));
        }
    }
}

} // namespace

void read_records(const package& p, const read_options& opt, io::record_sink& sink, diagnostics& diags) { record_mapper(p, opt, sink, diags).run(); }

} // namespace interop::oneroster
