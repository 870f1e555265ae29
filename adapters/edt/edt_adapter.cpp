// Index Education EDT, the plain ENT export `ExportEmploiDuTemps` (namespace
// http://www.index-education.com/exportemploidutemps): school year, time grid, subjects,
// teachers, rooms, classes and their part-classes, groups, pupils with guardians, and the
// courses with a 64-bit week mask per resource.

#include "container.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace interop {
namespace {

constexpr const char* format_name = "edt";
constexpr std::string_view edt_namespace = "http://www.index-education.com/exportemploidutemps";

using adapter_support::emit;
using adapter_support::new_record;

std::optional<std::string> attr(const xml::element& e, std::string_view name) {
    const auto* v = e.attribute(name);
    return v && !v->empty() ? std::optional<std::string>(*v) : std::nullopt;
}

std::string attr_or(const xml::element& e, std::string_view name) { return attr(e, name).value_or(""); }

/** Weeks as EDT writes them: bit n is week n, week 1 starting on `DatePremierJourSemaine1`. */
std::vector<model::date> weeks_of(std::uint64_t mask, model::date week1) {
    std::vector<model::date> out;
    for (int n = 0; n < 64; ++n)
        if (mask >> n & 1U) out.push_back(model::add_days(week1, 7 * (n - 1)));
    return out;
}

/** "1..7,10..16": the week numbers of a mask, for people to read. */
std::string week_ranges(std::uint64_t mask) {
    std::string out;
    for (int n = 0; n < 64;) {
        if (!(mask >> n & 1U)) {
            ++n;
            continue;
        }
        int end = n;
        while (end + 1 < 64 && (mask >> (end + 1) & 1U)) ++end;
        out.append(out.empty() ? "" : ",").append(std::to_string(n));
        if (end > n) out.append("..").append(std::to_string(end));
        n = end + 1;
    }
    return out;
}

/** One resource of a course (teacher, class, part-class, group, room) and its weeks. */
struct resource {
    std::string kind; ///< element name
    std::string id;
    std::uint64_t weeks = 0;
};

struct pending_course {
    int weekday = 0, first_place = 0, places = 0;
    std::string subject;
    std::vector<resource> resources;
    std::uint64_t line = 0;
};

class edt_mapper {
public:
    edt_mapper(io::record_sink& sink, diagnostics& diags, std::string file) : m_sink(sink), m_diags(diags), m_file(std::move(file)) {}

    void root(const xml::element& r) {
        if (r.name != "ExportEmploiDuTemps" || r.ns != edt_namespace)
            throw parse_error({m_file, r.line, 0}, format_name, "root element is not ExportEmploiDuTemps of " + std::string(edt_namespace));
        m_school = attr_or(r, "UAI");
        if (m_school.empty()) warn("edt.no-uai", "", "the root gives no UAI: records name no school", r.line);
    }

    void element(const xml::element& e) {
        if (e.name == "AnneeScolaire") return year(e);
        if (e.name == "GrilleHoraire") return grid(e);
        if (e.name == "Matiere") return subject(e);
        if (e.name == "Professeur") return teacher(e);
        if (e.name == "Salle") return room(e);
        if (e.name == "Classe") return school_class(e);
        if (e.name == "Groupe") return group(e);
        if (e.name == "Eleve") return pupil(e);
        if (e.name == "Cours") return course(e);
        if (m_unmapped.insert(e.name).second) warn("edt.unmapped", "", "element " + e.name + " is not mapped; left out", e.line, severity::info);
    }

    void finish() {
        emit_groups();
        emit_courses();
    }

private:
    model::provenance at(std::uint64_t line) const { return {format_name, m_file, line}; }

    void warn(std::string code, std::string record, std::string message, std::uint64_t line, severity s = severity::warning) {
        m_diags.add(s, std::move(code), std::move(record), std::move(message), {m_file, line, 0});
    }

