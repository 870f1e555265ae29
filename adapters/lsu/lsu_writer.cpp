// model → one `lsun-bilans` file: the report cards of one school with the pupils, periods,
// subjects (disciplines), teachers and programme elements they name, valid against
// import-bilan-complet.xsd. What LSU requires and the data lacks (a pupil's Base Élèves id, a
// subject's national code, a council's appreciation…) is refused with every problem listed:
// a file the national application would reject is not written. A comment at the top of the
// root gives our reader each element's model id.

#include "lsu_format.hpp"

#include "../common/percent_codec.hpp"
#include "../common/xml_text.hpp"
#include "lsu_attendance.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>
#include <interop/io/output.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

namespace interop::lsu {
namespace {

using xml_text::escaped;

std::string encoded(std::string_view id) { return percent_codec::encode(id, "_.:/"); }

/** Number of characters (code points) of UTF-8 text, as XSD lengths count them. */
std::size_t length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/** `text` cut to `max` characters, never inside a UTF-8 sequence. */
std::string cut(std::string_view text, std::size_t max) {
    std::size_t chars = 0, i = 0;
    for (; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == max) break;
    return std::string(text.substr(0, i));
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

/** A positive integer, as LSU's national ids are. */
bool positive_integer(std::string_view text) {
    return !text.empty() && text.size() <= 18 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
           text.find_first_not_of('0') != std::string_view::npos;
}

/** The record's id in `system`, else its own id, when it is a positive integer. */
template <class R> std::optional<std::string> national_id(const R& r, std::string_view system) {
    for (const auto& e : r.external_ids)
        if (e.system == system && positive_integer(e.id)) return e.id;
    if (positive_integer(r.id)) return r.id;
    return std::nullopt;
}

template <class K> std::unordered_map<std::string, const K*> index(const model::dataset& ds) {
    std::unordered_map<std::string, const K*> out;
    for (const auto& r : ds.all<K>()) out.emplace(r.id, &r);
    return out;
}

template <class K> const K* lookup(const std::unordered_map<std::string, const K*>& in, const std::string& id) {
    const auto it = in.find(id);
    return it == in.end() ? nullptr : it->second;
}

void attribute(std::ostream& out, std::string_view name, std::string_view value) { out << ' ' << name << "=\"" << escaped(value) << '"'; }

class lsu_document {
public:
    explicit lsu_document(const model::dataset& ds)
        : m_ds(ds), m_students(index<model::student>(ds)), m_staff(index<model::staff>(ds)), m_subjects(index<model::subject>(ds)),
          m_periods(index<model::period>(ds)), m_years(index<model::academic_year>(ds)), m_classes(index<model::school_class>(ds)) {
        for (const auto& m : ds.all<model::membership>()) {
            if (m.group_kind == model::audience_kind::class_) m_class_of.emplace(m.person, &m);
            m_groups_of[m.person].insert(m.group);
        }
        for (const auto& t : ds.all<model::teaching_assignment>()) {
            if (!t.subject) continue;
            if (t.mode) m_mode.emplace(std::pair(*t.subject, t.staff), *t.mode);
            m_teachers_of[std::pair(*t.subject, t.group)].insert(t.staff);
        }
    }

    std::string write() {
        auto cards = report_cards();
        std::ostringstream body;
        for (const auto* card : cards) bilan(body, *card);
        if (!m_problems.empty()) refuse();
        std::ostringstream out;
        out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<lsun-bilans xmlns=\"" << lsu_ns << "\" schemaVersion=\"2.0\">\n<!-- Interop Hub\n";
        for (const auto& [key, id] : m_model_ids) out << "interop:id " << encoded(key) << ' ' << encoded(id) << '\n';
        out << "-->\n  <entete>\n    <editeur>Interop Hub</editeur>\n"
            << "    <application>interop</application>\n    <etablissement>" << escaped(m_school) << "</etablissement>\n  </entete>\n  <donnees>\n";
        section(out, "responsables-etab", m_heads);
        section(out, "eleves", m_pupils);
        section(out, "periodes", m_period_list);
        section(out, "disciplines", m_disciplines);
        section(out, "enseignants", m_teachers);
        section(out, "elements-programme", m_element_list);
        out << "    <bilans-periodiques>\n" << body.str() << "    </bilans-periodiques>\n  </donnees>\n</lsun-bilans>\n";
        return out.str();
    }

private:
    static void section(std::ostream& out, std::string_view name, const std::ostringstream& items) {
        if (!items.str().empty()) out << "    <" << name << ">\n" << items.str() << "    </" << name << ">\n";
    }

    void problem(std::string what) { m_problems.push_back(std::move(what)); }

    [[noreturn]] void refuse() const {
        std::string text = "lsu: no valid LSU file can be written (" + std::to_string(m_problems.size()) + " problem" + (m_problems.size() > 1 ? "s" : "") + "):";
        for (std::size_t i = 0; i < m_problems.size() && i < 20; ++i) text += "\n  " + m_problems[i];
        if (m_problems.size() > 20) text += "\n  …";
        throw error(text);
    }

    /** The report cards, by pupil and period; one school only. */
    std::vector<const model::report_card*> report_cards() {
        std::vector<const model::report_card*> out;
        std::set<std::string> schools;
        for (const auto& r : m_ds.all<model::report_card>()) {
            out.push_back(&r);
            schools.insert(r.school);
        }
        if (out.empty()) problem("the dataset holds no report card");
        if (schools.size() > 1) problem("report cards of " + std::to_string(schools.size()) + " schools: an LSU file holds one; write each school apart");
        if (!schools.empty()) m_school = *schools.begin();
        if (m_school.size() != 8) problem("school '" + m_school + "' is not a UAI (8 characters)");
        std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return std::tie(a->student, a->period) < std::tie(b->student, b->period); });
        return out;
    }

