// model → accueilENT views: one `Eleve_<id>.xml` per pupil with school-life records (valid
// against eleve.xsd) and one `Parent_<id>.xml` per legal guardian of such pupils, one `Eleve`
// per child (valid against parent.xsd). Each pupil's pages: the 5 latest grades and
// evaluations, the class log and homework of the pupil's classes and groups, absences, late
// arrivals, infirmary visits, punishments, sanctions, observations. A comment before the root
// gives our reader the school, the subjects' ids and each record's id, in the order the reader
// meets them.

#include "pronote_format.hpp"

#include "../common/percent_codec.hpp"
#include "../common/xml_text.hpp"

#include <interop/adapter/support.hpp>
#include <interop/io/output.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace interop::pronote {
namespace {

using xml_text::element;

std::string date_text(const model::date& d) { return model::to_string(d); }
std::string time_text(const model::date_time& t) { return model::to_string(t); }
std::string encoded(std::string_view id) { return percent_codec::encode(id, "_."); }

/** What our writer's comment carries, gathered while a file is written: the reader's key to our ids. */
struct view_comment {
    std::string school;
    std::map<std::string, std::string> subject_ids; ///< label → id
    std::vector<std::string> ids;                   ///< of the records, in the order the reader meets them

    std::string text() const {
        std::ostringstream out;
        out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Interop Hub\n";
        if (!school.empty()) out << "interop:school " << encoded(school) << '\n';
        for (const auto& [label, id] : subject_ids) out << "interop:subject " << encoded(label) << ' ' << encoded(id) << '\n';
        out << "interop:ids";
        for (const auto& id : ids) out << ' ' << encoded(id);
        out << " -->\n";
        return out.str();
    }
};

/** One pupil's pages, written while listing the ids in the order they appear. */
class pupil_pages {
public:
    pupil_pages(const model::dataset& ds, const std::string& student, view_comment& comment)
        : m_ds(ds), m_student(student), m_ids(comment.ids), m_subject_ids(comment.subject_ids) {
        if (comment.school.empty()) comment.school = school();
    }

    /** The pages of `Eleve` (grades, competencies, class log, school life, the school's name), two spaces deep. */
    std::string write() {
        std::ostringstream body;
        grades(body);
        competencies(body);
        class_log(body);
        school_life(body);
        school_page(body);
        return body.str();
    }

private:
    /** The pupil's school: its student record's, else that of any record about it. */
    std::string school() const {
        std::string found;
        auto look = [&]<class K>(std::type_identity<K>) {
            for (const auto& r : m_ds.all<K>()) {
                if (!found.empty()) return;
                if constexpr (std::is_same_v<K, model::student>) {
                    if (r.id == m_student) found = r.school;
                } else if (r.student == m_student) found = r.school;
            }
        };
        look(std::type_identity<model::student>{});
        look(std::type_identity<model::grade_result>{});
        look(std::type_identity<model::attendance_event>{});
        look(std::type_identity<model::sanction>{});
        look(std::type_identity<model::observation>{});
        look(std::type_identity<model::competency_result>{});
        return found;
    }

    std::string subject_label(const std::string& id) {
        if (id.empty()) return {};
        std::string label = id;
        for (const auto& s : m_ds.all<model::subject>())
            if (s.id == id) label = !s.long_label.empty() ? s.long_label : !s.short_label.empty() ? s.short_label : s.id;
        m_subject_ids[label] = id;
        return label;
    }

    template <class K> const K* find(const std::string& id) const {
        for (const auto& r : m_ds.all<K>())
            if (r.id == id) return &r;
        return nullptr;
    }