    /**
     * A record with its EDT `Ident` as external id. EDT numbers each element type apart, so a
     * `PartieDeClasse` and a `Groupe` (both groups here) may share an Ident: theirs is of the
     * system `edt:PartieDeClasse` (`system` names it), the others' of `edt`.
     */
    template <class K> K record(const xml::element& e, std::string id, std::string system = "edt") {
        auto k = new_record<K>(id, m_school, at(e.line));
        if (auto ident = attr_or(e, "Ident"); !ident.empty()) k.external_ids.push_back({std::move(system), std::move(ident)});
        return k;
    }

    model::date date_attr(const xml::element& e, std::string_view name) {
        auto text = attr_or(e, name);
        auto d = model::parse_date(text);
        if (!d) throw parse_error({m_file, e.line, 0}, format_name, std::string(name) + " '" + text + "' is not a date YYYY-MM-DD");
        return *d;
    }

    void year(const xml::element& e) {
        auto y = new_record<model::academic_year>("", m_school, at(e.line));
        y.start = date_attr(e, "DateDebut");
        y.end = date_attr(e, "DateFin");
        y.id = y.label = std::to_string(y.start.year) + "-" + std::to_string(y.end.year);
        m_week1 = date_attr(e, "DatePremierJourSemaine1");
        emit(m_sink, std::move(y));
    }

    void grid(const xml::element& e) {
        auto g = new_record<model::time_grid>("edt-grille", m_school, at(e.line));
        g.label = "Grille horaire";
        if (const auto* days = e.child("JoursOuvres"))
            for (const auto& d : days->children) g.weekdays.push_back(std::atoi(d.text.c_str()));
        if (const auto* places = e.child("PlacesParJour"))
            for (const auto& p : places->children) {
                int number = std::atoi(attr_or(p, "Numero").c_str());
                auto start = model::parse_time_of_day(attr_or(p, "LibelleHeureDebut").substr(0, 5));
                auto end = model::parse_time_of_day(attr_or(p, "LibelleHeureFin").substr(0, 5));
                if (!start || !end) throw parse_error({m_file, p.line, 0}, format_name, "place " + std::to_string(number) + " has no valid times");
                m_places[number] = {*start, *end};
                g.slots.push_back({number + 1, *start, *end, std::nullopt});
            }
        emit(m_sink, std::move(g));
    }

    void subject(const xml::element& e) {
        auto s = record<model::subject>(e, attr_or(e, "Ident"));
        s.code = s.short_label = attr_or(e, "Code");
        s.long_label = attr_or(e, "Libelle");
        emit(m_sink, std::move(s));
    }

    void teacher(const xml::element& e) {
        auto s = record<model::staff>(e, attr_or(e, "Ident"));
        s.last_name = attr_or(e, "Nom");
        s.first_name = attr_or(e, "Prenom");
        if (auto d = attr(e, "DateNaissance")) s.birth_date = model::parse_date(*d);
        if (auto idpn = attr(e, "IDPN")) s.external_ids.push_back({"idpn", *idpn});
        if (auto cp = attr(e, "CodePostal")) s.extensions["edt:CodePostal"] = *cp;
        s.functions = {"ENS"};
        emit(m_sink, std::move(s));
    }

    void room(const xml::element& e) {
        auto r = record<model::room>(e, attr_or(e, "Ident"));
        r.code = r.name = attr_or(e, "Nom");
        emit(m_sink, std::move(r));
    }

    static std::string part_id(const std::string& ident) { return "P" + ident; }
    static std::string group_id(const std::string& ident) { return "G" + ident; }

    /** A class, and its part-classes as groups of it (EDT gives them no names). */
    void school_class(const xml::element& e) {
        auto c = record<model::school_class>(e, attr_or(e, "Ident"));
        c.code = c.label = attr_or(e, "Nom");
        for (const auto& part : e.children) {
            if (part.name != "PartieDeClasse") continue;
            auto id = part_id(attr_or(part, "Ident"));
            m_part_class[id] = c.id;
            auto g = record<model::group>(part, id, "edt:PartieDeClasse");
            g.code = id;
            g.label = c.code + " partie " + attr_or(part, "Ident");
            g.type = model::group_kind::half_class;
            g.classes = {c.id};
            m_groups.push_back(std::move(g));
        }
        emit(m_sink, std::move(c));
    }

