// Eleve → student, its class and group memberships, its guardian links; PersEducNat → staff
// (one record per school it works in), its memberships and teaching assignments;
// PersRelEleve → guardian, in each school its pupils attend.

#include "mapper.hpp"

#include "../common/siecle_codes.hpp"

#include <map>
#include <set>

namespace interop::aaf {
namespace {

model::regime regime_of(std::string_view r) {
    if (r.starts_with("DEMI")) return model::regime::demi_pensionnaire;
    if (r.starts_with("INTERNE EXTERNE") || r.starts_with("INTERNE-EXTERNE")) return model::regime::interne_externe;
    if (r.starts_with("INTERNE")) return model::regime::interne;
    if (r.starts_with("EXTERNE")) return model::regime::externe;
    return model::regime::unknown;
}

template <class T> void add_unique(std::vector<T>& to, T value) {
    if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(std::move(value));
}

/** Names shared by every person category. */
template <class P> void names(const request& r, P& p) {
    p.last_name = r.first("sn");
    p.first_name = r.first("givenName");
}

/**
 * `person@code` in a class, `person@group:code` in a group: a class and a group may share a
 * code (4A and the group 4A of a subject), their memberships may not share an id.
 */
std::string membership_id(const std::string& person, std::string_view code, bool is_class) {
    return person + (is_class ? "@" : "@group:") + std::string(code);
}

} // namespace

void mapper::student(const request& r) {
    const std::string* known = school_of(r.first("ENTPersonStructRattach"), r, true, "ENTPersonStructRattach");
    const std::string school = known ? *known : std::string();
    auto s = make<model::student>(r, r.id, school);
    names(r, s);
    if (const auto* others = r.values("ENTPersonAutresPrenoms"))
        for (std::size_t i = 0; i < others->size(); ++i)
            if (i > 0 || (*others)[i] != s.first_name) s.other_first_names.push_back((*others)[i]);
    if (const auto patro = r.first("ENTPersonNomPatro"); !patro.empty() && patro != s.last_name) s.birth_last_name = std::string(patro);
    s.birth_date = date_of(r.first("ENTPersonDateNaissance"), "ENTPersonDateNaissance", r);
    s.ine = non_empty(r.first("ENTEleveINE"));
    s.mef = non_empty(r.first("ENTEleveMEF"));
    s.level = non_empty(r.first("ENTEleveLibelleMEF"));
    // The regime label is kept whole too: the model's regime is coarser.
    if (const auto regime = r.first("ENTEleveRegime"); !regime.empty()) {
        s.regime = regime_of(regime);
        s.extensions["aaf:ENTEleveRegime"] = regime;
    }
    s.email = non_empty(r.first("mail"));
    s.external_ids = {{"aaf", std::string(r.first("ENTPersonJointure").empty() ? std::string_view(r.id) : r.first("ENTPersonJointure"))}};
    student_links(r, school);
    keep_unmapped(file_type::student, r, s.extensions);
    emit(std::move(s));
}

void mapper::student_links(const request& r, const std::string& school) {
    // Guardians: id$link$financial$legal$contact$payment
    if (const auto* links = r.values("ENTElevePersRelEleve"))
        for (const auto& v : *links) {
            const auto f = unpack(v);
            if (f[0].empty()) continue;
            auto l = make<model::guardian_link>(r, r.id + "/" + std::string(f[0]), school);
            l.student = r.id;
            l.guardian = f[0];
            if (f.size() > 1 && !f[1].empty()) l.relationship = codes::relationship(f[1]);
            l.financial = f.size() > 2 && f[2] == "1";
            if (f.size() > 3 && (f[3] == "1" || f[3] == "2")) l.legal_rank = f[3][0] - '0';
            l.contact = f.size() > 4 && f[4] == "1";
            if (f.size() > 5 && !f[5].empty()) l.extensions["aaf:paiement"] = f[5];
            if (f.size() < 5) warn(r, "aaf.packed", "ENTElevePersRelEleve \"" + v + "\" has fewer than 5 fields: flags left false");
            m_guardian_schools.add(f[0], school_index(school));
            emit(std::move(l));
        }
    // Entry and exit dates: structure$dd/mm/yyyy$class
    struct dated {
        std::string_view structure, code;
        std::optional<model::date> start, end;
    };
    std::vector<dated> dates;
    for (auto [attr, entry] : {std::pair{"ENTEleveDateEntreeClasses", true}, std::pair{"ENTEleveDateSortieClasses", false}})
        if (const auto* values = r.values(attr))
            for (const auto& v : *values) {
                const auto f = unpack(v);
                if (f.size() < 3) continue;
                auto it = std::find_if(dates.begin(), dates.end(), [&](const dated& d) { return d.structure == f[0] && d.code == f[2]; });
                if (it == dates.end()) it = dates.insert(dates.end(), {f[0], f[2], {}, {}});
                (entry ? it->start : it->end) = date_of(f[1], attr, r);
            }
    std::set<std::string> placed; // a value given twice is one membership
    for (auto [attr, is_class] : {std::pair{"ENTEleveClasses", true}, std::pair{"ENTEleveGroupes", false}})
        if (const auto* values = r.values(attr))
            for (const auto& v : *values) {
                const auto f = unpack(v);
                if (f.size() < 2 || f[1].empty()) {
                    warn(r, "aaf.packed", std::string(attr) + " \"" + v + "\" is not structure$code: left out");
                    continue;
                }
                const std::string* group_school = school_of(f[0], r, true, attr);
                if (!group_school || !placed.insert(*group_school + '\x1f' + membership_id(r.id, f[1], is_class)).second) continue;
                ensure_group(*group_school, f[1], is_class, {}, r);
                auto m = make<model::membership>(r, membership_id(r.id, f[1], is_class), *group_school);
                m.person = r.id;
                m.group = f[1];
                m.group_kind = is_class ? model::audience_kind::class_ : model::audience_kind::group;
                for (const auto& d : dates)
                    if (d.structure == f[0] && d.code == f[1]) std::tie(m.start, m.end) = std::tie(d.start, d.end);
                emit(std::move(m));
            }
}

void mapper::staff(const request& r) {
    // One record per school the delivery defines among the attachment structures and those named
    // in functions; functions in structures it does not define go to the person's first record.
    std::map<std::string, model::staff> by_school;
    auto for_school = [&](std::string_view jointure, bool attached, const char* attribute) -> model::staff* {
        const std::string* school = school_of(jointure, r, attached, attribute);
        if (!school) return nullptr;
        auto [it, added] = by_school.try_emplace(*school);
        if (added) it->second = make<model::staff>(r, r.id, *school);
        return &it->second;
    };
    if (const auto* rattach = r.values("ENTPersonStructRattach"))
        for (const auto& j : *rattach) for_school(j, true, "ENTPersonStructRattach");
    std::vector<std::pair<std::string, std::string>> unplaced; // functions and disciplines in structures not defined
    // structure$function code$function label$discipline code$discipline label
    if (const auto* functions = r.values("ENTPersonFonctions"))
        for (const auto& v : *functions) {
            const auto f = unpack(v);
            if (f.size() < 2 || f[0].empty()) {
                warn(r, "aaf.packed", "ENTPersonFonctions \"" + v + "\" is not structure$code$…: left out");
                continue;
            }
            auto* s = for_school(f[0], false, "ENTPersonFonctions");
            if (!s) {
                unplaced.emplace_back(f[1], f.size() > 3 ? std::string(f[3]) : std::string());
                continue;
            }
            if (!f[1].empty()) add_unique(s->functions, std::string(f[1]));
            if (f.size() > 3 && !f[3].empty()) add_unique(s->disciplines, std::string(f[3]));
        }
    if (by_school.empty()) {
        warn(r, "aaf.staff.no-school", "no structure of the delivery is this person's: their school is unknown, left empty");
        by_school.emplace("", make<model::staff>(r, r.id, ""));
    }
    for (const auto& [function, discipline] : unplaced) {
        auto& first = by_school.begin()->second;
        if (!function.empty()) add_unique(first.functions, function);
        if (!discipline.empty()) add_unique(first.disciplines, discipline);
    }
    staff_links(r);
    const auto birth = date_of(r.first("ENTPersonDateNaissance"), "ENTPersonDateNaissance", r);
    const std::string jointure(r.first("ENTPersonJointure").empty() ? std::string_view(r.id) : r.first("ENTPersonJointure"));
    const auto civility = non_empty(r.first("personalTitle"));
    const auto email = non_empty(r.first("mail"));
    const std::string last_name(r.first("sn")), first_name(r.first("givenName"));
    model::extensions ext;
    keep_unmapped(file_type::staff, r, ext);
    for (auto& [school, s] : by_school) {
        s.last_name = last_name;
        s.first_name = first_name;
        s.civility = civility;
        s.birth_date = birth;
        s.email = email;
        s.external_ids = {{"aaf", jointure}};
        s.extensions.insert(ext.begin(), ext.end());
        emit(std::move(s));
    }
}

void mapper::staff_links(const request& r) {
    // Memberships: structure$class (principal teachers from ENTAuxEnsClassesPrincipal).
    std::map<std::tuple<std::string, std::string, bool>, model::membership> memberships; // school, code, is a class
    for (auto [attr, is_class, principal] : {std::tuple{"ENTAuxEnsClasses", true, false}, std::tuple{"ENTAuxEnsGroupes", false, false},
                                            std::tuple{"ENTAuxEnsClassesPrincipal", true, true}})
        if (const auto* values = r.values(attr))
            for (const auto& v : *values) {
                const auto f = unpack(v);
                if (f.size() < 2 || f[1].empty()) continue;
                const std::string* school = school_of(f[0], r, true, attr);
                if (!school) continue;
                ensure_group(*school, f[1], is_class, {}, r);
                auto [it, added] = memberships.try_emplace({*school, std::string(f[1]), is_class});
                if (added) {
                    it->second = make<model::membership>(r, membership_id(r.id, f[1], is_class), *school);
                    it->second.person = r.id;
                    it->second.group = f[1];
                    it->second.group_kind = is_class ? model::audience_kind::class_ : model::audience_kind::group;
                    it->second.role = model::membership_role::teacher;
                }
                if (principal) it->second.role = model::membership_role::principal_teacher;
            }
    for (auto& [key, m] : memberships) emit(std::move(m));
    // Teaching assignments: structure$class$subject code.
    std::set<std::string> seen;
    for (auto [attr, is_class] : {std::pair{"ENTAuxEnsClassesMatieres", true}, std::pair{"ENTAuxEnsGroupesMatieres", false}})
        if (const auto* values = r.values(attr))
            for (const auto& v : *values) {
                const auto f = unpack(v);
                if (f.size() < 3 || f[1].empty()) {
                    warn(r, "aaf.packed", std::string(attr) + " \"" + v + "\" is not structure$code$subject: left out");
                    continue;
                }
                const std::string* school = school_of(f[0], r, false, attr);
                if (!school) continue;
                std::string id = r.id + "/" + (is_class ? "" : "group:") + std::string(f[1]) + "/" + std::string(f[2]);
                if (!seen.insert(*school + '\x1f' + id).second) continue;
                ensure_group(*school, f[1], is_class, {}, r);
                auto a = make<model::teaching_assignment>(r, std::move(id), *school);
                a.staff = r.id;
                a.group = f[1];
                a.group_kind = is_class ? model::audience_kind::class_ : model::audience_kind::group;
                a.subject = non_empty(f[2]);
                emit(std::move(a));
            }
}

void mapper::guardian(const request& r) {
    model::guardian g = make<model::guardian>(r, r.id, "");
    names(r, g);
    g.civility = non_empty(r.first("personalTitle"));
    for (auto [attr, type] : {std::pair{"mail", model::contact_kind::email}, std::pair{"mobile", model::contact_kind::mobile},
                              std::pair{"ENTPersonMobileSMS", model::contact_kind::mobile},
                              std::pair{"homePhone", model::contact_kind::home_phone},
                              std::pair{"telephoneNumber", model::contact_kind::work_phone}})
        if (const auto* values = r.values(attr))
            for (const auto& v : *values) add_unique(g.contacts, model::contact{type, v});
    g.accepts_sms = !r.first("ENTPersonMobileSMS").empty();
    std::string address;
    if (const auto* lines = r.values("ENTPersonAdresse"))
        for (const auto& l : *lines)
            for (auto part : unpack(l))
                if (!part.empty()) address += (address.empty() ? "" : ", ") + std::string(part);
    const std::string town = std::string(r.first("ENTPersonCodePostal")) + (r.first("ENTPersonCodePostal").empty() ? "" : " ") +
                             std::string(r.first("ENTPersonVille"));
    for (std::string_view part : {std::string_view(town), r.first("ENTPersonPays")})
        if (!part.empty()) address += (address.empty() ? "" : ", ") + std::string(part);
    if (!address.empty()) g.contacts.push_back({model::contact_kind::address, address});
    g.external_ids = {{"aaf", std::string(r.first("ENTPersonJointure").empty() ? std::string_view(r.id) : r.first("ENTPersonJointure"))}};
    keep_unmapped(file_type::guardian, r, g.extensions);
    const auto schools = m_guardian_schools.schools_of(r.id);
    if (schools.empty()) {
        warn(r, "aaf.guardian.no-pupil", "no pupil of the delivery names this guardian: its school is unknown, left empty");
        emit(std::move(g));
        return;
    }
    for (std::size_t i = 0; i < schools.size(); ++i) {
        model::guardian copy = i + 1 < schools.size() ? g : std::move(g);
        copy.school = m_schools[schools[i]];
        emit(std::move(copy));
    }
}

} // namespace interop::aaf