    /** The xs:ID for a model id of one kind, unique in the file. */
    std::string id_for(std::string_view prefix, const std::string& model_id) {
        const auto key = std::string(prefix) + '\x1f' + model_id;
        if (auto it = m_xml_ids.find(key); it != m_xml_ids.end()) return it->second;
        auto id = xml_id(prefix, model_id);
        for (int n = 2; m_used.count(id); ++n) id = xml_id(prefix, model_id + "_" + std::to_string(n));
        m_used.insert(id);
        m_model_ids[id] = model_id;
        return m_xml_ids[key] = id;
    }

    bool known(std::string_view prefix, const std::string& model_id) const { return m_xml_ids.count(std::string(prefix) + '\x1f' + model_id) > 0; }

    std::string pupil(const std::string& id) {
        if (known("EL_", id)) return id_for("EL_", id);
        const auto ref = id_for("EL_", id);
        const auto* s = lookup(m_students, id);
        if (!s) return problem("report card of pupil " + id + ": no student record"), ref;
        const auto be = national_id(*s, "siecle");
        if (!be) problem("student " + id + ": no Base Élèves id (a numeric siecle external id, ELEVE_ID)");
        const auto code = class_code(id);
        m_pupils << "      <eleve";
        attribute(m_pupils, "id", ref);
        attribute(m_pupils, "id-be", be.value_or("0"));
        if (!blank(s->last_name)) attribute(m_pupils, "nom", cut(s->last_name, 100));
        if (!blank(s->first_name)) attribute(m_pupils, "prenom", cut(s->first_name, 100));
        attribute(m_pupils, "code-division", code);
        m_pupils << "/>\n";
        return ref;
    }

    std::string class_code(const std::string& student) {
        const auto m = m_class_of.find(student);
        if (m == m_class_of.end()) return problem("student " + student + ": in no class (code-division is required)"), "?";
        const auto* c = lookup(m_classes, m->second->group);
        const auto code = c && !blank(c->code) ? c->code : m->second->group;
        if (length(code) > 20) problem("class " + code + ": code longer than 20 characters");
        m_model_ids["class:" + code] = m->second->group;
        m_model_ids["membership:" + id_for("EL_", student)] = m->second->id;
        return code;
    }

