#include "oneroster_export.hpp"

#include "oneroster_vocabulary.hpp"

#include <interop/adapter/support.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace interop::oneroster {
namespace {

model::date next_day(const model::date& d) { return model::date_from_days(model::days_since_epoch(d) + 1); }

std::string audience_kind_name(model::audience_kind k) { return k == model::audience_kind::class_ ? "class" : "group"; }

class package_builder {
public:
    package_builder(const model::dataset& d, const export_options& opt) : m_d(d), m_opt(opt), m_delta(d.metadata.scope == model::scope::delta) {}

    package build() {
        remember_sourced_ids();
        m_p.version = "1.2";
        for (const auto& [key, value] : m_d.metadata.extensions)
            if (key.starts_with(ext_prefix)) m_p.properties.emplace_back(key.substr(ext_prefix.size()), value);
        schools();
        sessions();
        courses();
        classes_and_groups();
        sections();
        people();
        enrollments();
        gradebook();
        deletions();
        if (m_delta) date_delta_rows();
        if (!m_delta) files_of_full_snapshot();
        for (auto& [name, t] : m_p.tables) t.mode = m_delta ? file_mode::delta : file_mode::bulk;
        return std::move(m_p);
    }

private:
    /**
     * A full snapshot writes the files of what it holds whole even when empty (an empty bulk
     * file says there is none): the rostering files always (the others refer to them), the
     * gradebook's when the dataset covers assessments or results (or says nothing of what it covers).
     */
    void files_of_full_snapshot() {
        for (auto file : {"orgs", "academicSessions", "courses", "classes", "users", "roles", "enrollments"}) m_p.at(file);
        const auto& covers = m_d.metadata.covers;
        const bool gradebook = covers.empty() || std::find(covers.begin(), covers.end(), "assessment") != covers.end() ||
                               std::find(covers.begin(), covers.end(), "grade_result") != covers.end();
        if (gradebook)
            for (auto file : {"categories", "scoreScales", "lineItems", "results", "lineItemScoreScales"}) m_p.at(file);
    }

    /** The sourcedIds records already have in OneRoster (read from a package, or given by a client's PUT): kept as they are. */
    void remember_sourced_ids() {
        model::for_each_kind([&]<class K>(std::type_identity<K>) {
            for (const auto& r : m_d.all<K>())
                for (const auto& e : r.external_ids)
                    if (e.system == ext_system) m_kept_sid[{std::string(K::kind), r.school, r.id}] = e.id;
        });
    }

    /** The sourcedId of a record: the one it has in OneRoster, else ours (a hash of kind, school and id). */
    std::string sid(std::string_view kind, const std::string& school, const std::string& id) const {
        const auto it = m_kept_sid.find({std::string(kind), school, id});
        return it != m_kept_sid.end() ? it->second : sourced_id(kind, school, id);
    }

    /** A row for a record: its sourcedId, status, our id, and what it kept of a OneRoster read. */
    row& add(std::string_view file, std::string_view kind, const model::record& r, std::string school_for_id = {}) {
        auto& t = m_p.at(file);
        row out;
        for (const auto& [key, value] : r.extensions)
            if (key.starts_with(ext_prefix) && key != ext_category && key != ext_objectives) out.cells[key.substr(ext_prefix.size())] = value;
        out.cells["sourcedId"] = sid(kind, school_for_id.empty() ? r.school : school_for_id, r.id);
        out.cells["status"] = "active";
        if (m_opt.modified) set(out, "dateLastModified", m_opt.modified(kind, r));
        out.cells[meta + "id"] = r.id;
        t.rows.push_back(std::move(out));
        return t.rows.back();
    }

    static void set(row& r, const std::string& column, std::string value) {
        if (!value.empty()) r.cells[column] = std::move(value);
    }
    template <class T> static void set(row& r, const std::string& column, const std::optional<T>& value) {
        if (value) set(r, column, std::string(*value));
    }

    void schools() {
        for (const auto& s : m_d.all<model::establishment>()) {
            auto& r = add("orgs", "school", s);
            set(r, "name", s.name);
            set(r, "type", "school");
            set(r, "identifier", s.uai);
            m_org[s.school.empty() ? s.uai : s.school] = r.cells["sourcedId"];
            m_schools.push_back(s.school.empty() ? s.uai : s.school);
        }
    }

