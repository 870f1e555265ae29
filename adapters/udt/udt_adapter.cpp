// UDT (timetable software) export: a zip of `UDCal_NN.xml` files, each a list of elements
// whose attributes are the fields. Calendar (`debut_eleve`, `fin_eleve`, `fermeture`), first
// ISO week (`init`), half-sequences with their times (`demi_seq`), rooms, teachers, subjects,
// divisions, groups, regroupings, co-teachings, sheets (`fiche`: day and half-sequence) and
// sheet lines (`ligfiche`: division, subject, teacher, room, group, weeks). `UDCal_12_NN.xml`
// holds the timetable from ISO week NN on. Consecutive half-sequences of one line on one day
// make one course.

#include "../common/week_cycle.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

namespace interop {
namespace {

constexpr const char* format_name = "udt";

using adapter_support::emit;
using adapter_support::new_record;
using adapter_support::small_number;

using fields = std::map<std::string, std::string, std::less<>>;

/** One element of interest: its name, attributes (or text), file and line. */
struct item {
    std::string name;
    fields f;
    std::string text;
    std::string file;
    std::uint64_t line = 0;
    int from_week = 0; ///< ISO week a `UDCal_12_NN` file starts at; 0 for the base timetable
    std::string get(std::string_view key) const {
        auto it = f.find(key);
        return it == f.end() ? std::string() : it->second;
    }
};

const std::set<std::string, std::less<>> wanted = {"annee", "debut_eleve", "fin_eleve", "fermeture", "init", "semaine", "salle", "prof", "mat",
                                                   "demi_seq", "div", "gpe", "rgpmt", "coens", "fiche", "ligfiche"};

/** `dd/mm/yyyy` (or ISO) → date. */
std::optional<model::date> udt_date(const std::string& text) {
    if (text.size() == 10 && text[2] == '/' && text[5] == '/') return model::parse_date(text.substr(6) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2));
    return model::parse_date(text);
}

/** `08h00`, `08:00`, `08:00:00` → minutes. */
std::optional<int> udt_time(const std::string& text) {
    static const std::regex clock(R"(^\s*(\d{1,2})[h:](\d{2})(:\d{2})?\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, clock)) return std::nullopt;
    int h = std::stoi(m[1]), mi = std::stoi(m[2]);
    if (h > 23 || mi > 59) return std::nullopt;
    return h * 60 + mi;
}

/** Monday of ISO week `week` of `year`. */
model::date iso_week_monday(int year, int week) { return model::add_days(timetable::monday_of({year, 1, 4}), 7 * (week - 1)); }

/** Reads every UDCal file of an input into items, in file order. */
std::vector<item> read_items(const io::input& in, const read_options& opt) {
    static const std::regex split_timetable(R"(udcal_12_([0-9]{2})\.xml$)");
    std::vector<item> out;
    for (const auto& e : in.entries()) {
        auto name = adapter_support::lower_ascii(std::filesystem::path(e.name).filename().string());
        if (!name.ends_with(".xml") || (!name.starts_with("udcal_") && name != "semaines.xml")) continue;
        std::smatch m;
        int from_week = std::regex_search(name, m, split_timetable) ? std::stoi(m[1]) : 0;
        auto file = in.describe(e);
        auto stream = in.open_entry(e);
        xml::events ev;
        ev.capture = [](const std::vector<std::string>& path) { return path.size() >= 2 && wanted.count(path.back()) && !wanted.count(path[path.size() - 2]); };
        ev.on_element = [&](xml::element&& x) {
            item i{x.name, {}, x.text, file, x.line, from_week};
            for (auto& [k, v] : x.attributes) i.f[k] = v;
            out.push_back(std::move(i));
        };
        xml::read(*stream, file, format_name, ev, adapter_support::xml_limits(opt));
    }
    return out;
}

/** A sheet line placed by its sheet: on which day, half-sequence and site. */
struct placed_line {
    const item* line;
    int day, half;
    std::string site;
};

class udt_mapper {
public:
    udt_mapper(io::record_sink& sink, diagnostics& diags, const read_options& opt, std::string name)
        : m_sink(sink), m_diags(diags), m_opt(opt), m_name(std::move(name)) {}

    void map(const std::vector<item>& items) {
        for (const auto& i : items) m_by_name[i.name].push_back(&i);
        if (m_by_name["ligfiche"].empty() && m_by_name["fiche"].empty())
            throw parse_error({m_name, 0, 0}, format_name, "no UDCal_11/UDCal_12 sheets (fiche, ligfiche): not a UDT export");
        school_year();
        half_sequences();
        resources();
        courses();
    }

private:
    model::provenance at(const item& i) const { return {format_name, i.file, i.line}; }
    [[noreturn]] void fail(const item& i, const std::string& problem) const { throw parse_error({i.file, i.line, 0}, format_name, problem); }

    const std::vector<const item*>& all(const std::string& name) { return m_by_name[name]; }

    std::string text_of(const std::string& name) {
        const auto& v = all(name);
        return v.empty() ? std::string() : v.front()->text;
    }

    void school_year() {
        auto first = udt_date(text_of("debut_eleve")), last = udt_date(text_of("fin_eleve"));
        if (first && last && *first <= *last) m_year = std::pair{*first, *last};
        if (m_opt.school_year) m_year = m_opt.school_year;
        for (const auto* init : all("init")) {
            auto week = init->get("premiere_semaine_ISO");
            if (auto n = small_number(week); n && *n >= 1 && *n <= 53 && m_year) m_first_week = *n;
            if (auto seq = small_number(init->get("duree_seq")); seq && *seq < 24 * 60) m_half_length = *seq / 2;
        }
        if (!m_year) {
            m_diags.add(severity::warning, "udt.no-dates", "", "no debut_eleve/fin_eleve (dd/mm/yyyy) and no --school-year: week sets and validity left out", {m_name, 0, 0});
            return;
        }
        auto y = week_cycle::academic_year(*m_year, m_opt.school, {format_name, m_name, 0});
        m_year_id = y.id;
        emit(m_sink, std::move(y));
        if (m_first_week == 0) m_first_week = iso_week(m_year->first);
        closures();
    }

    static int iso_week(model::date d) {
        auto thursday = model::add_days(timetable::monday_of(d), 3);
        return static_cast<int>((model::days_since_epoch(thursday) - model::days_since_epoch({thursday.year, 1, 1})) / 7) + 1;
    }

    /** The Monday of ISO week `week` inside the school year. */
    model::date week_monday(int week) const {
        int year = m_year->first.year + (week < m_first_week ? 1 : 0);
        return iso_week_monday(year, week);
    }

    void closures() {
        auto c = new_record<model::calendar>("udt-closures", m_opt.school, {format_name, m_name, 0});
        c.academic_year = m_year_id;
        for (const auto* f : all("fermeture")) {
            auto start = udt_date(f->get("debut")), end = udt_date(f->get("fin"));
            if (!start || !end || *end < *start) fail(*f, "fermeture needs debut and fin dates (dd/mm/yyyy), debut first");
            c.entries.push_back({model::calendar_entry_kind::closure, "Fermeture", *start, *end});
        }
        if (!c.entries.empty()) emit(m_sink, std::move(c));
    }

    /** Half-sequences by day, number and site; the grid of their distinct times. */
    void half_sequences() {
        std::map<int, std::pair<int, int>> grid;
        for (const auto* d : all("demi_seq")) {
            auto start = udt_time(d->get("hre_deb"));
            if (!start) continue; // a half-sequence without times holds no lesson
            auto end = udt_time(d->get("hre_fin"));
            int finish = end ? *end : *start + m_half_length;
            auto number = small_number(d->get("code"));
            if (!number) fail(*d, "demi_seq code '" + d->get("code") + "' is no number");
            m_halves[{d->get("code_jour"), *number, d->get("code_site")}] = {*start, finish};
            grid.emplace(*number, std::pair{*start, finish});
        }
        auto g = new_record<model::time_grid>("udt-demi-seq", m_opt.school, {format_name, m_name, 0});
        g.label = "Demi-séquences";
        for (const auto& [n, t] : grid) g.slots.push_back({n, {t.first}, {t.second}, std::nullopt});
        emit(m_sink, std::move(g));
    }

    void resources() {
        for (const auto* r : all("salle")) {
            auto k = new_record<model::room>(r->get("code"), m_opt.school, at(*r));
            k.code = r->get("code");
            k.name = r->get("nom").empty() ? k.code : r->get("nom");
            emit(m_sink, std::move(k));
        }
        for (const auto* s : all("mat")) {
            if (s->get("code").empty() || s->get("code") == "***") continue;
            auto k = new_record<model::subject>(s->get("code"), m_opt.school, at(*s));
            k.code = k.short_label = s->get("code");
            k.long_label = s->get("libelle");
            if (!s->get("code_gep1").empty()) k.extensions["udt:code_gep1"] = s->get("code_gep1");
            emit(m_sink, std::move(k));
        }
        for (const auto* p : all("prof")) {
            auto k = new_record<model::staff>(p->get("code"), m_opt.school, at(*p));
            k.last_name = p->get("nom");
            k.first_name = p->get("prenom");
            if (!p->get("epj").empty()) k.external_ids.push_back({"sts", p->get("epj")});
            if (!p->get("code_matppl").empty()) k.functions = {"ENS"}; // a person without main subject is no teacher
            emit(m_sink, std::move(k));
        }
        for (const auto* d : all("div")) {
            auto k = new_record<model::school_class>(d->get("code"), m_opt.school, at(*d));
            k.code = d->get("code");
            k.label = d->get("libelle").empty() ? k.code : d->get("libelle");
            if (!d->get("code_sts").empty()) k.external_ids.push_back({"sts", d->get("code_sts")});
            emit(m_sink, std::move(k));
        }
        for (const auto* g : all("gpe")) group(*g, g->get("code_div") + " Gr " + g->get("code"), {g->get("code_div")}, model::group_kind::half_class, g->get("code_sts"));
        for (const auto* r : all("rgpmt")) {
            std::vector<std::string> divisions{r->get("code_div")}; // and those of the lines taught to it
            for (const auto* l : all("ligfiche"))
                if ((l->get("rgpmt") == r->get("code") || l->get("rgpmt") == r->get("id")) && std::find(divisions.begin(), divisions.end(), l->get("div")) == divisions.end())
                    divisions.push_back(l->get("div"));
            group(*r, r->get("nom"), divisions, model::group_kind::other, "");
        }
        for (const auto* c : all("coens")) m_coteachers[c->get("lignefic")].insert(c->get("prof"));
    }

    void group(const item& i, const std::string& id, std::vector<std::string> divisions, model::group_kind kind, const std::string& sts) {
        if (id.empty() || !m_groups.insert(id).second) return;
        auto k = new_record<model::group>(id, m_opt.school, at(i));
        k.code = k.label = id;
        k.type = kind;
        std::erase(divisions, std::string());
        k.classes = std::move(divisions);
        if (!sts.empty()) k.external_ids.push_back({"sts", sts});
        emit(m_sink, std::move(k));
    }

    /** Sheet lines grouped by what they teach, on one day; consecutive half-sequences make one course. */
    void courses() {
        std::map<std::string, const item*> sheets;
        for (const auto* f : all("fiche")) sheets[f->get("code")] = f;
        std::map<std::tuple<std::string, int, int>, std::vector<placed_line>> runs; ///< key, from week, day
        for (const auto* l : all("ligfiche")) {
            if (l->get("mat").empty()) continue;
            auto sheet = sheets.find(l->get("fic"));
            if (sheet == sheets.end()) fail(*l, "ligfiche names sheet '" + l->get("fic") + "', which no fiche defines");
            const auto& f = *sheet->second;
            auto day = f.get("jour");
            auto half = small_number(f.get("demi_seq"));
            if (day.size() != 1 || day[0] < '1' || day[0] > '7' || !half) fail(f, "fiche needs a day 1–7 (jour) and a half-sequence number (demi_seq)");
            if (!m_halves.count({day, *half, f.get("site")}))
                fail(f, "fiche is placed on half-sequence " + f.get("demi_seq") + " of day " + day + ", which UDCal_07 does not time");
            std::string group = !l->get("rgpmt").empty() && l->get("rgpmt") != "0" ? "R" + l->get("rgpmt") : l->get("div") + "/" + l->get("gpe");
            auto key = group + '\n' + l->get("mat") + '\n' + l->get("prof") + '\n' + l->get("salle") + '\n' + l->get("semaines") + '\n' + f.get("site");
            runs[{key, l->from_week, day[0] - '0'}].push_back({l, day[0] - '0', *half, f.get("site")});
        }
        std::set<int> weeks;
        for (const auto& [k, _] : runs) weeks.insert(std::get<1>(k));
        std::vector<int> change_weeks(weeks.begin(), weeks.end());
        int n = 0;
        for (auto& [k, lines] : runs) {
            // Lines on one half-sequence are one lesson (a regrouping's divisions); consecutive half-sequences extend it.
            std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.half < b.half; });
            for (std::size_t i = 0; i < lines.size();) {
                std::size_t j = i + 1;
                while (j < lines.size() && (lines[j].half == lines[j - 1].half || lines[j].half == lines[j - 1].half + 1)) ++j;
                emit_course(lines, i, j, std::get<1>(k), change_weeks, ++n);
                i = j;
            }
        }
    }