    std::string period(const model::report_card& card) {
        if (known("P_", card.period)) return id_for("P_", card.period);
        const auto ref = id_for("P_", card.period);
        const auto* p = lookup(m_periods, card.period);
        if (!p) return read_period(card, ref);
        int count = 0;
        for (const auto& other : m_ds.all<model::period>()) count += other.academic_year == p->academic_year && other.type == p->type;
        const auto* year = lookup(m_years, p->academic_year);
        const int millesime = year ? year->start.year : p->start.month >= 8 ? p->start.year : p->start.year - 1;
        m_period_list << "      <periode";
        attribute(m_period_list, "id", ref);
        attribute(m_period_list, "millesime", std::to_string(millesime));
        attribute(m_period_list, "indice", std::to_string(p->number));
        attribute(m_period_list, "nb-periodes", std::to_string(std::max(count, p->number)));
        m_period_list << "/>\n";
        return ref;
    }

    /** Who teaches `subject` to one of the pupil's classes or groups (the first by id), from the teaching assignments. */
    std::optional<std::string> teacher_of(const std::string& student, const std::string& subject) const {
        const auto groups = m_groups_of.find(student);
        if (groups == m_groups_of.end()) return std::nullopt;
        std::optional<std::string> found;
        for (const auto& g : groups->second)
            if (const auto it = m_teachers_of.find({subject, g}); it != m_teachers_of.end() && (!found || *it->second.begin() < *found)) found = *it->second.begin();
        return found;
    }

    /** How the pupil takes the subject: the line's mode, else the teacher's assignment's, else S (common core). */
    std::string modality(const model::report_subject& line, const std::optional<std::string>& who) const {
        auto valid = [](const std::string& m) { return m.size() == 1 && std::string_view("SOFLRX").find(m) != std::string_view::npos; };
        if (line.mode && valid(*line.mode)) return *line.mode;
        const auto it = who ? m_mode.find({line.subject, *who}) : m_mode.end();
        return it != m_mode.end() && valid(it->second) ? it->second : "S";
    }

    /** A period known only from the LSU file it was read from: its year and rank kept on the card. */
    std::string read_period(const model::report_card& card, const std::string& ref) {
        const auto millesime = extension(card, "lsu:millesime");
        const auto rank = extension(card, "lsu:periode"); // indice/nb-periodes
        const auto slash = rank ? rank->find('/') : std::string::npos;
        if (!millesime || millesime->size() != 4 || slash == std::string::npos)
            return problem("report card " + card.id + ": period " + card.period + " has no record"), ref;
        m_period_list << "      <periode";
        attribute(m_period_list, "id", ref);
        attribute(m_period_list, "millesime", *millesime);
        attribute(m_period_list, "indice", rank->substr(0, slash));
        attribute(m_period_list, "nb-periodes", rank->substr(slash + 1));
        m_period_list << "/>\n";
        return ref;
    }

    std::string discipline(const model::report_card& card, const model::report_subject& line, const std::optional<std::string>& who) {
        const auto election = modality(line, who);
        const auto key = line.subject + "_" + election;
        if (known("DI_", key)) return id_for("DI_", key);
        const auto ref = id_for("DI_", key);
        m_model_ids[ref] = line.subject;
        const auto* s = lookup(m_subjects, line.subject);
        if (!s) return problem("report card " + card.id + ": subject " + line.subject + " has no record"), ref;
        if (s->code.size() != 6) problem("subject " + s->id + ": national code '" + s->code + "' is not 6 characters");
        const auto label = !blank(s->long_label) ? s->long_label : !blank(s->short_label) ? s->short_label : s->id;
        m_disciplines << "      <discipline";
        attribute(m_disciplines, "id", ref);
        attribute(m_disciplines, "code", s->code);
        attribute(m_disciplines, "modalite-election", election);
        attribute(m_disciplines, "libelle", cut(label, 40));
        m_disciplines << "/>\n";
        return ref;
    }

