// EDT_STS → model. Each `COURS` of a teacher in a service of a division or group is one placing;
// placings of one course (co-teaching, several divisions) are one course: those our writer
// names alike in its comment, else in a file from elsewhere those with the same subject, mode,
// day, time, alternation and room (a room is needed to tell parallel courses apart).

#include "sts_emp_format.hpp"

#include "../common/week_cycle.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace interop::sts_emp {
namespace {

using adapter_support::emit;
using adapter_support::new_record;

std::string_view field(const xml::element& e, std::string_view name) {
    if (const auto* a = e.attribute(name)) return *a;
    return e.child_text(name);
}

using adapter_support::trimmed;

/** One `COURS`: where it sits in the structure, and when. */
struct placing {
    bool group = false;
    std::string structure, subject, mode, teacher, room, alternation;
    int day = 1, start = 0, duration = 0;
    std::uint64_t line = 0;
    std::string id; ///< from our writer's comment
};

class emp_mapper {
public:
    emp_mapper(io::record_sink& sink, diagnostics& diags, const read_options& opt, std::string file)
        : m_sink(sink), m_diags(diags), m_opt(opt), m_school(opt.school), m_file(std::move(file)) {}

    /** Our writer's comment: the school year and the course id of each COURS in order. */
    void comment(std::string_view text) {
        if (auto at = text.find(year_key); at != std::string_view::npos && !m_opt.school_year) {
            auto rest = text.substr(at + std::string_view(year_key).size());
            m_year = week_cycle::parse_span(rest.substr(0, rest.find_first_of(" \n")));
        }
        if (auto at = text.find(courses_key); at != std::string_view::npos) {
            auto rest = text.substr(at + std::string_view(courses_key).size());
            rest = rest.substr(0, rest.find('\n'));
            for (std::size_t start = 0; start < rest.size();) {
                auto end = std::min(rest.find(' ', start), rest.size());
                if (end > start) m_ids.push_back(decode_id(rest.substr(start, end - start)));
                start = end + 1;
            }
        }
    }

    void element(const xml::element& e) {
        if (e.name == "PARAMETRES") return parameters(e);
        if (m_school.empty()) throw parse_error({m_file, e.line, 0}, format_name, "<" + e.name + "> before PARAMETRES/UAJ: the school is unknown");
        if (e.name == "ALTERNANCE") return alternation(e);
        if (e.name == "SALLE_COURS") return room(trimmed(field(e, "CODE")), e.line);
        if (e.name == "DIVISION" || e.name == "GROUPE") return structure(e);
    }

    void finish() {
        if (m_school.empty()) throw parse_error({m_file, 0, 0}, format_name, "no PARAMETRES/UAJ: the school is unknown");
        if (!m_ids.empty() && m_ids.size() != m_placings.size())
            m_diags.add(severity::warning, "sts-emp.ids", "", "the comment names " + std::to_string(m_ids.size()) + " courses for " + std::to_string(m_placings.size()) + " COURS: ids left out", {m_file, 0, 0});
        bool ours = !m_ids.empty() && m_ids.size() == m_placings.size();
        for (std::size_t i = 0; ours && i < m_placings.size(); ++i) m_placings[i].id = m_ids[i];
        if (auto year = m_opt.school_year ? m_opt.school_year : m_year) emit(m_sink, week_cycle::academic_year(*year, m_school, at(0)));
        for (const auto& s : m_subjects) {
            auto r = new_record<model::subject>(s, m_school, at(0));
            r.code = r.short_label = s;
            emit(m_sink, std::move(r));
        }
        for (const auto& [id, type] : m_teachers) {
            auto r = new_record<model::staff>(id, m_school, at(0));
            r.external_ids = {{"sts", id}};
            r.functions = {"ENS"};
            if (!type.empty()) r.extensions["sts:TYPE"] = type;
            emit(m_sink, std::move(r));
        }
        for (auto& [_, p] : m_patterns) emit(m_sink, std::move(p));
        courses();
    }

private:
    model::provenance at(std::uint64_t line) const { return {format_name, m_file, line}; }

    [[noreturn]] void fail(std::uint64_t line, const std::string& problem) const { throw parse_error({m_file, line, 0}, format_name, problem); }