    void sessions() {
        for (const auto& y : m_d.all<model::academic_year>()) {
            auto& r = add("academicSessions", "academic_year", y);
            set(r, "title", y.label);
            set(r, "type", "schoolYear");
            set(r, "startDate", model::to_string(y.start));
            set(r, "endDate", model::to_string(next_day(y.end))); // OneRoster's end date is exclusive
            set(r, "schoolYear", std::to_string(y.end.year));
            set(r, meta + "school", y.school);
            m_year_sid[{y.school, y.id}] = r.cells["sourcedId"];
            m_school_year.emplace(y.school, r.cells["sourcedId"]);
        }
        for (const auto& p : m_d.all<model::period>()) {
            auto& r = add("academicSessions", "period", p);
            set(r, "title", p.label);
            set(r, "type", p.type == model::period_kind::semester ? "semester" : p.type == model::period_kind::trimester ? "term" : "gradingPeriod");
            set(r, "startDate", model::to_string(p.start));
            set(r, "endDate", model::to_string(next_day(p.end)));
            set(r, "schoolYear", std::to_string(p.end.year));
            set(r, meta + "school", p.school);
            if (auto it = m_year_sid.find({p.school, p.academic_year}); it != m_year_sid.end()) set(r, "parentSourcedId", it->second);
            m_period_sid[{p.school, p.id}] = r.cells["sourcedId"];
        }
    }

    /** One course per subject and school (a shared subject is offered by every school), and each school's homeroom course. */
    void courses() {
        for (const auto& s : m_d.all<model::subject>())
            for (const auto& school : s.school.empty() ? m_schools : std::vector<std::string>{s.school}) {
                auto& r = add("courses", "subject", s, school);
                set(r, "title", s.long_label.empty() ? s.short_label : s.long_label);
                set(r, "courseCode", s.short_label);
                set(r, "subjectCodes", s.code);
                set(r, "orgSourcedId", org(school));
                set(r, "schoolYearSourcedId", year_of(school));
                if (s.school.empty()) set(r, meta + "shared", "true");
                m_course[{school, s.id}] = r.cells["sourcedId"];
                m_subject_label[s.id] = s.long_label.empty() ? s.short_label : s.long_label;
            }
        for (const auto& school : m_schools) {
            model::record homeroom;
            homeroom.id = "homeroom";
            homeroom.school = school;
            auto& r = add("courses", "homeroom", homeroom);
            r.cells.erase(meta + "id");
            set(r, "title", "Classes et groupes");
            set(r, "courseCode", "HOMEROOM");
            set(r, "orgSourcedId", org(school));
            set(r, "schoolYearSourcedId", year_of(school));
            set(r, meta + "kind", "homeroom");
            m_course[{school, ""}] = r.cells["sourcedId"];
        }
    }

    void classes_and_groups() {
        for (const auto& c : m_d.all<model::school_class>()) {
            auto& r = class_row("class", c, c.code, c.label.empty() ? c.code : c.label, "homeroom");
            if (c.level) set(r, "grades", ceds_grade(*c.level));
            set(r, meta + "level", c.level);
            m_audience_label[{c.school, "class", c.id}] = c.code;
        }
        for (const auto& g : m_d.all<model::group>()) {
            auto& r = class_row("group", g, g.code, g.label.empty() ? g.code : g.label, "scheduled");
            set(r, meta + "type", std::string(model::enum_names<model::group_kind>::values[static_cast<std::size_t>(g.type)]));
            set(r, meta + "classes", join_list(g.classes));
            m_audience_label[{g.school, "group", g.id}] = g.code;
        }
    }

    row& class_row(std::string_view kind, const model::record& rec, const std::string& code, const std::string& title, const std::string& type) {
        auto& r = add("classes", kind, rec);
        set(r, "title", title);
        set(r, "classCode", code);
        set(r, "classType", type);
        set(r, "courseSourcedId", m_course[{rec.school, ""}]);
        set(r, "schoolSourcedId", org(rec.school));
        set(r, "termSourcedIds", year_of(rec.school));
        set(r, meta + "kind", std::string(kind));
        m_class_sid[{rec.school, std::string(kind), rec.id}] = r.cells["sourcedId"];
        return r;
    }