    std::string teacher(const std::string& id) {
        if (known("ENS_", id)) return id_for("ENS_", id);
        const auto ref = id_for("ENS_", id);
        const auto* s = lookup(m_staff, id);
        if (!s) return problem("teacher " + id + ": no staff record"), ref;
        const auto sts = national_id(*s, "sts");
        if (!sts) problem("staff " + id + ": no STS id (a numeric sts external id)");
        m_teachers << "      <enseignant";
        attribute(m_teachers, "id", ref);
        attribute(m_teachers, "type", "epp");
        attribute(m_teachers, "id-sts", sts.value_or("0"));
        if (const auto c = civility(s->civility)) attribute(m_teachers, "civilite", *c);
        if (!blank(s->last_name)) attribute(m_teachers, "nom", cut(s->last_name, 100));
        if (!blank(s->first_name)) attribute(m_teachers, "prenom", cut(s->first_name, 100));
        m_teachers << "/>\n";
        return ref;
    }

    static std::optional<std::string> civility(const std::optional<std::string>& text) {
        if (!text) return std::nullopt;
        std::string t;
        for (char c : *text)
            if (c != '.' && c != ' ') t.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        if (t == "M" || t == "MR" || t == "MONSIEUR") return "M";
        if (t == "MME" || t == "MADAME" || t == "MLLE") return "MME";
        return std::nullopt;
    }

    /** Who signs: the card's `signed_by`, else the school's head (a DIR staff). */
    std::string head(const model::report_card& card) {
        std::optional<std::string> id = card.signed_by;
        if (!id)
            for (const auto& s : m_ds.all<model::staff>())
                if (s.school == card.school && std::count(s.functions.begin(), s.functions.end(), "DIR") && (!id || s.id < *id)) id = s.id;
        if (!id) return problem("report card " + card.id + ": signed by nobody (no signed_by, no staff with function DIR)"), "RESP_";
        if (known("RESP_", *id)) return id_for("RESP_", *id);
        const auto ref = id_for("RESP_", *id);
        const auto* s = lookup(m_staff, *id);
        const auto name = s ? full_name(*s) : std::string();
        if (blank(name)) problem("report card " + card.id + ": signed by " + *id + ", who has no staff record with a name");
        m_heads << "      <responsable-etab";
        attribute(m_heads, "id", ref);
        attribute(m_heads, "libelle", cut(name, 100));
        m_heads << "/>\n";
        return ref;
    }

    static std::string full_name(const model::staff& s) {
        if (blank(s.first_name)) return s.last_name;
        return s.first_name + " " + s.last_name;
    }

    std::string element_refs(const model::report_subject& line) {
        std::string refs;
        for (const auto& text : line.program_elements) {
            auto [it, added] = m_elements.emplace(text, "EP_" + std::to_string(m_elements.size() + 1));
            if (added) {
                if (blank(text) || length(text) > 300) problem("programme element '" + cut(text, 40) + "…': empty or longer than 300 characters");
                m_element_list << "      <element-programme";
                attribute(m_element_list, "id", it->second);
                attribute(m_element_list, "libelle", text);
                m_element_list << "/>\n";
            }
            refs += (refs.empty() ? "" : " ") + it->second;
        }
        return refs;
    }

    void acquis(std::ostream& out, const model::report_card& card, const model::report_subject& line, std::set<std::string>& seen) {
        const auto who = line.teacher ? line.teacher : teacher_of(card.student, line.subject);
        const auto discipline_ref = discipline(card, line, who);
        if (!seen.insert(discipline_ref).second) problem("report card " + card.id + ": subject " + line.subject + " listed twice");
        std::string teachers;
        if (who) teachers = teacher(*who);
        else problem("report card " + card.id + ": subject " + line.subject + " has no teacher (none on the line, none assigned to the pupil's classes and groups)");
        for (const auto& t : line.co_teachers) teachers += " " + teacher(t);
        out << "          <acquis";
        attribute(out, "discipline-ref", discipline_ref);
        attribute(out, "enseignant-refs", teachers);
        if (const auto refs = element_refs(line); !refs.empty()) attribute(out, "element-programme-refs", refs);
        if (line.average) attribute(out, "moyenne-eleve", average_text(*line.average));
        if (line.class_average) attribute(out, "moyenne-structure", average_text(*line.class_average));
        if (!line.average && !line.position) attribute(out, "eleve-non-note", "true");
        if (!line.class_average) attribute(out, "structure-non-notee", "true");
        if (line.position) {
            if (*line.position < 1 || *line.position > 4) problem("report card " + card.id + ": position " + std::to_string(*line.position) + " in " + line.subject + " is not 1 to 4");
            attribute(out, "positionnement", std::to_string(*line.position));
        }
        if (!line.comment || blank(*line.comment)) {
            out << "/>\n";
            return;
        }
        if (length(*line.comment) > 600) problem("report card " + card.id + ": the appreciation in " + line.subject + " is longer than 600 characters");
        out << ">\n            <appreciation>" << escaped(*line.comment) << "</appreciation>\n          </acquis>\n";
    }