    void parameters(const xml::element& e) {
        if (const auto* uaj = e.child("UAJ"); uaj && m_school.empty()) m_school = trimmed(uaj->text.empty() ? field(*uaj, "CODE") : uaj->text);
        if (m_school.empty()) fail(e.line, "PARAMETRES without UAJ: the school is unknown");
        auto school = new_record<model::establishment>(m_school, m_school, at(e.line));
        school.uai = m_school;
        emit(m_sink, std::move(school));
    }

    /** `H` is every week; any other alternation is a week pattern, one of consecutive weeks too (a semester, a three-week block). */
    void alternation(const xml::element& e) {
        auto code = trimmed(field(e, "CODE"));
        if (code.empty()) fail(e.line, "ALTERNANCE without CODE");
        auto p = new_record<model::week_pattern>(code, m_school, at(e.line));
        p.code = trimmed(field(e, "LIBELLE_COURT"));
        if (p.code.empty()) p.code = code;
        p.label = trimmed(field(e, "LIBELLE_LONG"));
        if (const auto* weeks = e.child("SEMAINES"))
            for (const auto& w : weeks->children) {
                auto d = model::parse_date(trimmed(w.text));
                if (!d) fail(w.line, "DATE_DEBUT_SEMAINE '" + trimmed(w.text) + "' is no date (yyyy-mm-dd)");
                p.weeks.push_back(timetable::monday_of(*d));
            }
        std::sort(p.weeks.begin(), p.weeks.end());
        m_alternations.insert(code);
        if (code != every_week_code) m_patterns.emplace(code, std::move(p));
    }

    void room(const std::string& code, std::uint64_t line) {
        if (code.empty() || !m_rooms.insert(code).second) return;
        auto r = new_record<model::room>(code, m_school, at(line));
        r.code = r.name = code;
        emit(m_sink, std::move(r));
    }

    void structure(const xml::element& e) {
        auto code = trimmed(field(e, "CODE"));
        if (code.empty()) fail(e.line, e.name + " without CODE");
        bool group = e.name == "GROUPE";
        if (group) {
            auto g = new_record<model::group>(code, m_school, at(e.line));
            g.code = code;
            g.label = trimmed(field(e, "LIBELLE_LONG"));
            if (g.label.empty()) g.label = code;
            if (const auto* of = e.child("DIVISIONS_APPARTENANCE"))
                for (const auto& d : of->children) g.classes.push_back(trimmed(field(d, "CODE")));
            emit(m_sink, std::move(g));
        } else {
            auto c = new_record<model::school_class>(code, m_school, at(e.line));
            c.code = c.label = code;
            emit(m_sink, std::move(c));
        }
        if (const auto* services = e.child("SERVICES"))
            for (const auto& s : services->children) service(s, group, code);
    }

    void service(const xml::element& s, bool group, const std::string& structure) {
        auto subject = trimmed(field(s, "CODE_MATIERE"));
        if (subject.empty()) fail(s.line, "SERVICE without CODE_MATIERE");
        m_subjects.insert(subject);
        const auto* teachers = s.child("ENSEIGNANTS");
        if (!teachers) return;
        for (const auto& t : teachers->children) {
            auto id = trimmed(field(t, "ID"));
            if (id.empty()) fail(t.line, "ENSEIGNANT without ID");
            m_teachers.emplace(id, trimmed(field(t, "TYPE")));
            const auto* attached = t.child("COURS_RATTACHES");
            if (!attached) continue;
            for (const auto& c : attached->children) m_placings.push_back(placing_of(c, group, structure, subject, trimmed(field(s, "CODE_MOD_COURS")), id));
        }
    }

    /** `0830` → minutes; nullopt unless four digits of a time of day. */
    static std::optional<int> hhmm(const std::string& text) {
        if (text.size() != 4 || !std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) return std::nullopt;
        int h = std::stoi(text.substr(0, 2)), m = std::stoi(text.substr(2));
        if (h > 23 || m > 59) return std::nullopt;
        return h * 60 + m;
    }

    placing placing_of(const xml::element& c, bool group, const std::string& structure, const std::string& subject, const std::string& mode, const std::string& teacher) {
        placing p{group, structure, subject, mode, teacher, trimmed(field(c, "CODE_SALLE")), trimmed(field(c, "CODE_ALTERNANCE")), 1, 0, 0, c.line, ""};
        auto day = trimmed(field(c, "JOUR"));
        if (day.size() != 1 || day[0] < '1' || day[0] > '7') fail(c.line, "JOUR '" + day + "' is no day 1 (Monday) to 7");
        p.day = day[0] - '0';
        auto start = hhmm(trimmed(field(c, "HEURE_DEBUT"))), duration = hhmm(trimmed(field(c, "DUREE")));
        if (!start) fail(c.line, "HEURE_DEBUT '" + trimmed(field(c, "HEURE_DEBUT")) + "' is no time HHMM");
        if (!duration || *duration == 0) fail(c.line, "DUREE '" + trimmed(field(c, "DUREE")) + "' is no duration HHMM");
        p.start = *start;
        p.duration = *duration;
        room(p.room, c.line);
        return p;
    }