    void emit_course(const std::vector<placed_line>& lines, std::size_t first, std::size_t end, int from_week, const std::vector<int>& change_weeks, int n) {
        const auto& l = *lines[first].line;
        char week[8];
        std::snprintf(week, sizeof week, "w%02d-", from_week % 100);
        auto c = new_record<model::course>("udt-" + std::string(from_week ? week : "") + std::to_string(n), m_opt.school, at(l));
        c.subject = l.get("mat");
        auto times = [&](const placed_line& p) { return m_halves.at({std::to_string(p.day), p.half, p.site}); };
        c.weekday = lines[first].day;
        c.start = {times(lines[first]).first};
        c.duration_minutes = times(lines[end - 1]).second - c.start.minutes;
        std::set<std::string> teachers;
        if (!l.get("prof").empty()) teachers.insert(l.get("prof"));
        for (std::size_t i = first; i < end; ++i)
            for (const auto* key : {"lignefic", "fic"})
                if (auto co = m_coteachers.find(lines[i].line->get(key)); co != m_coteachers.end()) teachers.insert(co->second.begin(), co->second.end());
        c.teachers.assign(teachers.begin(), teachers.end());
        if (!l.get("rgpmt").empty() && l.get("rgpmt") != "0") {
            for (const auto* r : all("rgpmt"))
                if (r->get("code") == l.get("rgpmt") || r->get("id") == l.get("rgpmt")) c.groups = {r->get("nom")};
        } else if (!l.get("gpe").empty()) {
            c.groups = {l.get("div") + " Gr " + l.get("gpe")};
        } else {
            for (std::size_t i = first; i < end; ++i)
                if (auto div = lines[i].line->get("div"); !div.empty() && std::find(c.classes.begin(), c.classes.end(), div) == c.classes.end()) c.classes.push_back(div);
        }
        if (!l.get("salle").empty()) c.rooms = {l.get("salle")};
        weeks(c, l);
        validity(c, from_week, change_weeks);
        emit(m_sink, std::move(c));
    }

