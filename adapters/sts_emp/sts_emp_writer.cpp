// model → EDT_STS: alternations (`H` for every week, then each week pattern with its weeks),
// rooms, and each course under each class and group it is taught to, in the service of its
// subject and teaching mode, once per teacher. STS-Web knows subjects, teachers, divisions
// and groups by its own codes: the ids of records read from its `sts_emp` export. A comment
// before the root gives our reader the school year; comments after it, each COURS's course.
// What EDT_STS has no place for is declared lost.

#include "sts_emp_format.hpp"
#include "../common/course_losses.hpp"

#include "../common/week_cycle.hpp"
#include "../common/xml_text.hpp"

#include <interop/adapter/support.hpp>

#include <map>
#include <set>

namespace interop::sts_emp {
namespace {

using xml_text::escaped;

std::string hhmm(int minutes) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d%02d", minutes / 60 % 100, minutes % 60);
    return text;
}

/** What a COURS element sits under: a division or group, a service, a teacher. */
struct service_key {
    bool group;
    std::string structure, subject, mode, teacher;
    auto operator<=>(const service_key&) const = default;
};

class emp_writer : public io::record_sink {
public:
    emp_writer(std::ostream& out, io::loss_log& losses) : m_out(out), m_losses(losses) {}

    void on_record(model::any_record&& r) override {
        if (m_any_school.empty()) m_any_school = std::visit([](const auto& k) { return k.school; }, r);
        m_ds.add(std::move(r));
    }

    void on_end() override {
        auto span = week_cycle::span_of(m_ds);
        std::map<service_key, std::vector<const model::course*>> placed;
        for (const auto& c : m_ds.all<model::course>()) {
            if (!placeable(c)) continue;
            auto mode = c.extensions.count("sts:CODE_MOD_COURS") ? c.extensions.at("sts:CODE_MOD_COURS") : "CG";
            for (bool group : {false, true})
                for (const auto& s : group ? c.groups : c.classes)
                    for (const auto& t : c.teachers) placed[{group, s, c.subject, mode, t}].push_back(&c);
        }
        declare_untaught(placed);
        m_out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Interop Hub";
        // The school year only when the dataset has one: a span read off the weeks is no academic year.
        if (span && m_ds.all<model::academic_year>().size() == 1) m_out << ' ' << year_key << week_cycle::format_span(*span);
        m_out << " -->\n<EDT_STS>\n  <PARAMETRES>\n";
        xml_text::element(m_out, 2, "UAJ", school());
        if (span) xml_text::element(m_out, 2, "ANNEE_SCOLAIRE", std::to_string(span->first.year));
        m_out << "  </PARAMETRES>\n  <DONNEES>\n";
        alternations(m_out, span);
        rooms(m_out);
        std::vector<std::string> ids;
        structures(m_out, placed, ids);
        m_out << "  </DONNEES>\n</EDT_STS>\n";
        course_ids(ids);
    }

private:
    /**
     * The course id of each COURS in order, for our reader, after the root: comments of at most
     * 64 KiB each (libxml2 refuses a comment past 10 MB), so that nothing before the root grows
     * with the school.
     */
    void course_ids(const std::vector<std::string>& ids) {
        constexpr std::size_t most = 64 * 1024;
        for (std::size_t i = 0; i < ids.size();) {
            std::string line = courses_key;
            for (bool first = true; i < ids.size() && (first || line.size() + ids[i].size() < most); ++i, first = false)
                line += (first ? "" : " ") + encode_id(ids[i]);
            m_out << "<!-- " << line << " -->\n";
        }
    }

    /**
     * A COURS sits under a teacher of a division or group: a course without either has no place
     * and is declared lost; of the rest, what EDT_STS has no element for is declared too.
     */
    bool placeable(const model::course& c) {
        const std::string record = io::record_name(c);
        if (c.teachers.empty()) m_losses.record("loss.sts-emp.no-teacher", "course: a COURS sits under a teacher; this one has none", record);
        else if (c.classes.empty() && c.groups.empty())
            m_losses.record("loss.sts-emp.no-audience", "course: a COURS sits under a division or group; this one has none", record);
        else {
            course_losses::declare_parts(c, {.rooms = 1, .validity = false, .equipment = false}, "sts-emp", m_losses);
            return true;
        }
        return false;
    }

    /** Divisions, groups, teachers and subjects appear only through the courses placed under them: the others are declared lost. */
    void declare_untaught(const std::map<service_key, std::vector<const model::course*>>& placed) {
        std::set<std::string> classes, groups, teachers, subjects;
        for (const auto& [key, courses] : placed) {
            (key.group ? groups : classes).insert(key.structure);
            teachers.insert(key.teacher);
            subjects.insert(key.subject);
        }
        auto declare = [&](const auto& records, const std::set<std::string>& written) {
            for (const auto& r : records)
                if (!written.contains(r.id))
                    m_losses.record("loss.sts-emp.untaught", std::string(r.kind) + ": EDT_STS names only the divisions, groups, teachers and subjects of its courses",
                                    io::record_name(r));
        };
        declare(m_ds.all<model::school_class>(), classes);
        declare(m_ds.all<model::group>(), groups);
        declare(m_ds.all<model::staff>(), teachers);
        declare(m_ds.all<model::subject>(), subjects);
    }

    std::string school() const {
        if (m_ds.all<model::establishment>().size() == 1) return m_ds.all<model::establishment>().front().uai;
        return m_ds.all<model::course>().empty() ? m_any_school : m_ds.all<model::course>().front().school;
    }