    void bilan(std::ostream& out, const model::report_card& card) {
        const auto* p = lookup(m_periods, card.period);
        const auto* s = lookup(m_students, card.student);
        const auto pupil_ref = pupil(card.student);
        const auto period_ref = period(card);
        m_model_ids["report:" + pupil_ref + "/" + period_ref] = card.id;
        if (!card.council_date && !p) problem("report card " + card.id + ": no council date and no period record to take it from");
        const auto council = card.council_date ? *card.council_date : p ? p->end : model::date{};
        const auto schooling = extension(card, ext_schooling);
        std::string main_teachers;
        for (const auto& t : card.main_teachers) main_teachers += (main_teachers.empty() ? "" : " ") + teacher(t);
        out << "      <bilan-periodique";
        if (!main_teachers.empty()) attribute(out, "prof-princ-refs", main_teachers);
        attribute(out, "eleve-ref", pupil_ref);
        attribute(out, "periode-ref", period_ref);
        attribute(out, "date-conseil-classe", model::to_string(council));
        attribute(out, "date-scolarite", schooling ? *schooling : model::to_string(s && s->entry_date ? *s->entry_date : p ? p->start : council));
        attribute(out, "date-verrou", extension(card, ext_lock).value_or(model::to_string(council) + "T00:00:00"));
        attribute(out, "responsable-etab-ref", head(card));
        out << ">\n        <liste-acquis>\n";
        std::set<std::string> seen;
        for (const auto& line : card.subjects) acquis(out, card, line, seen);
        if (card.subjects.empty()) problem("report card " + card.id + ": no subject (LSU needs at least one)");
        out << "        </liste-acquis>\n";
        paths(out, card);
        support(out, card);
        if (!card.general_comment || blank(*card.general_comment)) problem("report card " + card.id + ": no general appreciation (acquis-conseils is required)");
        else if (length(*card.general_comment) > 1000) problem("report card " + card.id + ": general appreciation longer than 1000 characters");
        out << "        <acquis-conseils>" << escaped(card.general_comment.value_or("")) << "</acquis-conseils>\n";
        if (const auto help = extension(card, ext_homework_help)) out << "        <devoirs-faits>" << escaped(*help) << "</devoirs-faits>\n";
        school_life(out, card, p);
        socle(out, card);
        out << "      </bilan-periodique>\n";
    }

    static std::optional<std::string> extension(const model::record& r, std::string_view key) {
        const auto it = r.extensions.find(std::string(key));
        if (it == r.extensions.end() || blank(it->second)) return std::nullopt;
        return it->second;
    }

    void paths(std::ostream& out, const model::report_card& card) const {
        std::ostringstream list;
        for (auto code : path_codes)
            if (const auto text = extension(card, std::string(ext_path) + std::string(code)))
                list << "          <parcours code=\"" << code << "\">" << escaped(cut(*text, 600)) << "</parcours>\n";
        if (!list.str().empty()) out << "        <liste-parcours>\n" << list.str() << "        </liste-parcours>\n";
    }

    void support(std::ostream& out, const model::report_card& card) const {
        std::ostringstream list;
        for (auto code : support_codes) {
            const auto it = card.extensions.find(std::string(ext_support) + std::string(code));
            if (it == card.extensions.end()) continue;
            list << "          <modalite-accompagnement code=\"" << code << '"';
            const char* element = code == "PPRE" ? "complement-ppre" : code == "CTR" ? "complement-contrat-reussite" : nullptr;
            if (element && !blank(it->second)) list << ">\n            <" << element << '>' << escaped(cut(it->second, 600)) << "</" << element << ">\n          </modalite-accompagnement>\n";
            else list << "/>\n";
        }
        if (!list.str().empty()) out << "        <modalites-accompagnement>\n" << list.str() << "        </modalites-accompagnement>\n";
    }

