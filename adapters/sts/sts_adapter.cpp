// STS-Web `sts_emp_<UAI>_<year>.xml` (root STS_EDT): a school's staff, subjects, MEFs,
// divisions, groups and services (teacher × subject × division or group), as STS-Web gives
// them to timetable software. Zipped or not.

#include "../common/siecle_codes.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>
#include <interop/xml/reader.hpp>

#include <map>
#include <set>

namespace interop {
namespace {

constexpr const char* format_name = "sts";

std::optional<std::string> non_empty(std::string_view s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }

std::string_view field(const xml::element& e, std::string_view name) {
    if (const auto* a = e.attribute(name)) return *a;
    return e.child_text(name);
}

/** STS writes ISO dates (`yyyy-mm-dd`); older exports `dd/mm/yyyy`. */
std::optional<model::date> date_of(std::string_view v) {
    if (auto d = model::parse_date(v)) return d;
    return codes::date_ddmmyyyy(v);
}

/** Maps one sts_emp file; memberships are held until the file ends (one per person and class). */
class sts_mapper {
public:
    sts_mapper(io::record_sink& sink, diagnostics& diags, std::string file) : m_sink(sink), m_diags(diags), m_file(std::move(file)) {}

    void parameters(const xml::element& e, model::metadata& m) {
        if (const auto* uaj = e.child("UAJ")) m_school = field(*uaj, "CODE");
        if (const auto* year = e.child("ANNEE_SCOLAIRE")) m.extensions["sts:ANNEE_SCOLAIRE"] = std::string(field(*year, "ANNEE"));
        if (m_school.empty()) throw parse_error({m_file, e.line, 0}, format_name, "PARAMETRES without UAJ CODE: the school is unknown");
        m.extensions["sts:UAJ"] = m_school;
        if (const auto d = date_of(field(e, "DATE_EXPORT"))) m.generated_at = model::date_time{*d, 0, std::nullopt};
    }

    void element(const xml::element& e) {
        if (m_school.empty()) throw parse_error({m_file, e.line, 0}, format_name, "<" + e.name + "> before PARAMETRES/UAJ");
        if (e.name == "MATIERE") return subject(e);
        if (e.name == "MEF") return mef(e);
        if (e.name == "INDIVIDU") return person(e);
        if (e.name == "DIVISION" || e.name == "GROUPE") return structure(e);
        if (m_reported.insert(e.name).second)
            m_diags.add(severity::info, "sts.unmapped", "", "<" + e.name + "> elements are not mapped: left out", {m_file, e.line, 0});
    }

    void finish() {
        for (auto& [key, m] : m_memberships) emit(std::move(m));
        m_memberships.clear();
    }

private:
    void subject(const xml::element& e) {
        const std::string code(field(e, "CODE"));
        auto s = make<model::subject>(e, code, "");
        s.code = code;
        s.short_label = field(e, "LIBELLE_COURT");
        s.long_label = field(e, "LIBELLE_LONG");
        s.management_code = non_empty(field(e, "CODE_GESTION"));
        if (const auto edition = field(e, "LIBELLE_EDITION"); !edition.empty()) s.extensions["sts:LIBELLE_EDITION"] = edition;
        emit(std::move(s));
    }

    void mef(const xml::element& e) {
        const std::string code(field(e, "CODE"));
        auto m = make<model::mef>(e, code, "");
        m.code = code;
        m.label = field(e, "LIBELLE_LONG").empty() ? field(e, "FORMATION") : field(e, "LIBELLE_LONG");
        m.stat11 = non_empty(field(e, "CODE_MEFSTAT"));
        if (const auto parent = field(e, "MEF_RATTACHEMENT"); !parent.empty() && parent != code) m.parent = std::string(parent);
        emit(std::move(m));
    }