    /** A named group: part-classes, possibly of several classes. */
    void group(const xml::element& e) {
        auto g = record<model::group>(e, group_id(attr_or(e, "Ident")));
        g.code = g.label = attr_or(e, "Nom");
        g.type = model::group_kind::other;
        for (const auto& child : e.children) {
            if (child.name == "PartieDeClasse") m_group_parts[g.id].push_back(part_id(attr_or(child, "Ident")));
            else if (child.name == "Classe") m_group_classes[g.id].insert(attr_or(child, "Ident"));
        }
        m_groups.push_back(std::move(g));
    }

    void emit_groups() {
        for (auto& g : m_groups) {
            if (g.classes.empty()) {
                std::set<std::string> classes = m_group_classes[g.id];
                for (const auto& p : m_group_parts[g.id])
                    if (auto it = m_part_class.find(p); it != m_part_class.end()) classes.insert(it->second);
                g.classes.assign(classes.begin(), classes.end());
            }
            emit(m_sink, std::move(g));
        }
        for (auto& m : m_pending_memberships) emit(m_sink, std::move(m));
        // A pupil in a part-class is in every named group drawing on that part.
        for (const auto& [group, parts] : m_group_parts) {
            std::set<std::string> pupils;
            for (const auto& p : parts)
                for (auto m : m_pupil_parts[p]) {
                    if (!pupils.insert(m.person).second) continue;
                    m.id = m.person + "@" + group;
                    m.group = group;
                    emit(m_sink, std::move(m));
                }
        }
    }

    void pupil(const xml::element& e) {
        auto s = record<model::student>(e, attr_or(e, "Ident"));
        s.last_name = attr_or(e, "Nom");
        s.first_name = attr_or(e, "Prenom");
        if (auto d = attr(e, "DateNaissance")) s.birth_date = model::parse_date(*d);
        if (auto sex = attr(e, "Sexe")) s.sex = sex->starts_with("M") ? "M" : sex->starts_with("F") ? "F" : *sex;
        if (auto nn = attr(e, "NumeroNational")) s.extensions["edt:NumeroNational"] = *nn;
        if (auto idpn = attr(e, "IDPN")) s.external_ids.push_back({"idpn", *idpn});
        auto pupil_id = s.id;
        emit(m_sink, std::move(s));
        for (const auto& child : e.children) {
            if (child.name == "Responsable") guardian(child, pupil_id);
            else if (child.name == "Classe") membership(child, pupil_id, attr_or(child, "Ident"), model::audience_kind::class_);
            else if (child.name == "PartieDeClasse") membership(child, pupil_id, part_id(attr_or(child, "Ident")), model::audience_kind::group);
        }
    }

    void membership(const xml::element& e, const std::string& pupil, const std::string& group, model::audience_kind kind) {
        auto m = new_record<model::membership>(pupil + "@" + group, m_school, at(e.line));
        m.person = pupil;
        m.group = group;
        m.group_kind = kind;
        if (auto d = attr(e, "DateEntree")) m.start = model::parse_date(*d);
        if (auto d = attr(e, "DateSortie")) m.end = model::parse_date(*d);
        if (kind == model::audience_kind::group) m_pupil_parts[group].push_back(m); // also in the named groups drawing on the part
        m_pending_memberships.push_back(std::move(m));
    }