    void school_life(std::ostream& out, const model::report_card& card, const model::period* p) {
        const auto counted = p ? count_attendance(m_ds, card.student, p->start, p->end) : attendance_counts{};
        auto value = [&](std::optional<int> given, int computed, const char* what) {
            const int v = given.value_or(computed);
            if (v < 0 || v > 999) problem("report card " + card.id + ": " + what + " " + std::to_string(v) + " is not 0 to 999");
            return std::to_string(v);
        };
        out << "        <vie-scolaire";
        attribute(out, "nb-retards", value(card.late_arrivals, counted.late_arrivals, "late arrivals"));
        attribute(out, "nb-abs-justifiees", value(card.justified_absences, counted.justified_half_days, "justified absences"));
        attribute(out, "nb-abs-injustifiees", value(card.unjustified_absences, counted.unjustified_half_days, "unjustified absences"));
        if (card.missed_hours) attribute(out, "nb-heures-manquees", value(card.missed_hours, 0, "missed hours"));
        if (!card.attendance_comment || blank(*card.attendance_comment)) {
            out << "/>\n";
            return;
        }
        out << ">\n          <commentaire>" << escaped(cut(*card.attendance_comment, 600)) << "</commentaire>\n        </vie-scolaire>\n";
    }

    void socle(std::ostream& out, const model::report_card& card) {
        if (card.domains.empty()) return;
        std::map<std::string, int> levels;
        for (const auto& d : card.domains) levels[d.domain] = d.level;
        std::ostringstream list;
        for (auto code : socle_domains) {
            const auto it = levels.find(std::string(code));
            if (it == levels.end()) return problem("report card " + card.id + ": socle domain " + std::string(code) + " missing (LSU needs all eight or none)");
            if (it->second < 1 || it->second > 4) problem("report card " + card.id + ": socle level " + std::to_string(it->second) + " is not 1 to 4");
            list << "          <domaine code=\"" << code << "\" positionnement=\"" << it->second << "\"/>\n";
        }
        if (levels.size() != 8) problem("report card " + card.id + ": socle domains outside LSU's eight");
        out << "        <socle>\n" << list.str() << "        </socle>\n";
    }

    const model::dataset& m_ds;
    std::unordered_map<std::string, const model::student*> m_students;
    std::unordered_map<std::string, const model::staff*> m_staff;
    std::unordered_map<std::string, const model::subject*> m_subjects;
    std::unordered_map<std::string, const model::period*> m_periods;
    std::unordered_map<std::string, const model::academic_year*> m_years;
    std::unordered_map<std::string, const model::school_class*> m_classes;
    std::unordered_map<std::string, const model::membership*> m_class_of;
    std::map<std::pair<std::string, std::string>, std::string> m_mode;                 ///< (subject, staff) → modality
    std::map<std::pair<std::string, std::string>, std::set<std::string>> m_teachers_of; ///< (subject, class or group) → staff
    std::unordered_map<std::string, std::set<std::string>> m_groups_of;                ///< pupil → classes and groups
    std::string m_school;
    std::map<std::string, std::string> m_xml_ids;   ///< prefix + model id → xs:ID
    std::set<std::string> m_used;
    std::map<std::string, std::string> m_model_ids; ///< key read back → model id
    std::map<std::string, std::string> m_elements;  ///< programme element text → EP id
    std::ostringstream m_heads, m_pupils, m_period_list, m_disciplines, m_teachers, m_element_list;
    std::vector<std::string> m_problems;
};

void write_file(const model::dataset& ds, const std::filesystem::path& out) {
    const auto text = lsu_document(ds).write();
    io::output_file file(out);
    file.stream() << text;
    file.commit();
}

} // namespace

std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options&) { return adapter_support::whole_dataset_writer(out, write_file); }

} // namespace interop::lsu
