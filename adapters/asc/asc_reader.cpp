// aSc Timetables XML → model: periods as the time grid, subjects, teachers, classrooms,
// classes, groups, students; lessons placed by cards become weekly courses, consecutive
// periods of one lesson on one day joined into one course; week bit strings become week
// patterns, laid on the school year when it is given.

#include "asc_format.hpp"

#include "../common/week_cycle.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace interop::asc {

std::vector<std::string> split_ids(std::string_view list) {
    auto ids = adapter_support::split_nonempty(list, ',');
    for (auto it = ids.begin(); it != ids.end();) // a room named twice on a card (aSc writes it so) is one room
        it = std::find(ids.begin(), it, *it) != it ? ids.erase(it) : std::next(it);
    return ids;
}

std::optional<model::time_of_day> parse_clock(std::string_view text) {
    if (text.size() == 4 && text[1] == ':') return model::parse_time_of_day("0" + std::string(text));
    return model::parse_time_of_day(text);
}

namespace {

using adapter_support::emit;
using adapter_support::new_record;

/** A table row: its attributes by column name. */
struct row {
    std::map<std::string, std::string, std::less<>> cells;
    std::uint64_t line = 0;
    std::string get(std::string_view column) const {
        auto it = cells.find(column);
        return it == cells.end() ? std::string() : it->second;
    }
};

/** One card: a lesson in one period of some days and weeks. */
struct card {
    std::string lesson, days, weeks, terms, rooms;
    int period = 0;
    std::uint64_t line = 0;
};

class asc_mapper {
public:
    asc_mapper(io::record_sink& sink, diagnostics& diags, const read_options& opt, std::string file)
        : m_sink(sink), m_diags(diags), m_opt(opt), m_school(opt.school), m_file(std::move(file)) {}

    void set_school(const std::string& uai) { m_school = uai; }
    /** Our writer names the time grid the periods come from. */
    void set_grid_id(const std::string& id) { m_grid_id = id; }
    void add_row(const std::string& table, row&& r) { m_tables[table].push_back(std::move(r)); }

    void finish() {
        if (m_opt.school_year) emit(m_sink, week_cycle::academic_year(*m_opt.school_year, m_school, at(0)));
        periods();
        simple_tables();
        groups();
        week_patterns();
        courses();
    }

private:
    model::provenance at(std::uint64_t line) const { return {format_name, m_file, line}; }
    const std::vector<row>& table(const std::string& name) { return m_tables[name]; }

    void warn(std::string code, std::string record, std::string message, std::uint64_t line, severity s = severity::warning) {
        m_diags.add(s, std::move(code), std::move(record), std::move(message), {m_file, line, 0});
    }

    template <class K> K record(const row& r, const std::string& id) {
        auto k = new_record<K>(id, m_school, at(r.line));
        k.external_ids.push_back({"asc", id});
        return k;
    }

    void periods() {
        auto grid = new_record<model::time_grid>(m_grid_id, m_school, at(0));
        grid.label = "Periods";
        for (const auto& r : table("periods")) {
            auto start = parse_clock(r.get("starttime")), end = parse_clock(r.get("endtime"));
            int number = std::atoi(r.get("period").c_str());
            if (!start || !end || number <= 0) {
                warn("asc.period", "", "period '" + r.get("period") + "' has no valid number, start or end time; left out", r.line);
                continue;
            }
            m_periods[number] = {*start, *end};
            grid.slots.push_back({number, *start, *end, std::nullopt});
        }
        if (!grid.slots.empty()) emit(m_sink, std::move(grid));
    }

