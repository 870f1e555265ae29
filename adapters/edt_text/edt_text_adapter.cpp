// Index Education EDT's text export of courses, `EXP_COURS.xml`: a `TABLE nom="Cours"` of
// `Cours` rows whose fields are elements with dots in their names (`H.DEBUT`, `CO-ENS.`), one
// row per course and class or teacher; rows of one course number make one course.

#include "../common/week_cycle.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace interop {
namespace {

constexpr const char* format_name = "edt-text";

using adapter_support::emit;
using adapter_support::new_record;

using adapter_support::trimmed;

std::string field(const xml::element& row, std::string_view name) { return trimmed(row.child_text(name)); }

/** `09h00`, `9h`, `09:00` → minutes after midnight. */
std::optional<int> clock(const std::string& text) {
    auto sep = text.find_first_of("h:");
    if (sep == std::string::npos || sep == 0 || sep > 2) return std::nullopt;
    auto digits = [](std::string_view s) { return std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }); };
    auto hours = std::string_view(text).substr(0, sep), minutes = std::string_view(text).substr(sep + 1);
    if (!digits(hours) || !digits(minutes) || minutes.size() > 2) return std::nullopt;
    int h = std::stoi(std::string(hours)), m = minutes.empty() ? 0 : std::stoi(std::string(minutes));
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::optional<int> french_weekday(std::string day) {
    day = adapter_support::lower_ascii(std::move(day));
    static const std::array<std::string_view, 7> names{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
    for (std::size_t i = 0; i < names.size(); ++i)
        if (day == names[i]) return static_cast<int>(i) + 1;
    return std::nullopt;
}

/** "5A, 5B" or "[5A]" → {5A, 5B}. */
std::vector<std::string> audiences(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    for (char c : text + ",") {
        if (c == ',' || c == ';') {
            auto name = trimmed(current);
            if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
            current.clear();
        } else if (c != '[' && c != ']') {
            current.push_back(c);
        }
    }
    return out;
}

class edt_text_mapper {
public:
    edt_text_mapper(io::record_sink& sink, diagnostics& diags, const read_options& opt, std::string file)
        : m_sink(sink), m_diags(diags), m_opt(opt), m_file(std::move(file)) {}

    void row(const xml::element& r) {
        auto number = field(r, "NUMERO");
        if (number.empty()) number = r.attribute("numero") ? *r.attribute("numero") : "";
        if (number.empty()) fail(r, "a Cours row without NUMERO");
        auto [it, added] = m_courses.try_emplace(number, new_record<model::course>("EC" + number, m_opt.school, at(r.line)));
        auto& c = it->second;
        if (added) {
            m_order.push_back(number);
            first_row(c, r, number);
        }
        add_people(c, r);
    }

    void finish() {
        if (m_opt.school_year) emit(m_sink, week_cycle::academic_year(*m_opt.school_year, m_opt.school, at(0)));
        for (auto& [id, s] : m_subjects) emit(m_sink, std::move(s));
        for (auto& [id, s] : m_staff) emit(m_sink, std::move(s));
        for (auto& [id, c] : m_classes) emit(m_sink, std::move(c));
        for (auto& [id, r] : m_rooms) emit(m_sink, std::move(r));
        for (auto& [id, p] : m_patterns) emit(m_sink, std::move(p));
        for (const auto& number : m_order) emit(m_sink, std::move(m_courses.at(number)));
    }

private:
    model::provenance at(std::uint64_t line) const { return {format_name, m_file, line}; }
    [[noreturn]] void fail(const xml::element& r, const std::string& problem) const { throw parse_error({m_file, r.line, 0}, format_name, problem); }

    void first_row(model::course& c, const xml::element& r, const std::string& number) {
        c.external_ids = {{"edt", number}};
        auto day = french_weekday(field(r, "JOUR"));
        auto start = clock(field(r, "H.DEBUT"));
        auto duration = clock(field(r, "DUREE"));
        if (!day || !start || !duration || *duration == 0)
            fail(r, "course " + number + ": day '" + field(r, "JOUR") + "', start '" + field(r, "H.DEBUT") + "' or duration '" + field(r, "DUREE") + "' not understood");
        c.weekday = *day;
        c.start = {*start};
        c.duration_minutes = *duration;
        if (auto code = field(r, "MAT_CODE"); !code.empty()) {
            c.subject = code;
            auto& s = m_subjects.try_emplace(code, new_record<model::subject>(code, m_opt.school, at(r.line))).first->second;
            s.code = s.short_label = code;
            s.long_label = field(r, "MAT_LIBELLE");
        }
        for (const char* name : {"FREQUENCE", "MODALITE", "CO-ENS.", "POND.", "EFFECTIF"})
            if (auto v = field(r, name); !v.empty()) c.extensions[std::string("edt:") + name] = v;
        if (auto alternation = field(r, "ALTERNANCE"); !alternation.empty()) c.week_pattern = pattern(alternation);
    }

    void add_people(model::course& c, const xml::element& r) {
        auto last = field(r, "PROF_NOM"), first = field(r, "PROF_PRENOM");
        if (!last.empty()) {
            auto id = last + (first.empty() ? "" : " " + first);
            auto& s = m_staff.try_emplace(id, new_record<model::staff>(id, m_opt.school, at(r.line))).first->second;
            s.last_name = last;
            s.first_name = first;
            s.functions = {"ENS"};
            if (std::find(c.teachers.begin(), c.teachers.end(), id) == c.teachers.end()) c.teachers.push_back(id);
        }
        for (const auto& name : audiences(field(r, "CLASSE"))) {
            auto& k = m_classes.try_emplace(name, new_record<model::school_class>(name, m_opt.school, at(r.line))).first->second;
            k.code = k.label = name;
            if (std::find(c.classes.begin(), c.classes.end(), name) == c.classes.end()) c.classes.push_back(name);
        }
        for (const auto& name : audiences(field(r, "SALLE"))) {
            auto& room = m_rooms.try_emplace(name, new_record<model::room>(name, m_opt.school, at(r.line))).first->second;
            room.code = room.name = name;
            if (std::find(c.rooms.begin(), c.rooms.end(), name) == c.rooms.end()) c.rooms.push_back(name);
        }
    }

    /** "Sem. A", "Semaine B", "Q1": a week A (or 1) is the first of a two-week cycle, B (or 2) the second. */
    std::string pattern(const std::string& label) {
        auto id = "alt-" + label;
        if (m_patterns.count(id)) return id;
        auto p = new_record<model::week_pattern>(id, m_opt.school, at(0));
        p.code = p.label = label;
        char last = static_cast<char>(std::toupper(static_cast<unsigned char>(label.back())));
        std::string bits = last == 'A' || last == '1' ? "10" : last == 'B' || last == '2' ? "01" : "";
        if (!bits.empty()) p.extensions["edt:cycle"] = bits;
        if (!bits.empty() && m_opt.school_year) p.weeks = week_cycle::mondays(bits, m_opt.school_year->first, m_opt.school_year->second);
        if (bits.empty() || !m_opt.school_year)
            m_diags.add(severity::warning, "edt-text.alternation", "week_pattern/" + id,
                        "alternation '" + label + "' lists no weeks (" + (bits.empty() ? "not week A or B" : "give the school year") + ")", {m_file, 0, 0});
        m_patterns.emplace(id, std::move(p));
        return id;
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    const read_options& m_opt;
    std::string m_file;
    std::map<std::string, model::course> m_courses;
    std::vector<std::string> m_order;
    std::map<std::string, model::subject> m_subjects;
    std::map<std::string, model::staff> m_staff;
    std::map<std::string, model::school_class> m_classes;
    std::map<std::string, model::room> m_rooms;
    std::map<std::string, model::week_pattern> m_patterns;
};

class edt_text_reader : public reader {
public:
    explicit edt_text_reader(const read_options& opt) : m_opt(opt) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        adapter_support::single_xml_reading reading(in, format_name, sink);
        edt_text_mapper mapper(reading.records(), diags, m_opt, reading.file());
        xml::events ev;
        ev.on_root = [&](const xml::element& root) {
            if (root.name != "TABLE" || !root.attribute("nom") || *root.attribute("nom") != "Cours")
                throw parse_error({reading.file(), root.line, 0}, format_name, "root element is not TABLE nom=\"Cours\"");
        };
        ev.capture = [](const std::vector<std::string>& path) { return path.size() == 2 && path[1] == "Cours"; };
        ev.on_element = [&](xml::element&& e) { mapper.row(e); };
        reading.run(ev, m_opt, [&] { mapper.finish(); });
    }

private:
    read_options m_opt;
};

confidence identify_edt_text(const io::input& in) {
    if (in.entries().size() != 1) return confidence::no;
    auto head = in.head(in.entries().front(), 2048);
    return head.find("<TABLE nom=\"Cours\"") != std::string::npos && head.find("<H.DEBUT>") != std::string::npos ? confidence::yes : confidence::no;
}

} // namespace

void register_edt_text(registry& r) {
    r.add({.name = format_name,
           .title = "Index Education EDT: text export of courses (EXP_COURS.xml)",
           .domains = {"timetable"},
           .extensions = {"xml"},
           .media_type = "application/xml",
           .identify = identify_edt_text,
           .make_reader = [](const read_options& o) { return std::make_unique<edt_text_reader>(o); },
           .make_writer = {},
           .writes = {}});
}

} // namespace interop
