#pragma once
// A small school for notification tests: two pupils of 6A, their guardians (one by e-mail in
// French, one by SMS in Arabic, one unreachable), a subject, and helpers for dated records.

#include <interop/json/canonical.hpp>
#include <interop/model/dataset.hpp>

#include <string>

namespace test {

inline const std::string notify_uai = "0130001F";

inline interop::model::date_time at(const std::string& text) { return *interop::model::parse_date_time(text); }
/** Milliseconds of an RFC 3339 instant. */
inline std::int64_t ms(const std::string& text) { return interop::model::epoch_seconds(at(text)) * 1000; }

inline interop::model::guardian guardian_of(const std::string& id, const std::string& first, const std::string& last,
                                            std::vector<interop::model::contact> contacts, bool sms, std::optional<std::string> language = {}) {
    interop::model::guardian g;
    g.id = id;
    g.school = notify_uai;
    g.first_name = first;
    g.last_name = last;
    g.contacts = std::move(contacts);
    g.accepts_sms = sms;
    g.preferred_language = std::move(language);
    return g;
}

inline interop::model::guardian_link link_of(const std::string& pupil, const std::string& guardian, int rank) {
    interop::model::guardian_link l;
    l.id = pupil + "-" + guardian;
    l.school = notify_uai;
    l.student = pupil;
    l.guardian = guardian;
    l.legal_rank = rank;
    return l;
}

/** The school, as a full import. */
inline std::string notify_school_document() {
    using namespace interop::model;
    dataset ds;
    establishment e;
    e.id = e.uai = notify_uai;
    e.name = "Collège Jean Moulin";
    ds.add(e);
    school_class c;
    c.id = "6A", c.school = notify_uai, c.code = "6A", c.label = "6EME A";
    ds.add(c);
    for (auto [id, first, last] : {std::tuple{"E1", "Léa", "Martin"}, std::tuple{"E2", "Sami", "Haddad"}}) {
        student s;
        s.id = id, s.school = notify_uai, s.first_name = first, s.last_name = last;
        ds.add(s);
        membership m;
        m.id = std::string("M") + id, m.school = notify_uai, m.person = id, m.group = "6A";
        ds.add(m);
    }
    ds.add(guardian_of("G1", "Anne", "Martin", {{contact_kind::email, "anne.martin@example.org"}, {contact_kind::mobile, "06 12 34 56 78"}}, true));
    ds.add(guardian_of("G2", "Karim", "Haddad", {{contact_kind::mobile, "07 98 76 54 32"}}, true, "ar"));
    ds.add(guardian_of("G3", "Nadia", "Haddad", {{contact_kind::home_phone, "04 91 00 00 00"}}, false));
    ds.add(link_of("E1", "G1", 1));
    ds.add(link_of("E2", "G2", 1));
    ds.add(link_of("E2", "G3", 2));
    subject maths;
    maths.id = "MATHS", maths.school = notify_uai, maths.code = "061300", maths.short_label = "MATHS", maths.long_label = "Mathématiques";
    ds.add(maths);
    return interop::json::to_document(ds);
}

/** A delta holding these records. */
template <class... R> std::string delta_of(R... records) {
    interop::model::dataset ds;
    ds.metadata.scope = interop::model::scope::delta;
    (ds.add(std::move(records)), ...);
    return interop::json::to_document(ds);
}

inline interop::model::attendance_event absence_of(const std::string& id, const std::string& pupil, const std::string& start) {
    interop::model::attendance_event a;
    a.id = id, a.school = notify_uai, a.student = pupil, a.start = at(start);
    return a;
}

inline interop::model::news_item news_of(const std::string& id, const std::string& from, interop::model::priority p = interop::model::priority::normal) {
    interop::model::news_item n;
    n.id = id, n.school = notify_uai, n.title = "Sortie au musée", n.body = "Départ 8 h.", n.audience = {"guardians"};
    n.status = interop::model::news_status::published, n.publish_from = at(from), n.priority = p;
    return n;
}

} // namespace test