    void grades(std::ostream& out) {
        std::vector<std::pair<const model::grade_result*, const model::assessment*>> mine;
        for (const auto& g : m_ds.all<model::grade_result>())
            if (auto* a = g.student == m_student ? find<model::assessment>(g.assessment) : nullptr) mine.emplace_back(&g, a);
        std::stable_sort(mine.begin(), mine.end(), [](const auto& x, const auto& y) { return y.second->day < x.second->day; });
        if (mine.size() > max_listed) mine.resize(max_listed);
        out << "  <PageReleveDeNotes>\n";
        element(out, 2, "Titre", "Relevé de notes");
        for (const auto& [g, a] : mine) {
            m_ids.push_back(a->id);
            m_ids.push_back(g->id);
            out << "    <Devoir>\n";
            element(out, 3, "Note", mark_text(*g));
            char scale[32];
            std::snprintf(scale, sizeof scale, "%g", a->scale);
            element(out, 3, "Bareme", scale);
            element(out, 3, "Matiere", subject_label(a->subject));
            element(out, 3, "Date", date_text(a->day));
            out << "    </Devoir>\n";
        }
        out << "  </PageReleveDeNotes>\n";
    }

    void competencies(std::ostream& out) {
        std::vector<const model::competency_result*> mine;
        for (const auto& r : m_ds.all<model::competency_result>())
            if (r.student == m_student && r.level >= 1 && r.level <= 4) mine.push_back(&r);
        std::stable_sort(mine.begin(), mine.end(), [](const auto* x, const auto* y) { return y->day < x->day; });
        if (mine.size() > max_listed) mine.resize(max_listed);
        out << "  <PageCompetences>\n";
        element(out, 2, "Titre", "Compétences");
        for (const auto* r : mine) {
            m_ids.push_back(r->id);
            auto ext = [&](const char* key, std::string fallback) { return r->extensions.count(key) ? r->extensions.at(key) : fallback; };
            const auto label = ext("pronote:Libelle", std::string(level_label(r->level)));
            const bool same_level = level_of(label) == r->level;
            const auto written = same_level ? label : std::string(level_label(r->level));
            out << "    <Evaluation>\n";
            element(out, 3, "Competence", r->competency);
            element(out, 3, "Item", r->label.value_or(r->competency));
            element(out, 3, "Intitule", ext("pronote:Intitule", r->label.value_or("")));
            element(out, 3, "Matiere", subject_label(r->subject.value_or("")));
            out << "      <NiveauDAcquisition>\n";
            element(out, 4, "Genre", std::to_string(level_genre(written)));
            element(out, 4, "Libelle", written);
            out << "      </NiveauDAcquisition>\n";
            element(out, 3, "Date", date_text(r->day));
            out << "    </Evaluation>\n";
        }
        out << "  </PageCompetences>\n";
    }

    /** The classes and groups the pupil belongs to. */
    std::set<std::string> audiences() const {
        std::set<std::string> out;
        for (const auto& m : m_ds.all<model::membership>())
            if (m.person == m_student) out.insert(m.group);
        return out;
    }

    template <class R> bool concerns(const R& r, const std::set<std::string>& mine) const {
        for (const auto& c : r.classes)
            if (mine.count(c)) return true;
        for (const auto& g : r.groups)
            if (mine.count(g)) return true;
        return false;
    }

    static void links(std::ostream& out, const std::vector<model::attachment>& attachments) {
        for (const auto& a : attachments)
            if (a.media_type != "text/html") element(out, 4, "PieceJointe", a.name);
        for (const auto& a : attachments)
            if (a.media_type == "text/html") element(out, 4, "SiteInternet", a.url);
    }

    void class_log(std::ostream& out) {
        const auto mine = audiences();
        std::map<std::pair<std::string, model::date>, std::pair<std::vector<const model::session_content*>, std::vector<const model::homework*>>> days;
        for (const auto& s : m_ds.all<model::session_content>())
            if (concerns(s, mine)) days[{s.subject, s.day}].first.push_back(&s);
        for (const auto& h : m_ds.all<model::homework>())
            if (concerns(h, mine)) days[{h.subject, h.set_at.day}].second.push_back(&h);
        out << "  <PageCahierDeTextes>\n";
        element(out, 2, "Titre", "Cahier de textes");
        for (const auto& [key, entries] : days) {
            out << "    <CahierDeTextes>\n";
            element(out, 3, "Matiere", subject_label(key.first));
            element(out, 3, "Date", date_text(key.second));
            for (const auto* s : entries.first) {
                m_ids.push_back(s->id);
                out << "      <ContenuDeCours>\n";
                if (s->title) element(out, 4, "Titre", *s->title);
                if (auto c = s->extensions.find("pronote:Categorie"); c != s->extensions.end()) element(out, 4, "Categorie", c->second);
                element(out, 4, "Descriptif", s->description);
                links(out, s->attachments);
                out << "      </ContenuDeCours>\n";
            }
            for (const auto* h : entries.second) {
                m_ids.push_back(h->id);
                out << "      <TravailAFaire>\n";
                element(out, 4, "Descriptif", h->description);
                element(out, 4, "PourLe", date_text(h->due));
                links(out, h->attachments);
                out << "      </TravailAFaire>\n";
            }
            out << "    </CahierDeTextes>\n";
        }
        out << "  </PageCahierDeTextes>\n";
    }