    void guardian(const xml::element& e, const std::string& pupil) {
        auto id = attr_or(e, "Ident");
        if (m_guardians.insert(id).second) {
            auto g = record<model::guardian>(e, id);
            g.last_name = attr_or(e, "Nom");
            g.first_name = attr_or(e, "Prenom");
            if (auto c = attr(e, "Civilite")) g.civility = *c;
            std::string address;
            for (const char* part : {"Adresse1", "Adresse2", "Adresse3", "Adresse4", "CodePostal", "Ville"})
                if (auto v = attr(e, part)) address.append(address.empty() ? "" : " ").append(*v);
            if (!address.empty()) g.contacts.push_back({model::contact_kind::address, address});
            if (auto idpn = attr(e, "IDPN")) g.external_ids.push_back({"idpn", *idpn});
            emit(m_sink, std::move(g));
        }
        auto link = new_record<model::guardian_link>(pupil + "/" + id, m_school, at(e.line));
        link.student = pupil;
        link.guardian = id;
        if (auto rank = attr(e, "RespLegal")) link.legal_rank = std::atoi(rank->c_str());
        emit(m_sink, std::move(link));
    }

    void course(const xml::element& e) {
        pending_course c;
        c.weekday = std::atoi(attr_or(e, "Jour").c_str());
        c.first_place = std::atoi(attr_or(e, "NumeroPlaceDebut").c_str());
        c.places = std::atoi(attr_or(e, "NombrePlaces").c_str());
        c.line = e.line;
        for (const auto& child : e.children) {
            auto ident = attr_or(child, "Ident");
            if (child.name == "Matiere") {
                c.subject = ident;
                continue;
            }
            auto mask_text = attr_or(child, "Semaines");
            char* end = nullptr;
            auto mask = std::strtoull(mask_text.c_str(), &end, 10);
            if (mask_text.empty() || *end != '\0') throw parse_error({m_file, child.line, 0}, format_name, "Semaines '" + mask_text + "' is not a week mask");
            c.resources.push_back({child.name, ident, mask});
        }
        if (c.weekday < 1 || c.weekday > 7 || c.places < 1)
            throw parse_error({m_file, e.line, 0}, format_name, "course with day " + attr_or(e, "Jour") + " and " + attr_or(e, "NombrePlaces") + " places");
        m_courses.push_back(std::move(c));
    }

    /**
     * A course becomes one course per set of weeks with the same resources: most courses have
     * one; a teacher or room changing some weeks gives several.
     */
    void emit_courses() {
        std::size_t index = 0;
        for (const auto& c : m_courses) {
            ++index;
            auto from = m_places.find(c.first_place), to = m_places.find(c.first_place + c.places - 1);
            if (from == m_places.end() || to == m_places.end()) {
                warn("edt.place", "", "course in places " + std::to_string(c.first_place) + " to " + std::to_string(c.first_place + c.places - 1) +
                                          ", outside the time grid; left out", c.line, severity::error);
                continue;
            }
            std::map<std::vector<std::size_t>, std::uint64_t> weeks_by_resources;
            for (int week = 0; week < 64; ++week) {
                std::vector<std::size_t> present;
                for (std::size_t r = 0; r < c.resources.size(); ++r)
                    if (c.resources[r].weeks >> week & 1U) present.push_back(r);
                if (!present.empty()) weeks_by_resources[present] |= std::uint64_t{1} << week;
            }
            if (weeks_by_resources.empty()) {
                warn("edt.no-weeks", "", "course names no teacher, class, group or room, hence no week: it never takes place; left out", c.line);
                continue;
            }
            std::size_t part = 0;
            for (const auto& [present, mask] : weeks_by_resources) {
                auto id = "C" + std::to_string(index) + (weeks_by_resources.size() > 1 ? "-" + std::to_string(++part) : "");
                auto course = new_record<model::course>(id, m_school, at(c.line));
                course.subject = c.subject;
                course.weekday = c.weekday;
                course.start = from->second.first;
                course.duration_minutes = to->second.second.minutes - from->second.first.minutes;
                for (auto r : present) place(course, c.resources[r]);
                course.week_pattern = pattern(mask);
                emit(m_sink, std::move(course));
            }
        }
    }

