// `lsun-bilans` → model. The definitions (heads of school, pupils, periods, disciplines,
// teachers, programme elements) come first in the file and the report cards refer to them by
// xs:ID. Ids: those our writer lists in its comment (at the top of the root), else the national ones the file carries
// (Base Élèves id for pupils, STS id for teachers, the subject's national code), so that an
// LSU file lines up with the same school's SIECLE and STS exports. Periods carry no dates in
// LSU: no period record is made; the report card keeps the period's year and rank.

#include "lsu_format.hpp"

#include "../common/percent_codec.hpp"
#include "../common/stable_id.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>

#include <map>
#include <set>
#include <sstream>

namespace interop::lsu {
namespace {

using adapter_support::emit;
using adapter_support::new_record;
using adapter_support::trimmed;

/** What our writer's comment says: each element's model id, by xs:ID or key. */
std::map<std::string, std::string> writer_ids(std::string_view text) {
    std::map<std::string, std::string> out;
    std::istringstream in{std::string(text)};
    for (std::string key; in >> key;) {
        if (key != "interop:id") continue;
        std::string xml, id;
        in >> xml >> id;
        out[percent_codec::decode(xml)] = percent_codec::decode(id);
    }
    return out;
}

std::vector<std::string> refs(const xml::element& e, std::string_view name) {
    const auto* value = e.attribute(name);
    return value ? adapter_support::split_nonempty(*value, ' ') : std::vector<std::string>{};
}

std::string attr(const xml::element& e, std::string_view name) {
    const auto* value = e.attribute(name);
    return value ? trimmed(*value) : std::string();
}

class lsu_mapper {
public:
    lsu_mapper(io::record_sink& sink, diagnostics& diags, std::string file) : m_sink(sink), m_diags(diags), m_file(std::move(file)) {}

    /** Our writer's comment, at the top of the root: the model ids of what follows. */
    void comment(std::string_view text) { m_ids.merge(writer_ids(text)); }

    void set_school(std::string uai) { m_school = std::move(uai); }

    void header(const xml::element& e) {
        if (m_school.empty()) m_school = trimmed(e.child_text("etablissement"));
    }

    void item(const std::string& section, const xml::element& e) {
        if (section == "responsables-etab") head(e);
        else if (section == "eleves") pupil(e);
        else if (section == "periodes") period(e);
        else if (section == "disciplines") discipline(e);
        else if (section == "enseignants") teacher(e);
        else if (section == "elements-programme") m_elements[attr(e, "id")] = attr(e, "libelle");
        else if (section == "bilans-periodiques") report_card(e);
        else if (m_unmapped.insert(section).second)
            m_diags.add(severity::info, "lsu.unmapped", "", "<" + section + "> is not mapped to the model: left out", at_pos(e.line));
    }

    void finish() {
        for (auto& head : m_heads)
            if (!m_teachers.count(head.id)) emit(m_sink, std::move(head));
        for (const auto& [part, count] : m_parts)
            m_diags.add(severity::info, "lsu.unmapped", "", "<" + part + "> of " + std::to_string(count) + " report card(s) not mapped to the model: left out", {m_file, 0, 0});
    }

private:
    model::provenance at(std::uint64_t line) const { return {format_name, m_file, line}; }
    position at_pos(std::uint64_t line) const { return {m_file, line, 0}; }
    void warn(std::uint64_t line, const std::string& code, const std::string& message) { m_diags.add(severity::warning, code, "", message, at_pos(line)); }

    /** The model id our writer gave `key`, else `fallback`. */
    std::string id_of(const std::string& key, std::string fallback) const {
        const auto it = m_ids.find(key);
        return it != m_ids.end() ? it->second : fallback;
    }

    /** A head of school, known by a label only: emitted at the end unless a teacher record has the same id. */
    void head(const xml::element& e) {
        const auto ref = attr(e, "id");
        auto s = new_record<model::staff>(id_of(ref, ref), m_school, at(e.line));
        s.last_name = attr(e, "libelle");
        s.functions = {"DIR"};
        m_refs[ref] = s.id;
        m_heads.push_back(std::move(s));
    }

    void pupil(const xml::element& e) {
        const auto ref = attr(e, "id"), be = attr(e, "id-be"), code = attr(e, "code-division");
        auto s = new_record<model::student>(id_of(ref, be.empty() ? ref : be), m_school, at(e.line));
        s.last_name = attr(e, "nom");
        s.first_name = attr(e, "prenom");
        if (!be.empty()) s.external_ids.push_back({"siecle", be});
        m_refs[ref] = s.id;
        const auto student = s.id;
        emit(m_sink, std::move(s));
        if (code.empty()) return;
        const auto class_id = id_of("class:" + code, code);
        if (m_classes.insert(class_id).second) {
            auto c = new_record<model::school_class>(class_id, m_school, at(e.line));
            c.code = code;
            emit(m_sink, std::move(c));
        }
        auto m = new_record<model::membership>(id_of("membership:" + ref, stable_id::of("membership", {student, class_id})), m_school, at(e.line));
        m.person = student;
        m.group = class_id;
        m.group_kind = model::audience_kind::class_;
        emit(m_sink, std::move(m));
    }