    void attendance(std::ostream& out, model::attendance_kind kind) {
        for (const auto& a : m_ds.all<model::attendance_event>()) {
            if (a.student != m_student || a.type != kind) continue;
            m_ids.push_back(a.id);
            if (kind == model::attendance_kind::absence) {
                out << "    <Absence>\n";
                element(out, 3, "DateDebut", time_text(a.start));
                element(out, 3, "DateFin", time_text(a.end.value_or(a.start)));
                element(out, 3, "EstOuverte", a.open ? "true" : "false");
            } else {
                out << (kind == model::attendance_kind::late ? "    <Retard>\n" : "    <PassageInfirmerie>\n");
                element(out, 3, "Date", time_text(a.start));
            }
            if (kind != model::attendance_kind::infirmary) {
                element(out, 3, "Justifie", a.justified ? "true" : "false");
                element(out, 3, "Motif", a.reason.value_or(""));
            }
            out << (kind == model::attendance_kind::absence ? "    </Absence>\n" : kind == model::attendance_kind::late ? "    </Retard>\n" : "    </PassageInfirmerie>\n");
        }
    }

    void sanctions(std::ostream& out, bool punishments) {
        for (const auto& s : m_ds.all<model::sanction>()) {
            if (s.student != m_student) continue;
            auto ext = [&](const char* key) { return s.extensions.count(key) ? s.extensions.at(key) : std::string(); };
            const auto written_as = ext("pronote:element");
            const bool punishment = written_as.empty() ? is_punishment(s.nature) : written_as == "Punition";
            if (punishment != punishments) continue;
            m_ids.push_back(s.id);
            const char* name = punishment ? "Punition" : "Sanction";
            out << "    <" << name << ">\n";
            element(out, 3, "Date", date_text(s.day));
            element(out, 3, "Nature", ext("pronote:Nature").empty() ? std::string(nature_label(s.nature)) : ext("pronote:Nature"));
            if (punishment && !ext("pronote:Matiere").empty()) element(out, 3, "Matiere", ext("pronote:Matiere"));
            element(out, 3, "Motif", s.reason);
            if (!ext("pronote:Circonstances").empty()) element(out, 3, "Circonstances", ext("pronote:Circonstances"));
            if (!punishment && s.duration_days) element(out, 3, "Duree", std::to_string(*s.duration_days));
            out << "    </" << name << ">\n";
        }
    }

    void observations(std::ostream& out) {
        for (const auto& o : m_ds.all<model::observation>()) {
            if (o.student != m_student) continue;
            m_ids.push_back(o.id);
            out << "    <Observation>\n";
            element(out, 3, "Date", time_text(o.recorded_at));
            element(out, 3, "Demandeur", o.extensions.count("pronote:Demandeur") ? o.extensions.at("pronote:Demandeur") : o.author.value_or(""));
            element(out, 3, "Matiere", subject_label(o.subject.value_or("")));
            element(out, 3, "Observation", o.text);
            out << "    </Observation>\n";
        }
    }

    void school_life(std::ostream& out) {
        out << "  <PageVieScolaire>\n";
        element(out, 2, "Titre", "Vie scolaire");
        attendance(out, model::attendance_kind::absence);
        attendance(out, model::attendance_kind::late);
        attendance(out, model::attendance_kind::infirmary);
        sanctions(out, true);
        sanctions(out, false);
        observations(out);
        out << "  </PageVieScolaire>\n";
    }

