#include "aaf_delivery.hpp"

#include <array>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace interop::generator {
namespace {

constexpr std::array<const char*, 6> type_names{"EtabEducNat", "MatiereEducNat", "MefEducNat", "PersEducNat", "Eleve", "PersRelEleve"};
constexpr std::array<const char*, 6> categories{"categorieStructure", "categorieMatiere", "categorieMef",
                                                "categoriePersonne", "categoriePersonne", "categoriePersonne"};
constexpr std::array<const char*, 6> category_values{"EtabEducNat", "MatEducNat", "MefEducNat", "PersEducNat", "Eleve", "PersRelEleve"};
enum type { etab, matiere, mef, pers_educ, eleve, pers_rel };

std::string escaped(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string ddmmyyyy(const model::date& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
    return buf;
}

/** The files of one type, each closed and a new one opened every `limit` requests. */
class split_files {
public:
    split_files(std::filesystem::path dir, type t, std::size_t limit) : m_dir(std::move(dir)), m_type(t), m_limit(limit) {}
    ~split_files() { close(); }

    using values = std::vector<std::string>;
    /** One addRequest with its attributes; empty value lists are written `<value/>`. */
    void add(const std::string& id, const std::vector<std::pair<const char*, values>>& attrs) {
        if (!m_out.is_open() || m_count == m_limit) open_next();
        ++m_count;
        m_out << "<addRequest>\n<operationalAttributes><attr name=\"" << categories[m_type] << "\"><value>" << category_values[m_type]
              << "</value></attr></operationalAttributes>\n<identifier><id>" << id << "</id></identifier>\n<attributes>\n";
        for (const auto& [name, vs] : attrs) {
            m_out << "<attr name=\"" << name << "\">";
            if (vs.empty()) m_out << "<value/>";
            for (const auto& v : vs) m_out << "<value>" << escaped(v) << "</value>";
            m_out << "</attr>\n";
        }
        m_out << "</attributes>\n</addRequest>\n";
    }

private:
    void open_next() {
        close();
        char name[128];
        std::snprintf(name, sizeof name, "ACADEMIE_Complet_20250901_%s_%04zu.xml", type_names[m_type], m_index++);
        m_out.open(m_dir / name, std::ios::binary);
        if (!m_out) throw std::runtime_error("cannot write " + (m_dir / name).string());
        m_out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE ficAlimMENESR SYSTEM \"ficAlimMENESR.dtd\">\n<ficAlimMENESR>\n"
                 "<!-- versionAF=\"AAF-VE2407\" -->\n<!-- versionSDET=\"Annexe 4bis version 6.4\" -->\n"
                 "<!-- codeAcademieExport=\"99\" -->\n<!-- degre=\"2D\" -->\n<!-- dateGenerationExport=\"01/09/2025\" -->\n";
        m_count = 0;
    }
    void close() {
        if (!m_out.is_open()) return;
        m_out << "</ficAlimMENESR>\n";
        m_out.close();
    }

    std::filesystem::path m_dir;
    type m_type;
    std::size_t m_limit;
    std::size_t m_index = 0;
    std::size_t m_count = 0;
    std::ofstream m_out;
};

/** What one school needs to write its people: records buffered until the next school starts. */
struct school_buffer {
    model::establishment school;
    std::vector<model::school_class> classes;
    std::vector<model::group> groups;
    std::vector<model::student> students;
    std::vector<model::guardian> guardians;
    std::vector<model::staff> staff;
    std::multimap<std::string, model::membership> memberships;        // by person
    std::multimap<std::string, model::guardian_link> links;            // by student
    std::multimap<std::string, model::teaching_assignment> services;  // by staff
    std::map<std::string, std::string> subject_codes;                  // subject id → BCN code
    std::map<std::string, std::string> structure_codes;                // class or group id → its code, which AAF names it by
};

/** A member of staff as AAF writes one: a person, with the functions and services of each school they work in. */
struct staff_person {
    model::staff record;
    std::string id;     ///< ENTPersonJointure: from the first school
    std::string school; ///< the first school's jointure, the person's ENTPersonStructRattach
    std::size_t schools = 0;
    std::vector<std::string> functions = {}, classes = {}, groups = {}, class_subjects = {}, group_subjects = {};
};

class aaf_delivery_writer : public io::record_sink {
public:
    aaf_delivery_writer(const std::filesystem::path& dir, std::size_t limit) {
        std::filesystem::create_directories(dir);
        for (std::size_t t = 0; t < type_names.size(); ++t) m_files.push_back(std::make_unique<split_files>(dir, static_cast<type>(t), limit));
    }

    void on_record(model::any_record&& r) override {
        std::visit([this](auto&& rec) { take(std::move(rec)); }, std::move(r));
    }
    void on_end() override {
        flush();
        write_staff();
    }

private:
    void take(model::establishment&& s) {
        flush();
        m_school = school_buffer{};
        m_school.school = std::move(s);
        m_jointure = std::to_string(10000 + m_schools++);
    }
    void take(model::school_class&& c) {
        m_school.structure_codes[c.id] = c.code;
        m_school.classes.push_back(std::move(c));
    }
    void take(model::group&& g) {
        m_school.structure_codes[g.id] = g.code;
        m_school.groups.push_back(std::move(g));
    }
    void take(model::student&& s) { m_school.students.push_back(std::move(s)); }
    void take(model::guardian&& g) { m_school.guardians.push_back(std::move(g)); }
    void take(model::staff&& s) { m_school.staff.push_back(std::move(s)); }
    void take(model::membership&& m) { m_school.memberships.emplace(m.person, std::move(m)); }
    void take(model::guardian_link&& l) { m_school.links.emplace(l.student, std::move(l)); }
    void take(model::teaching_assignment&& a) { m_school.services.emplace(a.staff, std::move(a)); }
    void take(model::subject&& s) {
        m_school.subject_codes[s.id] = s.code;
        if (m_subjects.insert(s.code).second)
            m_files[matiere]->add(s.code, {{"ENTMatJointure", {s.code}}, {"ENTLibelleMatiere", {s.long_label}}});
    }
    void take(model::mef&& m) {
        if (m_mefs.insert(m.code).second)
            m_files[mef]->add(m.code, {{"ENTMefJointure", {m.code}}, {"ENTLibelleMef", {m.label}}, {"ENTMEFRattach", {m.code}},
                                      {"ENTMEFSTAT11", {m.stat11.value_or("")}}});
    }
    template <class K> void take(K&&) {} // timetable, school life, news: not in AAF

    /** A person id unique across the academy. */
    std::string person(const std::string& local) const { return m_jointure + local; }
    /** A class or group as AAF names it: its school's jointure and its code (a class and a group may share one). */
    std::string packed(const std::string& id) const {
        const auto it = m_school.structure_codes.find(id);
        return m_jointure + "$" + (it == m_school.structure_codes.end() ? id : it->second);
    }

    void flush() {
        if (m_school.school.uai.empty()) return;
        write_structure();
        write_students();
        write_guardians();
        take_staff();
        m_school = school_buffer{};
    }

    void write_structure() {
        const auto& s = m_school.school;
        split_files::values classes, groups;
        for (const auto& c : m_school.classes) classes.push_back(c.code + "$" + c.label);
        for (const auto& g : m_school.groups) groups.push_back(g.code + "$" + g.label);
        m_files[etab]->add(m_jointure, {{"ENTStructureJointure", {m_jointure}}, {"ENTStructureUAI", {s.uai}},
                                       {"ENTStructureNomCourant", {"CLG$" + s.name + "$" + s.city.value_or("")}},
                                       {"ENTStructureTypeStruct", {"COLLEGE"}}, {"ENTEtablissementContrat", {"PU"}},
                                       {"postalCode", {s.postal_code.value_or("")}}, {"l", {s.city.value_or("")}},
                                       {"ENTServAcAcademie", {s.academy.value_or("")}}, {"ENTStructureClasses", classes},
                                       {"ENTStructureGroupes", groups}});
    }

    void write_students() {
        for (const auto& s : m_school.students) {
            split_files::values links, classes, groups, entries;
            for (auto [it, end] = m_school.links.equal_range(s.id); it != end; ++it) {
                const auto& l = it->second;
                links.push_back(person(l.guardian) + "$" + (l.relationship == "mother" ? "10" : l.relationship == "father" ? "20" : "90") +
                                "$" + (l.financial ? "1" : "0") + "$" + (l.legal_rank ? std::to_string(*l.legal_rank) : "0") + "$" +
                                (l.contact ? "1" : "0") + "$0");
            }
            for (auto [it, end] = m_school.memberships.equal_range(s.id); it != end; ++it) {
                const auto& m = it->second;
                (m.group_kind == model::audience_kind::class_ ? classes : groups).push_back(packed(m.group));
                if (m.start) entries.push_back(m_jointure + "$" + ddmmyyyy(*m.start) + "$" + m_school.structure_codes[m.group]);
            }
            m_files[eleve]->add(person(s.id),
                               {{"ENTPersonJointure", {person(s.id)}}, {"ENTEleveINE", {s.ine.value_or("")}},
                                {"ENTPersonDateNaissance", {s.birth_date ? ddmmyyyy(*s.birth_date) : ""}},
                                {"sn", {s.last_name}}, {"givenName", {s.first_name}}, {"ENTPersonNomPatro", {s.last_name}},
                                {"personalTitle", {s.sex == "F" ? "Mme" : "M."}}, {"ENTElevePersRelEleve", links},
                                {"ENTEleveBoursier", {"N"}}, {"ENTEleveRegime", {"DEMI-PENSIONNAIRE DANS L'ETABLISSEMENT"}},
                                {"ENTEleveMEF", {s.mef.value_or("")}}, {"ENTEleveLibelleMEF", {s.level.value_or("")}},
                                {"ENTPersonStructRattach", {m_jointure}}, {"ENTEleveClasses", classes}, {"ENTEleveGroupes", groups},
                                {"ENTEleveDateEntreeClasses", entries}, {"ENTEleveDateSortieClasses", {}},
                                {"ENTPersonAdresse", {"1 rue de l'Ecole$$$"}}, {"ENTPersonCodePostal", {"44000"}},
                                {"ENTPersonVille", {"NANTES"}}, {"ENTPersonPays", {"FRANCE"}}});
        }
    }

    void write_guardians() {
        for (const auto& g : m_school.guardians) {
            std::vector<std::pair<const char*, split_files::values>> attrs{
                {"ENTPersonJointure", {person(g.id)}}, {"sn", {g.last_name}}, {"givenName", {g.first_name}},
                {"personalTitle", {g.civility.value_or("")}}};
            for (const auto& c : g.contacts) {
                if (c.type == model::contact_kind::email) attrs.push_back({"mail", {c.value}});
                else if (c.type == model::contact_kind::mobile) attrs.push_back({"mobile", {c.value}});
                else if (c.type == model::contact_kind::home_phone) attrs.push_back({"homePhone", {c.value}});
                else if (c.type == model::contact_kind::address) attrs.push_back({"ENTPersonAdresse", {c.value + "$$$"}});
            }
            m_files[pers_rel]->add(person(g.id), attrs);
        }
    }

    /**
     * AAF writes a person once, with functions and services in each school: a member of staff of
     * several schools (the same STS id and names) is one person, written at the end. Such a
     * person also serves a school outside the delivery, as teachers shared with a neighbouring
     * academy do: a structure no EtabEducNat defines, which readers take as a reference.
     */
    void take_staff() {
        for (const auto& s : m_school.staff) {
            std::string sts;
            for (const auto& e : s.external_ids)
                if (e.system == "sts") sts = e.id;
            const auto key = sts.empty() ? person(s.id) : sts + "|" + s.last_name + "|" + s.first_name;
            auto [it, fresh] = m_staff.try_emplace(key, staff_person{s, person(s.id), m_jointure});
            auto& p = it->second;
            ++p.schools;
            for (const auto& f : s.functions) p.functions.push_back(m_jointure + "$" + f + "$" + f + "$$");
            for (auto [m, end] = m_school.memberships.equal_range(s.id); m != end; ++m)
                (m->second.group_kind == model::audience_kind::class_ ? p.classes : p.groups).push_back(packed(m->second.group));
            for (auto [a, end] = m_school.services.equal_range(s.id); a != end; ++a) {
                const std::string code = a->second.subject ? m_school.subject_codes[*a->second.subject] : "";
                (a->second.group_kind == model::audience_kind::class_ ? p.class_subjects : p.group_subjects)
                    .push_back(packed(a->second.group) + "$" + code);
            }
            if (fresh) m_staff_order.push_back(key);
        }
    }

    void write_staff() {
        for (const auto& key : m_staff_order) {
            auto& p = m_staff.at(key);
            if (p.schools > 1) {
                p.functions.push_back(std::string(outside_structure) + "$ENS$ENS$$");
                p.class_subjects.push_back(std::string(outside_structure) + "$3B$");
            }
            const auto& s = p.record;
            m_files[pers_educ]->add(p.id, {{"ENTPersonJointure", {p.id}}, {"sn", {s.last_name}}, {"givenName", {s.first_name}},
                                          {"personalTitle", {s.civility.value_or("")}}, {"mail", {s.email.value_or("")}},
                                          {"ENTPersonStructRattach", {p.school}},
                                          {"ENTPersonFonctions", p.functions}, {"ENTAuxEnsClasses", p.classes}, {"ENTAuxEnsGroupes", p.groups},
                                          {"ENTAuxEnsClassesMatieres", p.class_subjects}, {"ENTAuxEnsGroupesMatieres", p.group_subjects}});
        }
    }

    /** The jointure of a school outside the delivery. */
    static constexpr const char* outside_structure = "99999";

    std::vector<std::unique_ptr<split_files>> m_files;
    school_buffer m_school;
    std::string m_jointure;
    int m_schools = 0;
    std::set<std::string> m_subjects, m_mefs;
    std::map<std::string, staff_person> m_staff; ///< by STS id and names
    std::vector<std::string> m_staff_order;
};

} // namespace

std::unique_ptr<io::record_sink> make_aaf_delivery_writer(const std::filesystem::path& dir, std::size_t requests_per_file) {
    return std::make_unique<aaf_delivery_writer>(dir, requests_per_file);
}

} // namespace interop::generator