    void period(const xml::element& e) {
        const auto ref = attr(e, "id");
        m_refs[ref] = id_of(ref, ref);
        m_period_of[ref] = {attr(e, "millesime"), attr(e, "indice") + "/" + attr(e, "nb-periodes")};
    }

    void discipline(const xml::element& e) {
        const auto ref = attr(e, "id"), code = attr(e, "code");
        const auto id = id_of(ref, code.empty() ? ref : code);
        m_refs[ref] = id;
        m_mode_of[ref] = attr(e, "modalite-election");
        if (!m_subjects.insert(id).second) return;
        auto s = new_record<model::subject>(id, m_school, at(e.line));
        s.code = code;
        s.long_label = attr(e, "libelle");
        emit(m_sink, std::move(s));
    }

    void teacher(const xml::element& e) {
        const auto ref = attr(e, "id"), sts = attr(e, "id-sts");
        auto s = new_record<model::staff>(id_of(ref, sts.empty() ? ref : sts), m_school, at(e.line));
        if (!sts.empty()) s.external_ids.push_back({"sts", sts});
        const auto civility = attr(e, "civilite");
        if (!civility.empty()) s.civility = civility == "MME" ? "Mme" : "M.";
        s.last_name = attr(e, "nom");
        s.first_name = attr(e, "prenom");
        m_refs[ref] = s.id;
        m_teachers.insert(s.id);
        emit(m_sink, std::move(s));
    }

    /** The model id an xs:IDREF names, or nullopt with a warning. */
    std::optional<std::string> resolve(const std::string& ref, const xml::element& e, std::string_view what) {
        const auto it = m_refs.find(ref);
        if (it != m_refs.end()) return it->second;
        warn(e.line, "lsu.ref", "<" + e.name + "> names " + std::string(what) + " '" + ref + "' the file does not define");
        return std::nullopt;
    }

    std::vector<std::string> resolve_all(const xml::element& e, std::string_view attribute, std::string_view what) {
        std::vector<std::string> out;
        for (const auto& ref : refs(e, attribute))
            if (auto id = resolve(ref, e, what)) out.push_back(*id);
        return out;
    }

    void report_card(const xml::element& e) {
        const auto pupil_ref = attr(e, "eleve-ref"), period_ref = attr(e, "periode-ref");
        const auto student = resolve(pupil_ref, e, "pupil");
        const auto period = resolve(period_ref, e, "period");
        if (!student || !period) return warn(e.line, "lsu.bilan", "report card left out");
        auto r = new_record<model::report_card>(id_of("report:" + pupil_ref + "/" + period_ref, stable_id::of("report_card", {*student, *period})), m_school, at(e.line));
        r.student = *student;
        r.period = *period;
        r.main_teachers = resolve_all(e, "prof-princ-refs", "teacher");
        r.council_date = model::parse_date(attr(e, "date-conseil-classe"));
        if (const auto head = attr(e, "responsable-etab-ref"); !head.empty()) r.signed_by = resolve(head, e, "head of school");
        if (const auto lock = attr(e, "date-verrou"); !lock.empty()) r.extensions[std::string(ext_lock)] = lock;
        if (const auto since = attr(e, "date-scolarite"); !since.empty()) r.extensions[std::string(ext_schooling)] = since;
        const auto& [millesime, rank] = m_period_of[period_ref];
        r.extensions["lsu:millesime"] = millesime;
        r.extensions["lsu:periode"] = rank;
        for (const auto& c : e.children) part(r, c);
        emit(m_sink, std::move(r));
    }

    void part(model::report_card& r, const xml::element& c) {
        if (c.name == "liste-acquis") {
            for (const auto& a : c.children)
                if (a.name == "acquis") acquis(r, a);
        } else if (c.name == "acquis-conseils") r.general_comment = trimmed(c.text);
        else if (c.name == "devoirs-faits") r.extensions[std::string(ext_homework_help)] = trimmed(c.text);
        else if (c.name == "vie-scolaire") school_life(r, c);
        else if (c.name == "socle") {
            for (const auto& d : c.children)
                if (auto level = adapter_support::small_number(attr(d, "positionnement"))) r.domains.push_back({attr(d, "code"), *level});
        } else if (c.name == "liste-parcours") {
            for (const auto& p : c.children) r.extensions[std::string(ext_path) + attr(p, "code")] = trimmed(p.text);
        } else if (c.name == "modalites-accompagnement") {
            for (const auto& m : c.children) {
                const auto* complement = m.child("complement-ppre") ? m.child("complement-ppre") : m.child("complement-contrat-reussite");
                r.extensions[std::string(ext_support) + attr(m, "code")] = complement ? trimmed(complement->text) : "";
            }
        } else ++m_parts[c.name];
    }