    static void alternation(std::ostream& out, const std::string& code, const std::string& label, const std::vector<model::date>& weeks) {
        out << "      <ALTERNANCE CODE=\"" << escaped(code) << "\">\n";
        xml_text::element(out, 4, "LIBELLE_COURT", code);
        xml_text::element(out, 4, "LIBELLE_LONG", label);
        out << "        <SEMAINES>\n";
        for (const auto& w : weeks) xml_text::element(out, 5, "DATE_DEBUT_SEMAINE", model::to_string(w));
        out << "        </SEMAINES>\n      </ALTERNANCE>\n";
    }

    void alternations(std::ostream& out, const std::optional<std::pair<model::date, model::date>>& span) const {
        out << "    <ALTERNANCES>\n";
        std::vector<model::date> every;
        for (auto monday = span ? timetable::monday_of(span->first) : model::date{}; span && monday <= span->second; monday = model::add_days(monday, 7)) every.push_back(monday);
        alternation(out, every_week_code, "Toutes les semaines", every);
        for (const auto& p : m_ds.all<model::week_pattern>()) alternation(out, p.id, p.label.empty() ? p.code : p.label, p.weeks);
        out << "    </ALTERNANCES>\n";
    }

    void rooms(std::ostream& out) const {
        out << "    <SALLES_COURS>\n";
        for (const auto& r : m_ds.all<model::room>()) out << "      <SALLE_COURS CODE=\"" << escaped(r.id) << "\"/>\n";
        out << "    </SALLES_COURS>\n";
    }

    void structures(std::ostream& out, const std::map<service_key, std::vector<const model::course*>>& placed, std::vector<std::string>& ids) const {
        out << "    <STRUCTURE>\n";
        for (bool group : {false, true}) {
            out << (group ? "      <GROUPES>\n" : "      <DIVISIONS>\n");
            for (auto it = placed.begin(); it != placed.end();) {
                if (it->first.group != group) {
                    ++it;
                    continue;
                }
                it = structure(out, placed, it, ids);
            }
            out << (group ? "      </GROUPES>\n" : "      </DIVISIONS>\n");
        }
        out << "    </STRUCTURE>\n";
    }

    using placed_map = std::map<service_key, std::vector<const model::course*>>;

    /** One DIVISION or GROUPE: its services, each with its teachers and their courses. Returns past its last entry. */
    placed_map::const_iterator structure(std::ostream& out, const placed_map& placed, placed_map::const_iterator it, std::vector<std::string>& ids) const {
        const auto& first = it->first;
        const char* tag = first.group ? "GROUPE" : "DIVISION";
        out << "        <" << tag << " CODE=\"" << escaped(first.structure) << "\">\n";
        if (first.group) group_header(out, first.structure);
        out << "          <SERVICES>\n";
        while (it != placed.end() && it->first.group == first.group && it->first.structure == first.structure) {
            const auto& service = it->first;
            out << "            <SERVICE CODE_MATIERE=\"" << escaped(service.subject) << "\" CODE_MOD_COURS=\"" << escaped(service.mode) << "\">\n              <ENSEIGNANTS>\n";
            for (; it != placed.end() && it->first.group == service.group && it->first.structure == service.structure && it->first.subject == service.subject &&
                   it->first.mode == service.mode;
                 ++it)
                teacher(out, it->first.teacher, it->second, ids);
            out << "              </ENSEIGNANTS>\n            </SERVICE>\n";
        }
        out << "          </SERVICES>\n        </" << tag << ">\n";
        return it;
    }

    void group_header(std::ostream& out, const std::string& id) const {
        for (const auto& g : m_ds.all<model::group>()) {
            if (g.id != id) continue;
            xml_text::element(out, 5, "LIBELLE_LONG", g.label);
            out << "          <DIVISIONS_APPARTENANCE>\n";
            for (const auto& k : g.classes) out << "            <DIVISION_APPARTENANCE CODE=\"" << escaped(k) << "\"/>\n";
            out << "          </DIVISIONS_APPARTENANCE>\n";
        }
    }

    void teacher(std::ostream& out, const std::string& id, const std::vector<const model::course*>& courses, std::vector<std::string>& ids) const {
        std::string type = "epp";
        for (const auto& s : m_ds.all<model::staff>())
            if (s.id == id && s.extensions.count("sts:TYPE")) type = s.extensions.at("sts:TYPE");
        out << "                <ENSEIGNANT ID=\"" << escaped(id) << "\" TYPE=\"" << escaped(type) << "\">\n                  <COURS_RATTACHES>\n";
        for (const auto* c : courses) {
            out << "                    <COURS>\n";
            xml_text::element(out, 11, "CODE_SALLE", c->rooms.empty() ? "" : c->rooms.front());
            xml_text::element(out, 11, "JOUR", std::to_string(c->weekday));
            xml_text::element(out, 11, "HEURE_DEBUT", hhmm(c->start.minutes));
            xml_text::element(out, 11, "DUREE", hhmm(c->duration_minutes));
            xml_text::element(out, 11, "CODE_ALTERNANCE", c->week_pattern.value_or(every_week_code));
            out << "                    </COURS>\n";
            ids.push_back(c->id);
        }
        out << "                  </COURS_RATTACHES>\n                </ENSEIGNANT>\n";
    }

    std::ostream& m_out;
    io::loss_log& m_losses;
    model::dataset m_ds;
    std::string m_any_school; ///< the UAJ when there is neither a school nor a course
};

} // namespace

std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt) {
    // The courses' parts are declared by the writer, for the courses it places; the rest here.
    return course_losses::declaring(
        adapter_support::committing_writer(out, [&losses = opt.losses](std::ostream& o) { return std::make_unique<emp_writer>(o, losses); }),
        {.codes = false}, "sts-emp", opt.losses);
}

} // namespace interop::sts_emp