    void person(const xml::element& e) {
        const std::string id(field(e, "ID"));
        if (id.empty()) return warn(e, "sts.id", "INDIVIDU without ID: left out");
        auto s = make<model::staff>(e, id, m_school);
        s.last_name = field(e, "NOM_USAGE").empty() ? field(e, "NOM_PATRONYMIQUE") : field(e, "NOM_USAGE");
        s.first_name = field(e, "PRENOM");
        s.civility = non_empty(field(e, "CIVILITE"));
        s.birth_date = date_of(field(e, "DATE_NAISSANCE"));
        if (const auto f = field(e, "FONCTION"); !f.empty()) s.functions.emplace_back(f);
        if (const auto* disciplines = e.child("DISCIPLINES"))
            for (const auto& d : disciplines->children) {
                if (const auto code = field(d, "CODE"); !code.empty()) s.disciplines.emplace_back(code);
                if (const auto hours = field(d, "NB_HEURES"); !hours.empty())
                    s.extensions["sts:NB_HEURES." + std::string(field(d, "CODE"))] = hours;
            }
        for (const char* tag : {"TYPE", "GRADE", "NOM_PATRONYMIQUE", "SEXE"})
            if (const auto v = field(e, tag); !v.empty()) s.extensions["sts:" + std::string(tag)] = v;
        s.external_ids = {{"sts", id}};
        if (const auto* principal = e.child("PROFS_PRINC"))
            for (const auto& p : principal->children) {
                auto& m = membership(p, id, field(p, "CODE_STRUCTURE"), true);
                m.role = model::membership_role::principal_teacher;
                m.start = date_of(field(p, "DATE_DEBUT"));
                m.end = date_of(field(p, "DATE_FIN"));
            }
        emit(std::move(s));
    }

    void structure(const xml::element& e) {
        const bool is_class = e.name == "DIVISION";
        const std::string code(field(e, "CODE"));
        if (code.empty()) return warn(e, "sts.structure", "<" + e.name + "> without CODE: left out");
        const std::string label = field(e, "LIBELLE_LONG").empty() ? code : std::string(field(e, "LIBELLE_LONG"));
        if (is_class) {
            auto c = make<model::school_class>(e, code, m_school);
            c.code = code;
            c.label = label;
            if (const auto* mefs = e.child("MEFS_APPARTENANCE"))
                for (const auto& m : mefs->children) c.mefs.emplace_back(field(m, "CODE"));
            if (const auto size = field(e, "EFFECTIF_PREVU"); !size.empty()) c.extensions["sts:EFFECTIF_PREVU"] = size;
            emit(std::move(c));
        } else {
            auto g = make<model::group>(e, code, m_school);
            g.code = code;
            g.label = label;
            if (const auto* divisions = e.child("DIVISIONS_APPARTENANCE"))
                for (const auto& d : divisions->children) g.classes.emplace_back(field(d, "CODE"));
            emit(std::move(g));
        }
        if (const auto* services = e.child("SERVICES"))
            for (const auto& service : services->children) services_of(service, code, is_class);
    }

    /** SERVICE@CODE_MATIERE@CODE_MOD_COURS/ENSEIGNANTS/ENSEIGNANT@ID: one assignment per teacher. */
    void services_of(const xml::element& service, const std::string& group, bool is_class) {
        const std::string subject(field(service, "CODE_MATIERE"));
        const auto* teachers = service.child("ENSEIGNANTS");
        if (!teachers) return;
        for (const auto& t : teachers->children) {
            const std::string teacher(field(t, "ID"));
            if (teacher.empty()) continue;
            auto a = make<model::teaching_assignment>(t, teacher + "/" + group + "/" + subject, m_school);
            a.staff = teacher;
            a.subject = non_empty(subject);
            a.group = group;
            a.group_kind = is_class ? model::audience_kind::class_ : model::audience_kind::group;
            a.mode = non_empty(field(service, "CODE_MOD_COURS"));
            if (const auto hours = field(t, "NB_HEURES"); !hours.empty()) a.weekly_hours = std::atof(std::string(hours).c_str());
            emit(std::move(a));
            membership(t, teacher, group, is_class);
        }
    }