    struct section_key {
        std::string school, subject, audience_kind, audience;
        auto operator<=>(const section_key&) const = default;
    };
    static std::string section_id(const section_key& k) { return k.subject + "@" + k.audience_kind + ":" + k.audience; }

    /** A scheduled class per subject taught to a class or group: what learning tools call a class. */
    void sections() {
        for (const auto& ta : m_d.all<model::teaching_assignment>()) {
            const section_key key{ta.school, ta.subject.value_or(""), audience_kind_name(ta.group_kind), ta.group};
            if (m_section.count(key)) continue;
            model::record rec;
            rec.id = section_id(key);
            rec.school = ta.school;
            auto& r = add("classes", "section", rec);
            r.cells.erase(meta + "id");
            const auto audience = m_audience_label.count({key.school, key.audience_kind, key.audience}) ? m_audience_label[{key.school, key.audience_kind, key.audience}] : key.audience;
            const auto subject = m_subject_label.count(key.subject) ? m_subject_label[key.subject] : key.subject;
            set(r, "title", audience + (subject.empty() ? "" : " " + subject));
            set(r, "classCode", audience + (key.subject.empty() ? "" : "-" + key.subject));
            set(r, "classType", "scheduled");
            set(r, "courseSourcedId", course_of(key.school, key.subject));
            set(r, "schoolSourcedId", org(key.school));
            set(r, "termSourcedIds", year_of(key.school));
            set(r, meta + "kind", "section");
            set(r, meta + "audience", key.audience_kind + ":" + key.audience);
            m_section[key] = r.cells["sourcedId"];
        }
    }

    void people() {
        std::map<std::pair<std::string, std::string>, std::vector<std::string>> agents; // (school, user sid) → agent sids
        std::map<std::pair<std::string, std::string>, std::vector<std::string>> link_ids; // (school, student id) → guardian=link ids
        for (const auto& l : m_d.all<model::guardian_link>()) {
            const auto student = sid("student", l.school, l.student), guardian = sid("guardian", l.school, l.guardian);
            agents[{l.school, student}].push_back(guardian);
            agents[{l.school, guardian}].push_back(student);
            link_ids[{l.school, l.student}].push_back(l.guardian + "=" + l.id);
        }
        for (const auto& s : m_d.all<model::student>()) {
            auto& r = user_row("student", s, s.first_name, s.last_name, "student", agents);
            if (s.ine) {
                auto ids = without_sourced_id(s.external_ids);
                ids.push_back({std::string(ine_user_id), *s.ine});
                set(r, "userIds", user_ids_text(ids));
            }
            fill(r, "middleName", join_words(s.other_first_names));
            fill(r, "email", s.email);
            if (s.level) fill(r, "grades", ceds_grade(*s.level));
            fill(r, meta + "level", s.level);
            if (auto it = link_ids.find({s.school, s.id}); it != link_ids.end()) fill(r, meta + "links", join_list(it->second));
            demographics("student", s, s.birth_date, s.sex.value_or(""));
        }
        for (const auto& s : m_d.all<model::staff>()) {
            auto& r = user_row("staff", s, s.first_name, s.last_name, staff_role(s.functions), agents);
            fill(r, "email", s.email);
            fill(r, meta + "functions", join_list(s.functions));
            demographics("staff", s, s.birth_date, "");
        }
        for (const auto& g : m_d.all<model::guardian>()) {
            auto& r = user_row("guardian", g, g.first_name, g.last_name, "guardian", agents);
            fill(r, "email", first_contact(g, {model::contact_kind::email}));
            fill(r, "sms", first_contact(g, {model::contact_kind::mobile}));
            fill(r, "phone", first_contact(g, {model::contact_kind::home_phone, model::contact_kind::work_phone}));
        }
    }