    void simple_tables() {
        for (const auto& r : table("subjects")) {
            auto s = record<model::subject>(r, r.get("id"));
            s.code = r.get("short");
            s.short_label = r.get("short");
            s.long_label = r.get("name");
            emit(m_sink, std::move(s));
        }
        for (const auto& r : table("teachers")) {
            auto s = record<model::staff>(r, r.get("id"));
            s.last_name = r.get("lastname").empty() ? r.get("name") : r.get("lastname");
            s.first_name = r.get("firstname");
            if (auto email = r.get("email"); !email.empty()) s.email = email;
            s.functions = {"ENS"};
            if (auto code = r.get("short"); !code.empty()) s.extensions["asc:short"] = code;
            emit(m_sink, std::move(s));
        }
        for (const auto& r : table("classrooms")) {
            auto room = record<model::room>(r, r.get("id"));
            room.code = r.get("short");
            room.name = r.get("name");
            if (auto cap = adapter_support::small_number(r.get("capacity"))) room.capacity = *cap;
            emit(m_sink, std::move(room));
        }
        for (const auto& r : table("classes")) {
            auto c = record<model::school_class>(r, r.get("id"));
            c.code = r.get("short");
            c.label = r.get("name");
            m_class_codes[c.id] = c.code;
            emit(m_sink, std::move(c));
        }
        for (const auto& r : table("students")) {
            auto s = record<model::student>(r, r.get("id"));
            s.last_name = r.get("lastname").empty() ? r.get("name") : r.get("lastname");
            s.first_name = r.get("firstname");
            auto class_id = r.get("classid");
            emit(m_sink, std::move(s));
            if (!class_id.empty()) member(r, r.get("id"), class_id, model::audience_kind::class_);
        }
    }

    void member(const row& r, const std::string& person, const std::string& group, model::audience_kind kind) {
        auto m = new_record<model::membership>(person + "@" + group, m_school, at(r.line));
        m.person = person;
        m.group = group;
        m.group_kind = kind;
        emit(m_sink, std::move(m));
    }

    /**
     * Groups other than "Entire class": a course for the entire class names the class. Rows
     * sharing an id are one group drawing from several classes (as the aSc writer writes it).
     */
    void groups() {
        std::map<std::string, model::group> merged;
        std::vector<std::string> order;
        for (const auto& r : table("groups")) {
            auto id = r.get("id");
            if (r.get("entireclass") == "1") {
                m_entire_class.insert(id);
                continue;
            }
            auto class_id = r.get("classid");
            auto [it, added] = merged.try_emplace(id, record<model::group>(r, id));
            auto& g = it->second;
            if (added) {
                order.push_back(id);
                g.code = r.get("name");
                g.label = (m_class_codes.count(class_id) ? m_class_codes[class_id] + " " : "") + r.get("name");
                g.type = std::atoi(r.get("divisiontag").c_str()) > 0 ? model::group_kind::half_class : model::group_kind::other;
            }
            if (!class_id.empty()) {
                g.classes.push_back(class_id);
                m_group_classes[id].insert(class_id);
            }
            for (const auto& student : split_ids(r.get("studentids"))) member(r, student, id, model::audience_kind::group);
        }
        for (const auto& id : order) emit(m_sink, std::move(merged.at(id)));
    }

    /** One pattern per weeks bit string used by a card and not every week. */
    void week_patterns() {
        std::map<std::string, const row*> defined;
        for (const auto& r : table("weeksdefs"))
            if (r.get("weeks").find(',') == std::string::npos) defined.emplace(r.get("weeks"), &r);
        std::set<std::string> used;
        for (const auto& r : table("cards"))
            if (!week_cycle::every_week(r.get("weeks"))) used.insert(r.get("weeks"));
        for (const auto& bits : used) {
            auto def = defined.find(bits);
            if (def != defined.end()) m_pattern_ids[bits] = def->second->get("id");
            auto p = new_record<model::week_pattern>(pattern_id(bits), m_school, at(def != defined.end() ? def->second->line : 0));
            p.code = def != defined.end() ? def->second->get("short") : bits;
            p.label = def != defined.end() ? def->second->get("name") : "Weeks " + bits;
            p.extensions["asc:weeks"] = bits;
            if (m_opt.school_year) p.weeks = week_cycle::mondays(bits, m_opt.school_year->first, m_opt.school_year->second);
            emit(m_sink, std::move(p));
        }
        if (!used.empty() && !m_opt.school_year)
            warn("asc.no-dates", "", "the file gives week cycles but no dates: week patterns list no weeks (give the school year to lay them on it)", 0);
    }

