#include "bee_export.hpp"

#include "../common/siecle_codes.hpp"

#include <algorithm>
#include <array>

namespace interop::siecle {
namespace {

constexpr std::array<std::string_view, 4> roots{"BEE_NOMENCLATURES", "BEE_STRUCTURES", "BEE_ELEVES", "BEE_RESPONSABLES"};

/** A value given as an attribute (`ELEVE_ID="…"`) or as a child element, as exports vary. */
std::string_view field(const xml::element& e, std::string_view name) {
    if (const auto* a = e.attribute(name)) return *a;
    return e.child_text(name);
}

std::optional<std::string> non_empty(std::string_view s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }

/** CODE_REGIME (unverified table: 0–1 externe, 2 and 6 demi-pension, 3 and 5 interne, 4 interne externé). */
model::regime regime_of(std::string_view code) {
    if (code == "0" || code == "1") return model::regime::externe;
    if (code == "2" || code == "6") return model::regime::demi_pensionnaire;
    if (code == "3" || code == "5") return model::regime::interne;
    if (code == "4") return model::regime::interne_externe;
    return model::regime::unknown;
}

bool flag(std::string_view v) { return v == "1" || v == "O" || v == "OUI" || v == "oui"; }

} // namespace

std::optional<export_kind> kind_of_head(std::string_view head) {
    for (std::size_t k = 0; k < roots.size(); ++k)
        if (head.find("<" + std::string(roots[k])) != std::string_view::npos) return static_cast<export_kind>(k);
    return std::nullopt;
}

std::string_view root_name(export_kind k) { return roots[static_cast<std::size_t>(k)]; }

void describe_export(const xml::element& parameters, model::metadata& m) {
    for (const auto& p : parameters.children)
        if (!p.text.empty()) m.extensions["siecle:" + p.name] = p.text;
    if (const auto d = codes::date_ddmmyyyy(field(parameters, "DATE_EXPORT")))
        m.generated_at = model::date_time{*d, 0, std::nullopt};
}

void bee_mapper::begin_file(export_kind kind, std::string file) {
    m_kind = kind;
    m_file = std::move(file);
}

void bee_mapper::parameters(const xml::element& e) {
    const std::string uaj(field(e, "UAJ"));
    if (uaj.empty()) return warn(e, "siecle.uaj", "PARAMETRES without UAJ: the school is unknown");
    if (!m_school.empty() && uaj != m_school)
        throw parse_error({m_file, e.line, 0}, "siecle", "UAJ " + uaj + " differs from " + m_school + " of the other files: one school per export set");
    m_school = uaj;
}

void bee_mapper::element(const xml::element& e) {
    if (m_kind == export_kind::nomenclatures) return nomenclature(e);
    if (m_kind == export_kind::structures) return structure(e);
    if (e.name == "ELEVE") return pupil(e);
    if (e.name == "OPTION") return pupil_option(e);
    if (e.name == "STRUCTURES_ELEVE") return pupil_structures(e);
    if (e.name == "PERSONNE") return person(e);
    if (e.name == "RESPONSABLE_ELEVE") return responsibility(e);
    if (e.name == "ADRESSE") return address(e);
    if (m_reported.insert("element:" + e.name).second)
        m_diags.add(severity::info, "siecle.unmapped", "", "<" + e.name + "> elements are not mapped: left out", {m_file, e.line, 0});
}

void bee_mapper::end_file() {
    for (auto& p : m_pupils) emit(std::move(p));
    m_pupils.clear();
    m_pupil_index.clear();
    for (auto& [g, address_id] : m_people) {
        if (const auto a = m_addresses.find(address_id); !address_id.empty() && a != m_addresses.end())
            g.contacts.push_back({model::contact_kind::address, a->second});
        emit(std::move(g));
    }
    m_people.clear();
    m_addresses.clear();
}

void bee_mapper::nomenclature(const xml::element& e) {
    if (e.name == "MATIERE") {
        const std::string code(field(e, "CODE_MATIERE"));
        auto s = make<model::subject>(e, code, "");
        s.code = code;
        s.short_label = field(e, "LIBELLE_COURT");
        s.long_label = field(e, "LIBELLE_LONG");
        s.management_code = non_empty(field(e, "CODE_GESTION"));
        keep_unmapped(e, {"CODE_MATIERE", "LIBELLE_COURT", "LIBELLE_LONG", "CODE_GESTION"}, s.extensions);
        return emit(std::move(s));
    }
    if (e.name == "MEF") {
        const std::string code(field(e, "CODE_MEF"));
        auto m = make<model::mef>(e, code, "");
        m.code = code;
        m.label = field(e, "LIBELLE_LONG");
        m.stat11 = non_empty(field(e, "CODE_MEFSTAT"));
        if (const auto parent = field(e, "MEF_RATTACHEMENT"); !parent.empty() && parent != code) m.parent = std::string(parent);
        keep_unmapped(e, {"CODE_MEF", "LIBELLE_LONG", "CODE_MEFSTAT", "MEF_RATTACHEMENT"}, m.extensions);
        return emit(std::move(m));
    }
    if (m_reported.insert("element:" + e.name).second)
        m_diags.add(severity::info, "siecle.unmapped", "", "nomenclature <" + e.name + "> is not mapped: left out", {m_file, e.line, 0});
}

void bee_mapper::structure(const xml::element& e) {
    const bool is_class = e.name == "DIVISION";
    if (!is_class && e.name != "GROUPE") return;
    const std::string code(field(e, "CODE_STRUCTURE"));
    if (code.empty()) return warn(e, "siecle.structure", "<" + e.name + "> without CODE_STRUCTURE: left out");
    if (is_class) {
        m_classes.insert(code);
        auto c = make<model::school_class>(e, code, m_school);
        c.code = code;
        c.label = field(e, "LIBELLE_LONG").empty() ? code : std::string(field(e, "LIBELLE_LONG"));
        if (const auto* mefs = e.child("MEFS_APPARTENANCE"))
            for (const auto& m : mefs->children) c.mefs.emplace_back(field(m, "CODE_MEF").empty() ? field(m, "CODE") : field(m, "CODE_MEF"));
        keep_unmapped(e, {"CODE_STRUCTURE", "LIBELLE_LONG", "MEFS_APPARTENANCE"}, c.extensions);
        return emit(std::move(c));
    }
    m_groups.insert(code);
    auto g = make<model::group>(e, code, m_school);
    g.code = code;
    g.label = field(e, "LIBELLE_LONG").empty() ? code : std::string(field(e, "LIBELLE_LONG"));
    if (const auto* divisions = e.child("DIVISIONS_APPARTENANCE"))
        for (const auto& d : divisions->children)
            g.classes.emplace_back(field(d, "CODE_STRUCTURE").empty() ? field(d, "CODE") : field(d, "CODE_STRUCTURE"));
    keep_unmapped(e, {"CODE_STRUCTURE", "LIBELLE_LONG", "DIVISIONS_APPARTENANCE"}, g.extensions);
    emit(std::move(g));
}

void bee_mapper::pupil(const xml::element& e) {
    const std::string id(field(e, "ELEVE_ID"));
    if (id.empty()) return warn(e, "siecle.id", "ELEVE without ELEVE_ID: left out");
    auto s = make<model::student>(e, id, m_school);
    const auto family = field(e, "NOM_DE_FAMILLE"), usage = field(e, "NOM_USAGE");
    s.last_name = usage.empty() ? family : usage;
    if (!usage.empty() && usage != family) s.birth_last_name = std::string(family);
    s.first_name = field(e, "PRENOM");
    for (const char* other : {"PRENOM2", "PRENOM3"})
        if (!field(e, other).empty()) s.other_first_names.emplace_back(field(e, other));
    s.birth_date = date_of(field(e, "DATE_NAISS"), "DATE_NAISS", e);
    if (const auto sex = field(e, "CODE_SEXE"); sex == "1" || sex == "2") s.sex = sex == "1" ? "M" : "F";
    s.ine = non_empty(field(e, "ID_NATIONAL").empty() ? field(e, "INE_BEA") : field(e, "ID_NATIONAL"));
    s.mef = non_empty(field(e, "CODE_MEF"));
    if (const auto regime = field(e, "CODE_REGIME"); !regime.empty()) {
        s.regime = regime_of(regime);
        s.extensions["siecle:CODE_REGIME"] = regime;
    }
    s.entry_date = date_of(field(e, "DATE_ENTREE"), "DATE_ENTREE", e);
    s.exit_date = date_of(field(e, "DATE_SORTIE"), "DATE_SORTIE", e);
    s.email = non_empty(field(e, "MEL"));
    s.external_ids = {{"siecle", id}};
    if (const auto elenoet = field(e, "ELENOET"); !elenoet.empty()) s.external_ids.push_back({"elenoet", std::string(elenoet)});
    keep_unmapped(e,
                  {"ELEVE_ID", "ELENOET", "NOM_DE_FAMILLE", "NOM_USAGE", "PRENOM", "PRENOM2", "PRENOM3", "DATE_NAISS", "CODE_SEXE",
                   "ID_NATIONAL", "INE_BEA", "CODE_MEF", "CODE_REGIME", "DATE_ENTREE", "DATE_SORTIE", "MEL"},
                  s.extensions);
    m_pupil_index[id] = m_pupils.size();
    m_pupils.push_back(std::move(s));
}

void bee_mapper::pupil_option(const xml::element& e) {
    // OPTION@ELEVE_ID/OPTIONS_ELEVE{NUM_OPTION, CODE_MODALITE_ELECT, CODE_MATIERE}: the pupil's subjects, kept in extensions.
    const auto it = m_pupil_index.find(std::string(field(e, "ELEVE_ID")));
    if (it == m_pupil_index.end()) return warn(e, "siecle.ref", "OPTION for an ELEVE_ID the file does not have: left out");
    std::string subjects;
    auto add = [&](const xml::element& o) {
        if (const auto code = field(o, "CODE_MATIERE"); !code.empty())
            subjects += (subjects.empty() ? "" : ",") + std::string(code) + (field(o, "CODE_MODALITE_ELECT").empty() ? "" : "/" + std::string(field(o, "CODE_MODALITE_ELECT")));
    };
    add(e);
    for (const auto& o : e.children) add(o);
    if (!subjects.empty()) m_pupils[it->second].extensions["siecle:options"] = subjects;
}

void bee_mapper::pupil_structures(const xml::element& e) {
    const std::string id(field(e, "ELEVE_ID"));
    for (const auto& s : e.children) {
        if (s.name != "STRUCTURE") continue;
        const auto code = field(s, "CODE_STRUCTURE");
        const bool is_class = field(s, "TYPE_STRUCTURE") == "D";
        if (code.empty()) continue;
        ensure_group(code, is_class, s);
        auto m = make<model::membership>(s, id + "@" + std::string(code), m_school);
        m.person = id;
        m.group = code;
        m.group_kind = is_class ? model::audience_kind::class_ : model::audience_kind::group;
        if (const auto pupil = m_pupil_index.find(id); pupil != m_pupil_index.end()) m.end = m_pupils[pupil->second].exit_date; // a pupil who left is no longer in the class
        emit(std::move(m));
    }
}

void bee_mapper::person(const xml::element& e) {
    const std::string id(field(e, "PERSONNE_ID"));
    if (id.empty()) return warn(e, "siecle.id", "PERSONNE without PERSONNE_ID: left out");
    auto g = make<model::guardian>(e, id, m_school);
    const auto family = field(e, "NOM_DE_FAMILLE"), usage = field(e, "NOM_USAGE");
    g.last_name = usage.empty() ? family : usage;
    g.first_name = field(e, "PRENOM");
    g.civility = non_empty(field(e, "LC_CIVILITE"));
    for (auto [tag, type] : {std::pair{"MEL", model::contact_kind::email}, std::pair{"TEL_PORTABLE", model::contact_kind::mobile},
                             std::pair{"TEL_PERSONNEL", model::contact_kind::home_phone},
                             std::pair{"TEL_PROFESSIONNEL", model::contact_kind::work_phone}})
        if (const auto v = field(e, tag); !v.empty()) g.contacts.push_back({type, std::string(v)});
    g.accepts_sms = flag(field(e, "ACCEPTE_SMS"));
    g.external_ids = {{"siecle", id}};
    keep_unmapped(e,
                  {"PERSONNE_ID", "NOM_DE_FAMILLE", "NOM_USAGE", "PRENOM", "LC_CIVILITE", "MEL", "TEL_PORTABLE", "TEL_PERSONNEL",
                   "TEL_PROFESSIONNEL", "ACCEPTE_SMS", "ADRESSE_ID"},
                  g.extensions);
    m_people.emplace_back(std::move(g), std::string(field(e, "ADRESSE_ID")));
}

void bee_mapper::responsibility(const xml::element& e) {
    const std::string pupil(field(e, "ELEVE_ID")), person(field(e, "PERSONNE_ID"));
    if (pupil.empty() || person.empty()) return warn(e, "siecle.ref", "RESPONSABLE_ELEVE without ELEVE_ID or PERSONNE_ID: left out");
    auto l = make<model::guardian_link>(e, pupil + "/" + person, m_school);
    l.student = pupil;
    l.guardian = person;
    if (const auto code = field(e, "CODE_PARENTE"); !code.empty()) l.relationship = codes::relationship(code);
    if (const auto legal = field(e, "RESP_LEGAL"); legal == "1" || legal == "2") l.legal_rank = legal[0] - '0';
    l.financial = flag(field(e, "RESP_FINANCIER"));
    l.contact = flag(field(e, "PERS_CONTACT"));
    keep_unmapped(e, {"ELEVE_ID", "PERSONNE_ID", "CODE_PARENTE", "RESP_LEGAL", "RESP_FINANCIER", "PERS_CONTACT"}, l.extensions);
    emit(std::move(l));
}

void bee_mapper::address(const xml::element& e) {
    std::string line;
    auto append = [&](std::string_view part, const char* sep) {
        if (!part.empty()) line += (line.empty() ? "" : sep) + std::string(part);
    };
    for (const char* tag : {"LIGNE1_ADRESSE", "LIGNE2_ADRESSE", "LIGNE3_ADRESSE", "LIGNE4_ADRESSE"}) append(field(e, tag), ", ");
    append(field(e, "CODE_POSTAL"), ", ");
    append(field(e, "LIBELLE_POSTAL"), field(e, "CODE_POSTAL").empty() ? ", " : " ");
    append(field(e, "LL_PAYS"), ", ");
    m_addresses[std::string(field(e, "ADRESSE_ID"))] = line;
}

void bee_mapper::ensure_group(std::string_view code, bool is_class, const xml::element& at) {
    auto& seen = is_class ? m_classes : m_groups;
    if (!seen.emplace(code).second) return;
    if (is_class) {
        auto c = make<model::school_class>(at, std::string(code), m_school);
        c.code = c.label = code;
        emit(std::move(c));
    } else {
        auto g = make<model::group>(at, std::string(code), m_school);
        g.code = g.label = code;
        emit(std::move(g));
    }
}

void bee_mapper::keep_unmapped(const xml::element& e, std::initializer_list<std::string_view> mapped, model::extensions& out) {
    auto keep = [&](const std::string& name, const std::string& value) {
        if (value.empty() || std::find(mapped.begin(), mapped.end(), name) != mapped.end()) return;
        out["siecle:" + name] = value;
        if (m_reported.insert(e.name + "/" + name).second)
            m_diags.add(severity::info, "siecle.unmapped", "", e.name + " " + name + " is not mapped to a model field: kept in extensions as siecle:" + name,
                        {m_file, e.line, 0});
    };
    for (const auto& [name, value] : e.attributes) keep(name, value);
    for (const auto& c : e.children)
        if (c.children.empty()) keep(c.name, c.text);
}

std::optional<model::date> bee_mapper::date_of(std::string_view text, std::string_view tag, const xml::element& e) {
    if (text.empty()) return std::nullopt;
    if (auto d = codes::date_ddmmyyyy(text)) return d;
    warn(e, "siecle.date", std::string(tag) + " \"" + std::string(text) + "\" is not a dd/mm/yyyy date: left out");
    return std::nullopt;
}

void bee_mapper::warn(const xml::element& e, std::string code, std::string message) {
    m_diags.add(severity::warning, std::move(code), "", std::move(message), {m_file, e.line, 0});
}

} // namespace interop::siecle