    /**
     * The users row of a person. A person who is two records of the model (a teacher who is
     * also a guardian, read from one OneRoster user) keeps one row under its sourcedId, with
     * a role per record; cells already written stay.
     */
    row& user_row(std::string_view kind, const model::record& p, const std::string& given, const std::string& family, const std::string& role,
                  const std::map<std::pair<std::string, std::string>, std::vector<std::string>>& agents) {
        const auto user_sid = sid(kind, p.school, p.id);
        m_people[{p.school, p.id}].emplace(std::string(kind), user_sid);
        auto& users = m_p.at("users");
        const auto seen = m_user_index.find(user_sid);
        row& r = seen != m_user_index.end() ? users.rows[seen->second] : add("users", kind, p);
        if (seen == m_user_index.end()) m_user_index[user_sid] = users.rows.size() - 1;
        fill(r, "enabledUser", "true");
        fill(r, "givenName", given);
        fill(r, "familyName", family);
        fill(r, "userIds", user_ids_text(without_sourced_id(p.external_ids)));
        fill(r, "primaryOrgSourcedId", org(p.school));
        if (auto it = agents.find({p.school, user_sid}); it != agents.end()) fill(r, "agentSourcedIds", join_list(it->second));
        row rr;
        rr.cells = {{"sourcedId", sourced_id("role", p.school, user_sid + "/" + role)}, {"status", "active"}, {"userSourcedId", user_sid},
                    {"roleType", seen == m_user_index.end() ? "primary" : "secondary"}, {"role", role}, {"orgSourcedId", org(p.school)}};
        set(rr, "dateLastModified", std::string(r["dateLastModified"]));
        m_p.at("roles").rows.push_back(std::move(rr));
        return r;
    }

    /** Sets a cell not set yet. */
    static void fill(row& r, const std::string& column, const std::string& value) {
        if (r[column].empty()) set(r, column, value);
    }
    template <class T> static void fill(row& r, const std::string& column, const std::optional<T>& value) {
        if (value) fill(r, column, std::string(*value));
    }

    /** The sourcedId of the person an enrollment or a result names: of the kind expected, else of the kind it is (a teacher enrolled as a pupil). */
    std::string person_sid(std::string_view kind, const std::string& school, const std::string& id) const {
        const auto it = m_people.find({school, id});
        if (it == m_people.end()) return sid(kind, school, id);
        const auto same = it->second.find(std::string(kind));
        return same != it->second.end() ? same->second : it->second.begin()->second;
    }

    void demographics(std::string_view kind, const model::record& p, const std::optional<model::date>& birth, const std::string& sex) {
        const auto user_sid = sid(kind, p.school, p.id);
        if ((!birth && sex_of(sex).empty()) || !m_demographics.insert(user_sid).second) return; // one row per user
        row r;
        r.cells = {{"sourcedId", user_sid}, {"status", "active"}};
        if (m_opt.modified) set(r, "dateLastModified", m_opt.modified(kind, p));
        if (birth) r.cells["birthDate"] = model::to_string(*birth);
        set(r, "sex", sex_of(sex));
        m_p.at("demographics").rows.push_back(std::move(r));
    }

    static std::vector<model::external_id> without_sourced_id(std::vector<model::external_id> ids) {
        std::erase_if(ids, [](const model::external_id& e) { return e.system == ext_system; });
        return ids;
    }

    static std::string first_contact(const model::guardian& g, std::initializer_list<model::contact_kind> kinds) {
        for (auto k : kinds)
            for (const auto& c : g.contacts)
                if (c.type == k) return c.value;
        return {};
    }

    static std::string join_words(const std::vector<std::string>& words) {
        std::string out;
        for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
        return out;
    }