    model::membership& membership(const xml::element& at, const std::string& person, std::string_view group, bool is_class) {
        auto [it, added] = m_memberships.try_emplace(person + "@" + std::string(group));
        if (added) {
            it->second = make<model::membership>(at, it->first, m_school);
            it->second.person = person;
            it->second.group = group;
            it->second.group_kind = is_class ? model::audience_kind::class_ : model::audience_kind::group;
            it->second.role = model::membership_role::teacher;
        }
        return it->second;
    }

    template <class K> K make(const xml::element& e, std::string id, std::string school) const {
        return adapter_support::new_record<K>(std::move(id), std::move(school), {format_name, m_file, e.line});
    }
    template <class K> void emit(K&& r) { adapter_support::emit(m_sink, std::forward<K>(r)); }
    void warn(const xml::element& e, std::string code, std::string message) {
        m_diags.add(severity::warning, std::move(code), "", std::move(message), {m_file, e.line, 0});
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    std::string m_file;
    std::string m_school;
    std::set<std::string> m_reported;
    std::map<std::string, model::membership> m_memberships;
};

/** PARAMETRES, nomenclature entries, people, and each division or group. */
bool captured(const std::vector<std::string>& p) {
    if (p.size() == 2) return p[1] == "PARAMETRES";
    if (p.size() == 4) return p[1] == "NOMENCLATURES" || (p[1] == "DONNEES" && p[2] == "INDIVIDUS");
    return p.size() == 5 && p[1] == "DONNEES" && p[2] == "STRUCTURE";
}

class sts_reader : public reader {
public:
    explicit sts_reader(const read_options& opt) : m_limits(adapter_support::xml_limits(opt)) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        const auto& entry = sts_entry(in);
        const std::string file = in.describe(entry);
        model::metadata metadata;
        metadata.source = format_name;
        adapter_support::metadata_first_sink out(sink, metadata);
        sts_mapper mapper(out, diags, file);
        xml::events ev;
        ev.capture = captured;
        ev.on_root = [&](const xml::element& root) {
            if (root.name != "STS_EDT") throw parse_error({file, root.line, 0}, format_name, "root element is <" + root.name + ">, not <STS_EDT>");
        };
        ev.on_element = [&](xml::element&& e) {
            if (e.name == "PARAMETRES") mapper.parameters(e, metadata);
            else mapper.element(e);
        };
        auto stream = in.open_entry(entry);
        xml::read(*stream, file, format_name, ev, m_limits);
        mapper.finish();
        out.on_end();
        sink.on_end();
    }

private:
    static const io::input::entry& sts_entry(const io::input& in) {
        const io::input::entry* found = nullptr;
        for (const auto& e : in.entries())
            if (in.head(e).find("<STS_EDT") != std::string::npos) {
                if (found) throw parse_error({in.describe(e), 0, 0}, format_name, "several sts_emp files in one input: read them one by one");
                found = &e;
            }
        if (!found) throw parse_error({in.name(), 0, 0}, format_name, "no STS-Web sts_emp file (root STS_EDT) in the input");
        return *found;
    }
    xml::limits m_limits;
};

confidence identify_sts(const io::input& in) {
    for (const auto& e : in.entries())
        if (in.head(e).find("<STS_EDT") != std::string::npos) return confidence::yes;
    return confidence::no;
}

} // namespace

void register_sts(registry& r) {
    r.add({.name = format_name,
           .title = "STS-Web sts_emp export (staff, services, divisions, groups)",
           .domains = {"people", "groups"},
           .extensions = {"xml", "zip"},
           .media_type = "application/xml",
           .round_trips = false,
           .identify = identify_sts,
           .make_reader = [](const read_options& o) { return std::make_unique<sts_reader>(o); },
           .make_writer = {},
           .writes = {}});
}

} // namespace interop