    void acquis(model::report_card& r, const xml::element& a) {
        const auto subject = resolve(attr(a, "discipline-ref"), a, "discipline");
        if (!subject) return;
        model::report_subject line;
        line.subject = *subject;
        if (const auto& mode = m_mode_of[attr(a, "discipline-ref")]; !mode.empty()) line.mode = mode;
        auto teachers = resolve_all(a, "enseignant-refs", "teacher");
        if (!teachers.empty()) {
            line.teacher = teachers.front();
            line.co_teachers.assign(teachers.begin() + 1, teachers.end());
        }
        line.average = average(a, "moyenne-eleve");
        line.class_average = average(a, "moyenne-structure");
        line.position = adapter_support::small_number(attr(a, "positionnement"));
        for (const auto& ref : refs(a, "element-programme-refs")) {
            const auto it = m_elements.find(ref);
            if (it != m_elements.end()) line.program_elements.push_back(it->second);
            else warn(a.line, "lsu.ref", "<acquis> names programme element '" + ref + "' the file does not define");
        }
        if (const auto text = trimmed(a.child_text("appreciation")); !text.empty()) line.comment = text;
        r.subjects.push_back(std::move(line));
    }

    std::optional<double> average(const xml::element& a, std::string_view name) {
        const auto text = attr(a, name);
        if (text.empty()) return std::nullopt;
        const auto value = parse_average(text);
        if (!value) warn(a.line, "lsu.moyenne", name.data() + std::string(" '") + text + "' is not a mark: left out");
        return value;
    }

    void school_life(model::report_card& r, const xml::element& c) {
        r.late_arrivals = adapter_support::small_number(attr(c, "nb-retards"));
        r.justified_absences = adapter_support::small_number(attr(c, "nb-abs-justifiees"));
        r.unjustified_absences = adapter_support::small_number(attr(c, "nb-abs-injustifiees"));
        r.missed_hours = adapter_support::small_number(attr(c, "nb-heures-manquees"));
        if (const auto text = trimmed(c.child_text("commentaire")); !text.empty()) r.attendance_comment = text;
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    std::string m_file;
    std::map<std::string, std::string> m_ids;
    std::string m_school;
    std::map<std::string, std::string> m_refs;     ///< xs:ID → model id
    std::map<std::string, std::string> m_elements; ///< EP id → label
    std::map<std::string, std::pair<std::string, std::string>> m_period_of;
    std::map<std::string, std::string> m_mode_of; ///< discipline xs:ID → modalité d'élection
    std::set<std::string> m_classes, m_subjects, m_unmapped, m_teachers;
    std::vector<model::staff> m_heads;
    std::map<std::string, int> m_parts;
};

class lsu_reader : public reader {
public:
    explicit lsu_reader(read_options opt) : m_opt(std::move(opt)) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        adapter_support::single_xml_reading reading(in, format_name, sink);
        std::unique_ptr<lsu_mapper> mapper;
        xml::events ev;
        ev.on_comment = [&](std::string_view text, std::uint64_t) {
            if (mapper) mapper->comment(text);
        };
        ev.on_root = [&](const xml::element& root) {
            if (root.name != "lsun-bilans") throw parse_error({reading.file(), root.line, 0}, format_name, "root element <" + root.name + "> is not lsun-bilans");
            mapper = std::make_unique<lsu_mapper>(reading.records(), diags, reading.file());
            mapper->set_school(m_opt.school);
        };
        std::string section; // the part of `donnees` the captured items belong to
        ev.capture = [&](const std::vector<std::string>& path) {
            if (path.size() == 4) section = path[2];
            return (path.size() == 2 && path[1] == "entete") || (path.size() == 4 && path[1] == "donnees");
        };
        ev.on_element = [&](xml::element&& e) {
            if (e.name == "entete") mapper->header(e);
            else mapper->item(section, e);
        };
        reading.run(ev, m_opt, [&] {
            if (!mapper) throw parse_error({reading.file(), 0, 0}, format_name, "no lsun-bilans element");
            mapper->finish();
        });
    }

private:
    read_options m_opt;
};

} // namespace

std::unique_ptr<reader> make_reader(const read_options& opt) { return std::make_unique<lsu_reader>(opt); }

} // namespace interop::lsu