    void enrollments() {
        std::map<std::tuple<std::string, std::string, std::string>, std::vector<const model::membership*>> pupils; // (school, kind, group)
        for (const auto& m : m_d.all<model::membership>()) {
            const auto kind = audience_kind_name(m.group_kind);
            const auto cls = m_class_sid.find({m.school, kind, m.group});
            const bool is_pupil = m.role == model::membership_role::student || m.role == model::membership_role::delegate;
            if (is_pupil) pupils[{m.school, kind, m.group}].push_back(&m);
            auto& r = add("enrollments", "membership", m);
            set(r, "classSourcedId", cls == m_class_sid.end() ? sid(kind, m.school, m.group) : cls->second);
            set(r, "schoolSourcedId", org(m.school));
            set(r, "userSourcedId", person_sid(is_pupil ? "student" : "staff", m.school, m.person));
            set(r, "role", is_pupil ? "student" : "teacher");
            set(r, "primary", m.role == model::membership_role::principal_teacher ? "true" : "false");
            if (m.start) set(r, "beginDate", model::to_string(*m.start));
            if (m.end) set(r, "endDate", model::to_string(*m.end));
            if (m.role == model::membership_role::delegate) set(r, meta + "role", "delegate");
        }
        for (const auto& ta : m_d.all<model::teaching_assignment>()) {
            const section_key key{ta.school, ta.subject.value_or(""), audience_kind_name(ta.group_kind), ta.group};
            auto& r = add("enrollments", "teaching_assignment", ta);
            set(r, "classSourcedId", m_section[key]);
            set(r, "schoolSourcedId", org(ta.school));
            set(r, "userSourcedId", person_sid("staff", ta.school, ta.staff));
            set(r, "role", "teacher");
            set(r, "primary", "true");
            set(r, meta + "mode", ta.mode);
            if (ta.weekly_hours) set(r, meta + "weekly_hours", number_text(*ta.weekly_hours));
        }
        // The audience's pupils in each section, derived from their memberships (read back, left out).
        for (const auto& [key, section] : m_section)
            for (const auto* m : pupils[{key.school, key.audience_kind, key.audience}]) {
                row r;
                r.cells = {{"sourcedId", sourced_id("section_enrollment", key.school, section + "/" + m->id)}, {"status", "active"}, {"classSourcedId", section},
                           {"schoolSourcedId", org(key.school)}, {"userSourcedId", person_sid("student", m->school, m->person)},
                           {"role", "student"}, {"primary", "false"}, {meta + "derived", "true"}};
                if (m_opt.modified) set(r, "dateLastModified", m_opt.modified("membership", *m));
                if (m->start) r.cells["beginDate"] = model::to_string(*m->start);
                if (m->end) r.cells["endDate"] = model::to_string(*m->end);
                m_p.at("enrollments").rows.push_back(std::move(r));
            }
    }

    void gradebook() {
        for (const auto& a : m_d.all<model::assessment>()) {
            auto& r = add("lineItems", "assessment", a);
            set(r, "title", a.title);
            set(r, "assignDate", model::to_string(a.day));
            set(r, "dueDate", model::to_string(a.day));
            set(r, "classSourcedId", class_of(a));
            set(r, "categorySourcedId", category(a));
            if (a.period) set(r, "gradingPeriodSourcedId", m_period_sid[{a.school, *a.period}]);
            set(r, "resultValueMin", "0");
            set(r, "resultValueMax", number_text(a.scale));
            set(r, meta + "subject", a.subject);
            set(r, meta + "classes", join_list(a.classes));
            set(r, meta + "groups", join_list(a.groups));
            set(r, meta + "teacher", a.teacher);
            set(r, meta + "coefficient", number_text(a.coefficient));
            if (a.bonus) set(r, meta + "bonus", "true");
            if (a.optional) set(r, meta + "optional", "true");
            if (a.visible_to_students_at) set(r, meta + "visible_to_students_at", model::to_string(*a.visible_to_students_at));
            if (a.visible_to_guardians_at) set(r, meta + "visible_to_guardians_at", model::to_string(*a.visible_to_guardians_at));
            scale_link(a, r.cells["sourcedId"]);
            objectives("lineItemLearningObjectiveIds", "lineItemSourcedId", r.cells["sourcedId"], a);
        }
        for (const auto& g : m_d.all<model::grade_result>()) {
            auto& r = add("results", "grade_result", g);
            const auto s = score_status_of(g.status);
            set(r, "lineItemSourcedId", sid("assessment", g.school, g.assessment));
            set(r, "studentSourcedId", person_sid("student", g.school, g.student));
            set(r, "scoreStatus", s.status);
            set(r, "textScore", s.text);
            if (g.value) set(r, "score", number_text(*g.value));
            set(r, "comment", g.comment);
            objectives("resultLearningObjectiveIds", "resultSourcedId", r.cells["sourcedId"], g);
        }
    }

    /** The class a line item belongs to: the section of its subject for its first audience, else that audience. */
    std::string class_of(const model::assessment& a) {
        for (const auto& [kind, ids] : {std::pair{std::string("class"), a.classes}, std::pair{std::string("group"), a.groups}})
            for (const auto& id : ids) {
                if (auto s = m_section.find({a.school, a.subject, kind, id}); s != m_section.end()) return s->second;
                if (auto c = m_class_sid.find({a.school, kind, id}); c != m_class_sid.end()) return c->second;
            }
        return {};
    }