    /** `semaines` of a line as positions from the first week (1 = taught); anything else is every week. */
    void weeks(model::course& c, const item& l) {
        auto bits = l.get("semaines");
        if (bits.empty() || week_cycle::every_week(bits)) return;
        if (bits.find_first_not_of("01") != std::string::npos) {
            if (m_reported.insert("semaines").second)
                m_diags.add(severity::warning, "udt.semaines", "", "ligfiche semaines '" + bits + "' is no string of 0 and 1: its courses are taken as every week", {l.file, l.line, 0});
            return;
        }
        auto id = "udt-weeks-" + bits;
        c.week_pattern = id;
        if (!m_patterns.insert(id).second) return;
        auto p = new_record<model::week_pattern>(id, m_opt.school, at(l));
        p.code = p.label = bits;
        p.extensions["udt:semaines"] = bits;
        if (m_year) {
            auto first = iso_week_monday(m_year->first.year, m_first_week);
            for (std::size_t i = 0; i < bits.size(); ++i)
                if (bits[i] == '1') p.weeks.push_back(model::add_days(first, 7 * static_cast<int>(i)));
        }
        emit(m_sink, std::move(p));
    }

    /** A timetable from week NN runs until the week before the next one starts; the base one from the first week. */
    void validity(model::course& c, int from_week, const std::vector<int>& change_weeks) const {
        if (!m_year || change_weeks.size() < 2) return;
        auto order = [&](int w) { return w == 0 ? 0 : (w - m_first_week + 53) % 53 + 1; };
        std::optional<int> next;
        for (int w : change_weeks)
            if (order(w) > order(from_week) && (!next || order(w) < order(*next))) next = w;
        if (from_week != 0) c.valid_from = week_monday(from_week);
        if (next) c.valid_until = model::add_days(week_monday(*next), -1);
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    const read_options& m_opt;
    std::string m_name;
    std::map<std::string, std::vector<const item*>> m_by_name;
    std::optional<std::pair<model::date, model::date>> m_year;
    std::string m_year_id;
    int m_first_week = 0;
    int m_half_length = 30;
    std::map<std::tuple<std::string, int, std::string>, std::pair<int, int>> m_halves; ///< day, number, site → start, end
    std::map<std::string, std::set<std::string>> m_coteachers;
    std::set<std::string> m_groups, m_patterns, m_reported;
};

class udt_reader : public reader {
public:
    explicit udt_reader(const read_options& opt) : m_opt(opt) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        auto items = read_items(in, m_opt);
        model::metadata meta;
        meta.source = format_name;
        adapter_support::metadata_first_sink first(sink, meta);
        udt_mapper(first, diags, m_opt, in.name()).map(items);
        first.on_end();
        sink.on_end();
    }

private:
    read_options m_opt;
};

confidence identify_udt(const io::input& in) {
    for (const auto& e : in.entries())
        if (adapter_support::lower_ascii(std::filesystem::path(e.name).filename().string()).starts_with("udcal_")) return confidence::yes;
    return confidence::no;
}

} // namespace

void register_udt(registry& r) {
    r.add({.name = format_name,
           .title = "UDT timetable export (zip of UDCal_*.xml)",
           .domains = {"timetable", "groups", "people"},
           .extensions = {"zip"},
           .media_type = "application/zip",
           .identify = identify_udt,
           .make_reader = [](const read_options& o) { return std::make_unique<udt_reader>(o); },
           .make_writer = {},
           .writes = {}});
}

} // namespace interop