    /** The weeksdef's id when one defines exactly these weeks, else one made of the bits. */
    std::string pattern_id(const std::string& bits) const {
        auto it = m_pattern_ids.find(bits);
        return it != m_pattern_ids.end() && !it->second.empty() ? it->second : "asc-weeks-" + bits;
    }

    std::vector<card> cards() {
        std::vector<card> out;
        for (const auto& r : table("cards"))
            out.push_back({r.get("lessonid"), r.get("days"), r.get("weeks"), r.get("terms"), r.get("classroomids"), std::atoi(r.get("period").c_str()), r.line});
        std::sort(out.begin(), out.end(), [](const card& a, const card& b) {
            return std::tie(a.lesson, a.days, a.weeks, a.terms, a.rooms, a.period) < std::tie(b.lesson, b.days, b.weeks, b.terms, b.rooms, b.period);
        });
        return out;
    }

    static bool continues(const card& run_last, const card& c) {
        return c.lesson == run_last.lesson && c.days == run_last.days && c.weeks == run_last.weeks && c.terms == run_last.terms &&
               c.rooms == run_last.rooms && c.period == run_last.period + 1;
    }

    /** Consecutive cards of one lesson on the same days, weeks and rooms make one course a day. */
    void courses() {
        std::map<std::string, const row*> lessons;
        for (const auto& r : table("lessons")) lessons.emplace(r.get("id"), &r);
        auto all = cards();
        std::vector<std::pair<const card*, const card*>> runs;
        std::map<std::string, std::size_t> courses_of_lesson;
        for (std::size_t i = 0; i < all.size();) {
            std::size_t j = i + 1;
            while (j < all.size() && continues(all[j - 1], all[j])) ++j;
            runs.emplace_back(&all[i], &all[j - 1]);
            courses_of_lesson[all[i].lesson] += static_cast<std::size_t>(std::count(all[i].days.begin(), all[i].days.end(), '1'));
            i = j;
        }
        for (const auto& [first, last] : runs) place(*first, *last, lessons, courses_of_lesson[first->lesson] == 1);
    }

    /** The courses of a run of cards; a lesson placed once keeps its id, others get day and period after it. */
    void place(const card& first, const card& last, const std::map<std::string, const row*>& lessons, bool only_course) {
        auto lesson = lessons.find(first.lesson);
        if (lesson == lessons.end()) {
            warn("asc.ref", "", "card for lesson " + first.lesson + ", which the lessons table does not hold; left out", first.line, severity::error);
            return;
        }
        auto from = period(first), to = period(last);
        if (!from || !to) return;
        for (std::size_t day = 0; day < first.days.size(); ++day) {
            if (first.days[day] != '1') continue;
            auto c = course_of(*lesson->second, first, static_cast<int>(day) + 1, only_course);
            c.start = from->first;
            c.duration_minutes = to->second.minutes - from->first.minutes;
            emit(m_sink, std::move(c));
        }
    }

    /**
     * Start and end of a card's period. Real exports place cards after the last period of the
     * table: those periods continue the last one's length, with a warning.
     */
    std::optional<std::pair<model::time_of_day, model::time_of_day>> period(const card& c) {
        if (auto it = m_periods.find(c.period); it != m_periods.end()) return it->second;
        if (m_periods.empty() || c.period < m_periods.rbegin()->first) {
            warn("asc.ref", "", "card in period " + std::to_string(c.period) + ", which the periods table does not hold; left out", c.line,
                 severity::error);
            return std::nullopt;
        }
        auto [last_number, last] = *m_periods.rbegin();
        int length = last.second.minutes - last.first.minutes;
        int start = last.second.minutes + (c.period - last_number - 1) * length;
        if (start + length > 24 * 60) {
            warn("asc.ref", "", "card in period " + std::to_string(c.period) + ", past the end of the day; left out", c.line, severity::error);
            return std::nullopt;
        }
        if (m_extrapolated.insert(c.period).second)
            warn("asc.period", "", "period " + std::to_string(c.period) + " is not in the periods table: taken as " + std::to_string(length) +
                                       " minutes after period " + std::to_string(c.period - 1), c.line);
        return std::pair{model::time_of_day{start}, model::time_of_day{start + length}};
    }