    /** Categories: the foreign one the assessment came with, else one per coefficient (its weight). */
    std::string category(const model::assessment& a) {
        const auto foreign = a.extensions.find(std::string(ext_category));
        const std::string title = foreign != a.extensions.end() ? foreign->second : "Coefficient " + number_text(a.coefficient);
        const auto category_sid = sourced_id("category", a.school, title);
        if (m_categories.insert(category_sid).second) {
            row r;
            r.cells = {{"sourcedId", category_sid}, {"status", "active"}, {"title", title}};
            if (foreign == a.extensions.end()) {
                r.cells["weight"] = number_text(a.coefficient);
                r.cells[meta + "coefficient"] = number_text(a.coefficient);
            }
            m_p.at("categories").rows.push_back(std::move(r));
        }
        return category_sid;
    }

    /** Score scales: one per maximum mark and school (`Sur 20`), linked to each line item. */
    void scale_link(const model::assessment& a, const std::string& item) {
        const auto max = number_text(a.scale);
        const auto scale_sid = sourced_id("score_scale", a.school, max);
        if (m_scales.insert(scale_sid).second) {
            row r;
            r.cells = {{"sourcedId", scale_sid}, {"status", "active"}, {"title", "Sur " + max}, {"type", "numeric"},
                       {"orgSourcedId", org(a.school)}, {"scoreScaleValue", "{0:0},{" + max + ":" + max + "}"}};
            m_p.at("scoreScales").rows.push_back(std::move(r));
        }
        row link;
        link.cells = {{"lineItemSourcedId", item}, {"scoreScaleSourcedId", scale_sid}};
        m_p.at("lineItemScoreScales").rows.push_back(std::move(link));
    }

    void objectives(std::string_view file, const std::string& column, const std::string& owner, const model::record& rec) {
        const auto it = rec.extensions.find(std::string(ext_objectives));
        if (it == rec.extensions.end()) return;
        for (const auto& line : adapter_support::split_nonempty(it->second, '\n')) {
            const auto colon = line.find(':');
            row r;
            r.cells = {{column, owner}, {"source", line.substr(0, colon)}, {"learningObjectiveId", colon == std::string::npos ? "" : line.substr(colon + 1)}};
            m_p.at(file).rows.push_back(std::move(r));
        }
    }

    /**
     * A delta row needs its dateLastModified: rows without one (no `modified` given, deletions)
     * take when the dataset was made, or now.
     */
    void date_delta_rows() {
        const auto at = m_d.metadata.generated_at ? model::epoch_seconds(*m_d.metadata.generated_at)
                                                   : std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        const auto day = model::date_from_days(at / 86400);
        char stamp[32];
        std::snprintf(stamp, sizeof stamp, "%sT%02d:%02d:%02d.000Z", model::to_string(day).c_str(), static_cast<int>(at % 86400 / 3600),
                      static_cast<int>(at % 3600 / 60), static_cast<int>(at % 60));
        for (auto& [name, t] : m_p.tables)
            for (auto& r : t.rows)
                if (r.cells["dateLastModified"].empty()) r.cells["dateLastModified"] = stamp;
    }

    /** In a delta: each deleted record as a `tobedeleted` row of the file that holds its kind (links have no row of their own). */
    void deletions() {
        for (const auto& d : m_d.all<model::deletion>()) {
            if (d.target_kind == "guardian_link") continue;
            for (const auto& spec : files()) {
                const auto kinds = kinds_of_file(spec.name);
                if (std::find(kinds.begin(), kinds.end(), d.target_kind) == kinds.end()) continue;
                row r;
                r.cells = {{"sourcedId", sid(d.target_kind, d.school, d.target_id)}, {"status", "tobedeleted"}, {meta + "id", d.target_id}};
                m_p.at(spec.name).rows.push_back(std::move(r));
            }
        }
    }

    std::string org(const std::string& school) const {
        const auto it = m_org.find(school);
        return it == m_org.end() ? sid("school", school, school) : it->second;
    }
    std::string year_of(const std::string& school) const {
        const auto it = m_school_year.find(school);
        return it == m_school_year.end() ? std::string() : it->second;
    }
    std::string course_of(const std::string& school, const std::string& subject) {
        const auto it = m_course.find({school, subject});
        return it == m_course.end() ? m_course[{school, ""}] : it->second;
    }