    void place(model::course& course, const resource& r) {
        if (r.kind == "Professeur") course.teachers.push_back(r.id);
        else if (r.kind == "Classe") course.classes.push_back(r.id);
        else if (r.kind == "PartieDeClasse") course.groups.push_back(part_id(r.id));
        else if (r.kind == "Groupe") course.groups.push_back(group_id(r.id));
        else if (r.kind == "Salle") course.rooms.push_back(r.id);
        else if (r.kind == "Materiel") course.equipment.push_back(r.id);
        else course.extensions["edt:" + r.kind] += (course.extensions["edt:" + r.kind].empty() ? "" : ",") + r.id; // Personnel
    }

    /** The week pattern of a mask, emitted the first time it is met. */
    std::string pattern(std::uint64_t mask) {
        auto id = "S" + std::to_string(mask);
        if (m_patterns.insert(mask).second) {
            auto p = new_record<model::week_pattern>(id, m_school, at(0));
            p.code = std::to_string(mask);
            p.label = "Semaines " + week_ranges(mask);
            p.extensions["edt:Semaines"] = std::to_string(mask);
            if (m_week1) p.weeks = weeks_of(mask, *m_week1);
            emit(m_sink, std::move(p));
        }
        return id;
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    std::string m_file, m_school;
    std::optional<model::date> m_week1;
    std::map<int, std::pair<model::time_of_day, model::time_of_day>> m_places;
    std::vector<model::group> m_groups;
    std::vector<model::membership> m_pending_memberships;
    std::map<std::string, std::string> m_part_class;
    std::map<std::string, std::vector<std::string>> m_group_parts;
    std::map<std::string, std::set<std::string>> m_group_classes;
    std::map<std::string, std::vector<model::membership>> m_pupil_parts;
    std::set<std::string> m_guardians, m_unmapped;
    std::set<std::uint64_t> m_patterns;
    std::vector<pending_course> m_courses;
};

class edt_reader : public reader {
public:
    explicit edt_reader(const read_options& opt) : m_opt(opt) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        adapter_support::single_xml_reading reading(in, format_name, sink);
        if (in.head(in.entries().front()).find("<EXPORT_INDEX_EDUCATION") != std::string::npos) {
            // The encrypted container: its export is read like a plain one, positions in the decrypted XML.
            auto plain = edt::decrypt_container(reading.stream(), reading.file(), m_opt);
            reading.replace_stream(std::make_unique<std::istringstream>(std::move(plain)), reading.file() + " (decrypted)");
        }
        edt_mapper mapper(reading.records(), diags, reading.file());
        xml::events ev;
        ev.on_root = [&](const xml::element& root) {
            mapper.root(root);
            if (auto v = attr(root, "Version")) reading.metadata().extensions["edt:Version"] = *v;
        };
        ev.capture = [](const std::vector<std::string>& path) {
            return (path.size() == 2 && (path[1] == "AnneeScolaire" || path[1] == "GrilleHoraire")) || path.size() == 3;
        };
        ev.on_element = [&](xml::element&& e) { mapper.element(e); };
        reading.run(ev, m_opt, [&] { mapper.finish(); });
    }

private:
    read_options m_opt;
};

confidence identify_edt(const io::input& in) {
    if (in.entries().size() != 1) return confidence::no;
    auto head = in.head(in.entries().front(), 4096);
    auto has = [&](std::string_view s) { return head.find(s) != std::string::npos; };
    bool plain = has("<ExportEmploiDuTemps") && has(edt_namespace);
    bool encrypted = has("<EXPORT_INDEX_EDUCATION") && has(edt::container_namespace);
    return plain || encrypted ? confidence::yes : confidence::no;
}

} // namespace

void register_edt(registry& r) {
    r.add({.name = format_name,
           .title = "Index Education EDT: ENT export (ExportEmploiDuTemps), plain or in its encrypted container",
           .domains = {"structure", "people", "groups", "timetable"},
           .extensions = {"xml"},
           .media_type = "application/xml",
           .identify = identify_edt,
           .make_reader = [](const read_options& o) { return std::make_unique<edt_reader>(o); },
           .make_writer = {},
           .writes = {}});
}

} // namespace interop