    model::course course_of(const row& lesson, const card& first, int weekday, bool only_course) {
        std::string id = first.lesson;
        if (!only_course) id += "-" + std::to_string(weekday) + "-" + std::to_string(first.period);
        if (!only_course && !week_cycle::every_week(first.weeks)) id += "-" + first.weeks;
        auto c = record<model::course>(lesson, id);
        // The lesson id is this course's external id when the lesson makes one course; a lesson
        // split over several days or periods keeps it in asc:lesson (one external id, one record).
        c.external_ids.clear();
        if (only_course) c.external_ids = {{"asc", first.lesson}};
        else c.extensions["asc:lesson"] = first.lesson;
        c.provenance.line = first.line;
        c.subject = lesson.get("subjectid");
        c.teachers = split_ids(lesson.get("teacherids"));
        // A class attends whole unless one of its own groups is named: then only that group does.
        std::set<std::string> split_classes;
        for (auto& g : split_ids(lesson.get("groupids"))) {
            if (m_entire_class.count(g)) continue;
            if (auto it = m_group_classes.find(g); it != m_group_classes.end()) split_classes.insert(it->second.begin(), it->second.end());
            c.groups.push_back(std::move(g));
        }
        for (auto& k : split_ids(lesson.get("classids")))
            if (!split_classes.count(k)) c.classes.push_back(std::move(k));
        c.rooms = split_ids(first.rooms);
        c.weekday = weekday;
        if (!week_cycle::every_week(first.weeks)) c.week_pattern = pattern_id(first.weeks);
        if (!first.terms.empty() && !week_cycle::every_week(first.terms)) c.extensions["asc:terms"] = first.terms;
        return c;
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    const read_options& m_opt;
    std::string m_school;
    std::string m_file;
    std::map<std::string, std::vector<row>> m_tables;
    std::map<int, std::pair<model::time_of_day, model::time_of_day>> m_periods;
    std::map<std::string, std::string> m_class_codes;
    std::set<std::string> m_entire_class;
    std::map<std::string, std::set<std::string>> m_group_classes;
    std::set<int> m_extrapolated;
    std::map<std::string, std::string> m_pattern_ids;
    std::string m_grid_id = "asc-periods";
};

class asc_reader : public reader {
public:
    explicit asc_reader(const read_options& opt) : m_opt(opt) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        adapter_support::single_xml_reading reading(in, format_name, sink);
        const auto& file = reading.file();
        auto opt = m_opt;
        asc_mapper mapper(reading.records(), diags, opt, file);
        xml::events ev;
        ev.on_root = [&](const xml::element& root) {
            if (root.name != "timetable") throw parse_error({file, root.line, 0}, format_name, "root element is " + root.name + ", not timetable");
            if (const auto* name = root.attribute("displayname")) reading.metadata().extensions["asc:displayname"] = *name;
            // Written by our writer: aSc has no place for the school, the time grid's id or the school year.
            if (const auto* uai = root.attribute("school"); uai && m_opt.school.empty()) mapper.set_school(*uai);
            if (const auto* grid = root.attribute("timegrid")) mapper.set_grid_id(*grid);
            if (const auto* year = root.attribute("year"); year && !opt.school_year) opt.school_year = week_cycle::parse_span(*year);
        };
        std::string table; // the element holding the row: periods, cards, …
        ev.capture = [&](const std::vector<std::string>& path) {
            if (path.size() != 3) return false;
            table = path[1];
            return true;
        };
        ev.on_element = [&](xml::element&& e) {
            row r{{}, e.line};
            for (auto& [name, value] : e.attributes) r.cells.emplace(std::move(name), std::move(value));
            mapper.add_row(table, std::move(r));
        };
        reading.run(ev, m_opt, [&] { mapper.finish(); });
    }

private:
    read_options m_opt;
};

} // namespace

std::unique_ptr<reader> make_reader(const read_options& opt) { return std::make_unique<asc_reader>(opt); }

} // namespace interop::asc