    const model::dataset& m_d;
    const export_options& m_opt;
    const bool m_delta;
    package m_p;
    std::vector<std::string> m_schools;
    std::map<std::string, std::string> m_org, m_school_year, m_subject_label;
    std::map<std::pair<std::string, std::string>, std::string> m_year_sid, m_period_sid, m_course;
    std::map<std::tuple<std::string, std::string, std::string>, std::string> m_class_sid, m_audience_label;
    std::map<section_key, std::string> m_section;
    std::set<std::string> m_categories, m_scales, m_demographics;
    std::map<std::tuple<std::string, std::string, std::string>, std::string> m_kept_sid; ///< (kind, school, id) → sourcedId kept
    std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> m_people; ///< (school, id) → kind → sourcedId
    std::map<std::string, std::size_t> m_user_index; ///< sourcedId → its users row
};

} // namespace

package to_package(const model::dataset& d, const export_options& opt) { return package_builder(d, opt).build(); }

namespace {

/** A guardian's contacts as OneRoster's users row gives them back: email, sms as mobile, phone as home phone unless it is the sms. */
std::vector<model::contact> contacts_read_back(const model::guardian& g) {
    auto first = [&](std::initializer_list<model::contact_kind> kinds) -> std::string {
        for (auto k : kinds)
            for (const auto& c : g.contacts)
                if (c.type == k) return c.value;
        return {};
    };
    std::vector<model::contact> out;
    const auto email = first({model::contact_kind::email}), sms = first({model::contact_kind::mobile});
    const auto phone = first({model::contact_kind::home_phone, model::contact_kind::work_phone});
    if (!email.empty()) out.push_back({model::contact_kind::email, email});
    if (!sms.empty()) out.push_back({model::contact_kind::mobile, sms});
    if (!phone.empty() && phone != sms) out.push_back({model::contact_kind::home_phone, phone});
    return out;
}

} // namespace

model::dataset as_carried(model::dataset d, io::loss_log& losses) {
    // An org for each school the records name that has no school record (a SIECLE or AAF export
    // names its UAI only): users and classes belong to an org the package lists.
    std::set<std::string> schools, listed;
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (const auto& r : d.all<K>())
            if (!r.school.empty()) schools.insert(r.school);
    });
    for (const auto& s : d.all<model::establishment>()) listed.insert(s.school.empty() ? s.uai : s.school);
    for (const auto& uai : schools)
        if (!listed.contains(uai)) {
            model::establishment s;
            s.id = s.school = s.uai = s.name = uai;
            d.add(std::move(s));
        }
    auto of_no_school = [&](auto& records) {
        std::erase_if(records, [&](const auto& p) {
            if (!p.school.empty()) return false;
            losses.record("loss.oneroster.no-school", std::string(p.kind) + ": OneRoster's users and enrollments belong to an org; one of no school is left out",
                          io::record_name(p));
            return true;
        });
    };
    of_no_school(d.all<model::student>());
    of_no_school(d.all<model::staff>());
    of_no_school(d.all<model::guardian>());
    of_no_school(d.all<model::guardian_link>());
    of_no_school(d.all<model::membership>());
    for (const auto& s : d.all<model::subject>())
        if (s.code.find(',') != std::string::npos)
            losses.part("loss.oneroster.code", "subject: subjectCodes is a comma-separated list: a code holding a comma is cut at it", io::record_name(s));
    std::set<std::tuple<std::string, model::audience_kind, std::string>> audiences;
    for (const auto& c : d.all<model::school_class>()) audiences.insert({c.school, model::audience_kind::class_, c.id});
    for (const auto& g : d.all<model::group>()) audiences.insert({g.school, model::audience_kind::group, g.id});
    std::erase_if(d.all<model::membership>(), [&](const model::membership& m) {
        if (audiences.contains({m.school, m.group_kind, m.group})) return false;
        losses.record("loss.oneroster.no-class", "membership: names a class or group the dataset does not hold; an enrollment is in a class the package lists",
                      io::record_name(m));
        return true;
    });
    for (const auto& g : d.all<model::guardian>())
        if (!(contacts_read_back(g) == g.contacts))
            losses.part("loss.oneroster.contacts",
                        "guardian: OneRoster holds one email, one mobile and one phone; other contacts (addresses, a second phone) are left out",
                        io::record_name(g));
    return d;
}

} // namespace interop::oneroster