    void school_page(std::ostream& out) const {
        const auto uai = school();
        for (const auto& s : m_ds.all<model::establishment>())
            if (s.uai == uai && !s.name.empty()) out << "  <PagePronote page=\"\" nom=\"" << xml_text::escaped(s.name) << "\"/>\n";
    }

    const model::dataset& m_ds;
    const std::string& m_student;
    std::vector<std::string>& m_ids;
    std::map<std::string, std::string>& m_subject_ids;
};

/** A pupil's view: `Eleve_<id>.xml`. */
std::string pupil_view(const model::dataset& ds, const std::string& student) {
    view_comment comment;
    const auto pages = pupil_pages(ds, student, comment).write();
    return comment.text() + "<Eleve xmlns=\"" + std::string(accueil_ns) + "\" sessionENT=\"" + xml_text::escaped(student) + "\" version=\"1.0\">\n" + pages +
           "  <ICal></ICal>\n</Eleve>\n";
}

/** `text` with every line two spaces deeper. */
std::string indented(const std::string& text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        const auto end = text.find('\n', at);
        out += "  " + text.substr(at, end - at + 1);
        at = end == std::string::npos ? text.size() : end + 1;
    }
    return out;
}

/** A parent's view, `Parent_<id>.xml`: one `Eleve` per child, each with its names and pages. */
std::string parent_view(const model::dataset& ds, const std::string& guardian, const std::vector<const model::student*>& children) {
    view_comment comment;
    std::ostringstream body;
    for (const auto* child : children) {
        body << "  <Eleve>\n";
        xml_text::element(body, 2, "Nom", child->last_name);
        xml_text::element(body, 2, "Prenom", child->first_name);
        xml_text::element(body, 2, "IdentifiantPronote", child->id);
        body << indented(pupil_pages(ds, child->id, comment).write()) << "    <ICal></ICal>\n  </Eleve>\n";
    }
    return comment.text() + "<Parent xmlns=\"" + std::string(accueil_ns) + "\" sessionENT=\"" + xml_text::escaped(guardian) + "\" version=\"1.0\">\n" +
           body.str() + "  <ICal></ICal>\n</Parent>\n";
}

/** The pupils with anything of their own to show. */
std::set<std::string> pupils_of(const model::dataset& ds) {
    std::set<std::string> out;
    for (const auto& g : ds.all<model::grade_result>()) out.insert(g.student);
    for (const auto& r : ds.all<model::competency_result>()) out.insert(r.student);
    for (const auto& a : ds.all<model::attendance_event>()) out.insert(a.student);
    for (const auto& s : ds.all<model::sanction>()) out.insert(s.student);
    for (const auto& o : ds.all<model::observation>()) out.insert(o.student);
    return out;
}

/** Each legal guardian's children with something of their own to show, by guardian. */
std::map<std::string, std::vector<const model::student*>> children_by_guardian(const model::dataset& ds, const std::set<std::string>& pupils) {
    std::map<std::string, const model::student*> students;
    for (const auto& s : ds.all<model::student>()) students.emplace(s.id, &s);
    std::map<std::string, std::vector<const model::student*>> out;
    for (const auto& link : ds.all<model::guardian_link>()) {
        const auto child = students.find(link.student);
        if (link.legal_rank && pupils.count(link.student) && child != students.end()) out[link.guardian].push_back(child->second);
    }
    return out;
}

void write_views(const model::dataset& ds, const std::filesystem::path& out, io::existing_folder existing) {
    io::output_folder folder(out, existing);
    const auto pupils = pupils_of(ds);
    for (const auto& student : pupils) folder.write("Eleve_" + encoded(student) + ".xml", pupil_view(ds, student));
    for (const auto& [guardian, children] : children_by_guardian(ds, pupils)) folder.write("Parent_" + encoded(guardian) + ".xml", parent_view(ds, guardian, children));
    folder.commit();
}

} // namespace

std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt) {
    return adapter_support::whole_dataset_writer(out, [existing = opt.folder](const model::dataset& ds, const std::filesystem::path& path) {
        write_views(ds, path, existing);
    });
}

} // namespace interop::pronote