    /** What makes placings one course in a file from elsewhere; placings without a room stay apart. */
    static std::string merge_key(const placing& p, std::size_t index) {
        std::string key = p.subject + '\n' + p.mode + '\n' + std::to_string(p.day) + '\n' + std::to_string(p.start) + '\n' + std::to_string(p.duration) + '\n' + p.alternation + '\n' + p.room;
        return p.room.empty() ? key + '\n' + std::to_string(index) : key;
    }

    void courses() {
        std::vector<std::string> order;
        std::map<std::string, model::course> by_key;
        std::set<std::string> unknown;
        for (std::size_t i = 0; i < m_placings.size(); ++i) {
            const auto& p = m_placings[i];
            auto key = p.id.empty() ? merge_key(p, i) : p.id;
            auto [it, added] = by_key.try_emplace(key);
            auto& c = it->second;
            if (added) {
                order.push_back(key);
                c = new_record<model::course>(p.id.empty() ? "emp-" + std::to_string(order.size()) : p.id, m_school, at(p.line));
                c.subject = p.subject;
                c.weekday = p.day;
                c.start = {p.start};
                c.duration_minutes = p.duration;
                if (!p.mode.empty()) c.extensions["sts:CODE_MOD_COURS"] = p.mode;
                if (m_patterns.count(p.alternation)) c.week_pattern = p.alternation;
                else if (!p.alternation.empty() && !m_alternations.count(p.alternation)) unknown.insert(p.alternation);
            }
            auto add = [](std::vector<std::string>& v, const std::string& x) {
                if (!x.empty() && std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
            };
            add(c.teachers, p.teacher);
            add(p.group ? c.groups : c.classes, p.structure);
            add(c.rooms, p.room);
        }
        for (const auto& a : unknown)
            m_diags.add(severity::warning, "sts-emp.alternance", "", "CODE_ALTERNANCE '" + a + "' is not in ALTERNANCES: its courses are taken as every week", {m_file, 0, 0});
        for (const auto& key : order) emit(m_sink, std::move(by_key.at(key)));
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    const read_options& m_opt;
    std::string m_school;
    std::string m_file;
    std::optional<std::pair<model::date, model::date>> m_year;
    std::vector<std::string> m_ids;
    std::vector<placing> m_placings;
    std::set<std::string> m_subjects, m_rooms, m_alternations;
    std::map<std::string, std::string> m_teachers; ///< id → TYPE
    std::map<std::string, model::week_pattern> m_patterns;
};

class emp_reader : public reader {
public:
    explicit emp_reader(const read_options& opt) : m_opt(opt) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        adapter_support::single_xml_reading reading(in, format_name, sink);
        const auto& file = reading.file();
        emp_mapper mapper(reading.records(), diags, m_opt, file);
        xml::events ev;
        ev.on_root = [&](const xml::element& root) {
            if (root.name != "EDT_STS") throw parse_error({file, root.line, 0}, format_name, "root element is " + root.name + ", not EDT_STS");
        };
        ev.on_comment = [&](std::string_view text, std::uint64_t) { mapper.comment(text); };
        ev.capture = [](const std::vector<std::string>& path) {
            if (path.size() < 2) return false;
            const auto& name = path.back();
            if (path.size() == 2) return name == "PARAMETRES";
            const auto& parent = path[path.size() - 2];
            return (name == "ALTERNANCE" && parent == "ALTERNANCES") || (name == "SALLE_COURS" && parent == "SALLES_COURS") ||
                   (name == "DIVISION" && parent == "DIVISIONS") || (name == "GROUPE" && parent == "GROUPES");
        };
        ev.on_element = [&](xml::element&& e) { mapper.element(e); };
        reading.run(ev, m_opt, [&] { mapper.finish(); });
    }

private:
    read_options m_opt;
};

} // namespace

std::unique_ptr<reader> make_reader(const read_options& opt) { return std::make_unique<emp_reader>(opt); }

} // namespace interop::sts_emp
