// Referential integrity: every id a record names exists, in the same school.

#include "rules.hpp"

#include <set>
#include <unordered_set>

namespace interop::detail {
namespace {

using id_set = std::unordered_set<std::string>;

template <class K> id_set ids_of(const model::dataset& ds) {
    id_set out;
    for (const K& r : ds.all<K>()) out.insert(r.school + '\x1f' + r.id);
    return out;
}

/** Ids of every kind, and the checks of one record's references against them. */
class reference_checker {
public:
    explicit reference_checker(const model::dataset& ds, diagnostics& d) : m_diags(d) {
        model::for_each_kind([&]<class K>(std::type_identity<K>) { m_ids[std::string(K::kind)] = ids_of<K>(ds); });
        for (const auto& s : ds.all<model::establishment>()) m_schools.insert(s.uai);
    }

    template <class R> void school(const R& r) {
        if (r.school.empty() && model::may_be_shared<R>) return;
        if (!m_schools.empty() && !m_schools.contains(r.school))
            report(m_diags, severity::error, "ref.school", r, "school " + r.school + " is not among the dataset's schools");
    }
    /**
     * Found in the record's school, or shared by every school (a national nomenclature). An empty
     * id is an absent reference, not a broken one: a warning where the model wants one.
     */
    template <class R> void one(const R& r, const char* field, std::string_view kind, const std::string& id) {
        if (id.empty()) {
            report(m_diags, severity::warning, "ref.absent", r, std::string(field) + " names no " + std::string(kind));
            return;
        }
        const auto& ids = m_ids[std::string(kind)];
        if (!ids.contains(r.school + '\x1f' + id) && !ids.contains('\x1f' + id))
            report(m_diags, severity::error, "ref.missing", r,
                   std::string(field) + " names " + std::string(kind) + " \"" + id + "\", which is not in the dataset");
    }
    template <class R> void one(const R& r, const char* field, std::string_view kind, const std::optional<std::string>& id) {
        if (id && !id->empty()) one(r, field, kind, *id);
    }
    /** An id of one of two kinds (a class or a group). */
    template <class R> void either(const R& r, const char* field, std::string_view a, std::string_view b, const std::string& id) {
        const std::string key = r.school + '\x1f' + id;
        if (!m_ids[std::string(a)].contains(key) && !m_ids[std::string(b)].contains(key))
            report(m_diags, severity::error, "ref.missing", r,
                   std::string(field) + " names \"" + id + "\", which is neither a role nor a " + std::string(a) + " or " +
                       std::string(b) + " in the dataset");
    }
    template <class R> void many(const R& r, const char* field, std::string_view kind, const std::vector<std::string>& ids) {
        for (const auto& id : ids) one(r, field, kind, id);
    }

private:
    diagnostics& m_diags;
    std::map<std::string, id_set> m_ids;
    std::set<std::string> m_schools;
};

// One overload per kind that names other records; kinds without references have none.
void refs(const model::period& r, reference_checker& c) { c.one(r, "academic_year", "academic_year", r.academic_year); }
void refs(const model::calendar& r, reference_checker& c) { c.one(r, "academic_year", "academic_year", r.academic_year); }
void refs(const model::student& r, reference_checker& c) { c.one(r, "mef", "mef", r.mef); }
void refs(const model::school_class& r, reference_checker& c) { c.many(r, "mefs", "mef", r.mefs); }
void refs(const model::group& r, reference_checker& c) { c.many(r, "classes", "class", r.classes); }
void refs(const model::guardian_link& r, reference_checker& c) {
    c.one(r, "student", "student", r.student);
    c.one(r, "guardian", "guardian", r.guardian);
}
void refs(const model::contact_preference& r, reference_checker& c) { c.one(r, "person", model::to_string(r.person_kind), r.person); }
void refs(const model::membership& r, reference_checker& c) {
    c.one(r, "person", r.role == model::membership_role::student || r.role == model::membership_role::delegate ? "student" : "staff", r.person);
    c.one(r, "group", model::to_string(r.group_kind), r.group);
}
template <class R> void audience_refs(const R& r, reference_checker& c) {
    c.many(r, "classes", "class", r.classes);
    c.many(r, "groups", "group", r.groups);
}
void refs(const model::teaching_assignment& r, reference_checker& c) {
    c.one(r, "staff", "staff", r.staff);
    c.one(r, "subject", "subject", r.subject);
    c.one(r, "group", model::to_string(r.group_kind), r.group);
}
void refs(const model::course& r, reference_checker& c) {
    c.one(r, "subject", "subject", r.subject);
    c.many(r, "teachers", "staff", r.teachers);
    audience_refs(r, c);
    c.many(r, "rooms", "room", r.rooms);
    c.many(r, "equipment", "equipment", r.equipment);
    c.one(r, "week_pattern", "week_pattern", r.week_pattern);
}
void refs(const model::session& r, reference_checker& c) {
    c.one(r, "course", "course", r.course);
    c.one(r, "subject", "subject", r.subject);
    c.many(r, "teachers", "staff", r.teachers);
    audience_refs(r, c);
    c.many(r, "rooms", "room", r.rooms);
}
void refs(const model::attendance_event& r, reference_checker& c) {
    c.one(r, "student", "student", r.student);
    c.one(r, "session", "session", r.session);
    c.one(r, "recorded_by", "staff", r.recorded_by);
}
void refs(const model::assessment& r, reference_checker& c) {
    c.one(r, "subject", "subject", r.subject);
    audience_refs(r, c);
    c.one(r, "teacher", "staff", r.teacher);
    c.one(r, "period", "period", r.period);
}
void refs(const model::grade_result& r, reference_checker& c) {
    c.one(r, "assessment", "assessment", r.assessment);
    c.one(r, "student", "student", r.student);
}
void refs(const model::competency_result& r, reference_checker& c) {
    c.one(r, "student", "student", r.student);
    c.one(r, "subject", "subject", r.subject);
    c.one(r, "assessment", "assessment", r.assessment);
}
void refs(const model::report_card& r, reference_checker& c) {
    c.one(r, "student", "student", r.student);
    c.one(r, "period", "period", r.period);
    for (const auto& s : r.subjects) {
        c.one(r, "subjects.subject", "subject", s.subject);
        c.one(r, "subjects.teacher", "staff", s.teacher);
        c.many(r, "subjects.co_teachers", "staff", s.co_teachers);
    }
    c.many(r, "main_teachers", "staff", r.main_teachers);
    c.one(r, "signed_by", "staff", r.signed_by);
}
void refs(const model::session_content& r, reference_checker& c) {
    c.one(r, "subject", "subject", r.subject);
    c.one(r, "session", "session", r.session);
    audience_refs(r, c);
    c.one(r, "teacher", "staff", r.teacher);
}
void refs(const model::homework& r, reference_checker& c) {
    c.one(r, "subject", "subject", r.subject);
    audience_refs(r, c);
    c.one(r, "teacher", "staff", r.teacher);
    c.one(r, "session", "session", r.session);
}
void refs(const model::observation& r, reference_checker& c) {
    c.one(r, "student", "student", r.student);
    c.one(r, "subject", "subject", r.subject);
    c.one(r, "author", "staff", r.author);
}
void refs(const model::discipline_incident& r, reference_checker& c) {
    c.many(r, "students", "student", r.students);
    c.one(r, "reported_by", "staff", r.reported_by);
}
void refs(const model::sanction& r, reference_checker& c) {
    c.one(r, "student", "student", r.student);
    c.one(r, "incident", "discipline_incident", r.incident);
    c.one(r, "given_by", "staff", r.given_by);
}
void refs(const model::news_item& r, reference_checker& c) {
    c.one(r, "author", "staff", r.author);
    for (const auto& a : r.audience)
        if (!model::is_audience_role(a)) c.either(r, "audience", "class", "group", a);
}
void refs(const model::notification& r, reference_checker& c) { c.one(r, "recipient", model::to_string(r.recipient_kind), r.recipient); }

} // namespace

void check_references(const model::dataset& ds, diagnostics& d) {
    reference_checker checker(ds, d);
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (const K& r : ds.all<K>()) {
            checker.school(r);
            if constexpr (requires { refs(r, checker); }) refs(r, checker);
        }
    });
}

} // namespace interop::detail
