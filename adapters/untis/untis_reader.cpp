// Untis GPU exports read from one file, a folder or a zip: `GPU001` (the timetable: lesson
// number, class, teacher, subject, room, day, period; one line per class and period) makes the
// courses; beside it, `GPU002` gives each lesson's validity, week type and student group,
// `GPU003`–`GPU006` the names of classes, teachers, rooms and subjects, and our writer's
// `interop.txt` what GPU files have no place for.

#include "untis_format.hpp"

#include "../common/week_cycle.hpp"

#include <filesystem>
#include <interop/adapter/support.hpp>
#include <interop/csv/reader.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

namespace interop::untis {
namespace {

using adapter_support::emit;
using adapter_support::new_record;

/** The separator of a GPU line: the most frequent of `;`, `,` and tab. */
char separator_of(std::string_view line) {
    char best = ';';
    std::ptrdiff_t most = -1;
    for (char c : {';', ',', '\t'})
        if (auto n = std::count(line.begin(), line.end(), c); n > most) most = n, best = c;
    return best;
}

std::vector<std::string> split_line(std::string_view line, char sep) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == sep && !quoted) out.emplace_back();
        else if (c != '\r') out.back().push_back(c);
    }
    return out;
}

bool is_number(std::string_view s) { return !s.empty() && s.size() < 10 && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }); }

/** A GPU001 line: number; class; teacher; subject; room; day 1-7; period; … */
bool gpu001_line(std::string_view line) {
    auto f = split_line(line.substr(0, line.find('\n')), separator_of(line.substr(0, line.find('\n'))));
    return f.size() >= 7 && f.size() <= 12 && is_number(f[0]) && f[5].size() == 1 && f[5][0] >= '1' && f[5][0] <= '7' && is_number(f[6]);
}

/** The entry whose file name holds `stem` (`GPU002`, `interop.txt`), any case. */
const io::input::entry* entry_named(const io::input& in, std::string stem) {
    for (auto& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const auto& e : in.entries()) {
        auto name = std::filesystem::path(e.name).filename().string();
        for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (name.find(stem) != std::string::npos) return &e;
    }
    return nullptr;
}

/** `20190201` → a date. */
std::optional<model::date> compact_date(const std::string& s) {
    if (s.size() != 8 || !is_number(s)) return std::nullopt;
    return model::parse_date(s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2));
}

/** The lesson taught in one period: who, to whom, where. */
struct period_use {
    std::set<std::string> classes, teachers, rooms;
    std::string subject;
    std::uint64_t line = 0;
    bool same_resources(const period_use& o) const { return classes == o.classes && teachers == o.teachers && rooms == o.rooms && subject == o.subject; }
};

/** What GPU002 says of a lesson. */
struct lesson_info {
    std::string week_type;
    std::optional<model::date> from, until;
    std::map<std::string, std::set<std::string>> groups; ///< per subject: a coupled lesson's lines name each its own group

    /** The groups of the lesson's lines of `subject`; all of the lesson's when no line is of that subject. */
    std::set<std::string> groups_of(const std::string& subject) const {
        if (auto it = groups.find(subject); it != groups.end()) return it->second;
        std::set<std::string> all;
        for (const auto& [_, g] : groups) all.insert(g.begin(), g.end());
        return all;
    }
};

/** What our writer's `interop.txt` says. */
struct our_notes {
    std::string grid;
    std::map<int, std::pair<int, int>> periods; ///< number → start, end minutes
    std::map<std::string, std::pair<std::string, std::string>> weeks; ///< pattern → bits, label
    std::map<std::string, std::string> courses; ///< lesson number → course id
};

struct teacher_names {
    std::string last, first, email;
};

/** One reading: the side files' contents, then the timetable. */
class untis_reading {
public:
    explicit untis_reading(const read_options& opt) : m_opt(opt) {}

    void run(const io::input& in, io::record_sink& sink, diagnostics& diags) {
        const auto* entry = gpu001_entry(in);
        if (!entry) throw parse_error({in.name(), 0, 0}, format_name, "no GPU001 timetable file (number;class;teacher;subject;room;day;period)");
        m_file = in.describe(*entry);
        m_diags = &diags;
        model::metadata meta;
        meta.source = format_name;
        adapter_support::metadata_first_sink first(sink, meta);
        read_side_files(in);
        auto uses = read_gpu001(in, *entry);
        emit_records(first, uses);
        first.on_end();
        sink.on_end();
    }

private:
    /**
     * Lesson, subject, day, period. A lesson number with several subjects in one period is Untis's
     * coupling (a split class: `7;"09a";"Form";"F6";…` and `7;"09a";"Mühl";"L6";…`): one course
     * each, not the first subject for all.
     */
    using key = std::tuple<std::string, std::string, int, int>;
    using row_handler = std::function<void(const std::vector<std::string>&, std::uint64_t)>;

    /** Calls `handle` with each non-blank row of an entry. */
    void each_row(const io::input& in, const io::input::entry& entry, const row_handler& handle) {
        auto stream = in.open_entry(entry);
        auto file = in.describe(entry);
        csv::reader rows(*stream, file, format_name, {.separator = separator_of(in.head(entry, 512)), .encoding = csv::encoding::automatic});
        std::vector<std::string> row;
        while (rows.next(row))
            if (row.size() > 1 || !row[0].empty()) handle(row, rows.line());
    }

    [[noreturn]] void fail(const io::input& in, const io::input::entry& entry, std::uint64_t line, const std::string& problem) const {
        throw parse_error({in.describe(entry), line, 0}, format_name, problem);
    }

    void read_side_files(const io::input& in) {
        if (const auto* e = entry_named(in, our_file)) read_our_notes(in, *e);
        if (const auto* e = entry_named(in, "GPU002")) read_lessons(in, *e);
        auto names = [&](const char* stem, std::map<std::string, std::string>& into) {
            if (const auto* e = entry_named(in, stem))
                each_row(in, *e, [&](const auto& row, auto) {
                    if (row.size() > 1) into[row[0]] = row[1];
                });
        };
        names("GPU003", m_class_names);
        names("GPU006", m_subject_names);
        if (const auto* e = entry_named(in, "GPU004"))
            each_row(in, *e, [&](const auto& row, auto) { m_teachers[row[0]] = {row.size() > 1 ? row[1] : "", row.size() > 28 ? row[28] : "", row.size() > 32 ? row[32] : ""}; });
        if (const auto* e = entry_named(in, "GPU005"))
            each_row(in, *e, [&](const auto& row, auto) {
                m_rooms[row[0]] = {row.size() > 1 ? row[1] : "", row.size() > 7 && is_number(row[7]) ? std::optional<int>(std::stoi(row[7])) : std::nullopt};
            });
    }

    void read_our_notes(const io::input& in, const io::input::entry& entry) {
        each_row(in, entry, [&](const std::vector<std::string>& row, std::uint64_t line) {
            const auto& k = row[0];
            auto need = [&](std::size_t n) {
                if (row.size() < n) fail(in, entry, line, "'" + k + "' needs " + std::to_string(n - 1) + " values");
            };
            if (k == "school" && (need(2), m_opt.school.empty())) m_opt.school = row[1];
            else if (k == "year" && (need(2), !m_opt.school_year)) m_opt.school_year = week_cycle::parse_span(row[1]);
            else if (k == "grid") need(2), m_notes.grid = row[1];
            else if (k == "weeks") need(3), m_notes.weeks[row[1]] = {row[2], row.size() > 3 ? row[3] : row[1]};
            else if (k == "course") need(3), m_notes.courses[row[1]] = row[2];
            else if (k == "period") {
                need(4);
                auto start = model::parse_time_of_day(row[2]), end = model::parse_time_of_day(row[3]);
                if (!is_number(row[1]) || !start || !end || end->minutes <= start->minutes) fail(in, entry, line, "period needs a number, a start and a later end (HH:MM)");
                m_notes.periods[std::stoi(row[1])] = {start->minutes, end->minutes};
            }
        });
    }

    /** GPU002: lesson number, …, week type (12th field), valid from/until (15th, 16th), student group (42nd). */
    void read_lessons(const io::input& in, const io::input::entry& entry) {
        each_row(in, entry, [&](const std::vector<std::string>& row, std::uint64_t line) {
            if (row.size() <= gpu002::until || !is_number(row[gpu002::lesson])) fail(in, entry, line, "expected a GPU002 lesson line (number, hours, …, valid from, valid until, …)");
            auto& info = m_lessons[row[gpu002::lesson]];
            if (!row[gpu002::week_type].empty()) info.week_type = row[gpu002::week_type];
            for (auto [field, date] : {std::pair{gpu002::from, &info.from}, {gpu002::until, &info.until}}) {
                if (row[field].empty()) continue;
                *date = compact_date(row[field]);
                if (!*date) fail(in, entry, line, "field " + std::to_string(field + 1) + " '" + row[field] + "' is no date (yyyymmdd)");
            }
            info.groups[row[gpu002::subject]]; // this subject's lines name their groups, none when the class attends whole
            if (row.size() > gpu002::student_group && !row[gpu002::student_group].empty() &&
                row[gpu002::student_group] != row[gpu002::class_] + "_" + row[gpu002::subject]) // Untis's default name says nothing more
                for (auto& g : adapter_support::split_nonempty(row[gpu002::student_group], '~')) {
                    info.groups[row[gpu002::subject]].insert(g);
                    if (!row[gpu002::class_].empty()) m_group_classes[g].insert(row[gpu002::class_]);
                }
        });
    }


    std::map<key, period_use> read_gpu001(const io::input& in, const io::input::entry& entry) {
        std::map<key, period_use> uses;
        each_row(in, entry, [&](const std::vector<std::string>& row, std::uint64_t line) {
            if (row.size() < 7 || !is_number(row[0]) || !is_number(row[5]) || !is_number(row[6]))
                fail(in, entry, line, "expected number;class;teacher;subject;room;day;period");
            int day = std::stoi(row[5]), period = std::stoi(row[6]);
            if (day < 1 || day > 7 || period < 1 || period > max_periods)
                fail(in, entry, line, "day " + row[5] + " or period " + row[6] + " out of range (days 1 to 7, periods 1 to " + std::to_string(max_periods) + ")");
            auto& use = uses[{row[0], row[3], day, period}];
            if (use.line == 0) use.line = line;
            for (auto [set, value] : {std::pair{&use.classes, row[1]}, {&use.teachers, row[2]}, {&use.rooms, row[4]}})
                if (!value.empty()) set->insert(value);
            use.subject = row[3];
        });
        return uses;
    }

    model::provenance where() const { return {format_name, m_file, 0}; }

    void emit_records(io::record_sink& sink, const std::map<key, period_use>& uses) {
        if (m_opt.school_year) emit(sink, week_cycle::academic_year(*m_opt.school_year, m_opt.school, where()));
        std::set<std::string> classes, teachers, subjects, rooms;
        int last_period = 0;
        for (const auto& [k, use] : uses) {
            classes.insert(use.classes.begin(), use.classes.end());
            teachers.insert(use.teachers.begin(), use.teachers.end());
            rooms.insert(use.rooms.begin(), use.rooms.end());
            if (!use.subject.empty()) subjects.insert(use.subject);
            last_period = std::max(last_period, std::get<3>(k));
        }
        for (auto* names : {&m_class_names, &m_subject_names})
            for (const auto& [code, _] : *names) (names == &m_class_names ? classes : subjects).insert(code);
        for (const auto& [code, _] : m_teachers) teachers.insert(code);
        for (const auto& [code, _] : m_rooms) rooms.insert(code);
        emit_grid(sink, last_period);
        emit_resources(sink, classes, teachers, subjects, rooms);
        emit_patterns(sink);
        emit_courses(sink, uses);
    }

    void emit_resources(io::record_sink& sink, const std::set<std::string>& classes, const std::set<std::string>& teachers, const std::set<std::string>& subjects,
                        const std::set<std::string>& rooms) {
        auto named = [](const std::map<std::string, std::string>& names, const std::string& code) {
            auto it = names.find(code);
            return it == names.end() || it->second.empty() ? code : it->second;
        };
        for (const auto& s : subjects) {
            auto r = new_record<model::subject>(s, m_opt.school, where());
            r.code = r.short_label = s;
            const auto name = m_subject_names.find(s); // a subject GPU006 lists keeps the name it gives, none too
            r.long_label = name == m_subject_names.end() ? s : name->second;
            emit(sink, std::move(r));
        }
        for (const auto& t : teachers) {
            auto r = new_record<model::staff>(t, m_opt.school, where());
            auto it = m_teachers.find(t);
            r.last_name = it != m_teachers.end() ? it->second.last : t; // a teacher GPU004 lists keeps the names it gives, none too
            if (it != m_teachers.end()) r.first_name = it->second.first;
            if (it != m_teachers.end() && !it->second.email.empty()) r.email = it->second.email;
            r.functions = {"ENS"};
            emit(sink, std::move(r));
        }
        for (const auto& c : classes) {
            auto r = new_record<model::school_class>(c, m_opt.school, where());
            r.code = c;
            r.label = named(m_class_names, c);
            emit(sink, std::move(r));
        }
        for (const auto& [g, of] : m_group_classes) {
            auto r = new_record<model::group>(g, m_opt.school, where());
            r.code = r.label = g;
            r.classes.assign(of.begin(), of.end());
            emit(sink, std::move(r));
        }
        for (const auto& room : rooms) {
            auto r = new_record<model::room>(room, m_opt.school, where());
            r.code = room;
            auto it = m_rooms.find(room);
            r.name = it != m_rooms.end() && !it->second.first.empty() ? it->second.first : room;
            if (it != m_rooms.end()) r.capacity = it->second.second;
            emit(sink, std::move(r));
        }
    }

    void emit_grid(io::record_sink& sink, int periods) {
        auto grid = new_record<model::time_grid>(m_notes.grid.empty() ? "untis-periods" : m_notes.grid, m_opt.school, where());
        grid.label = "Stunden";
        if (m_notes.periods.empty()) m_diags->add(severity::warning, "untis.no-times", "", "GPU files give periods, not their times: periods placed hourly from 08:00", {m_file, 0, 0});
        for (int p = 1; p <= std::max(periods, m_notes.periods.empty() ? 0 : m_notes.periods.rbegin()->first); ++p)
            grid.slots.push_back({p, {start_of(p)}, {end_of(p)}, std::nullopt});
        emit(sink, std::move(grid));
    }

    int start_of(int period) const {
        auto it = m_notes.periods.find(period);
        return it != m_notes.periods.end() ? it->second.first : 8 * 60 + (period - 1) * 60;
    }
    int end_of(int period) const {
        auto it = m_notes.periods.find(period);
        return it != m_notes.periods.end() ? it->second.second : start_of(period) + 60;
    }

    /** Week types of GPU002: cycles from our notes, else A, B, C, D as positions of a cycle of as many weeks as letters used. */
    void emit_patterns(io::record_sink& sink) {
        std::set<std::string> types;
        for (const auto& [_, info] : m_lessons)
            if (!info.week_type.empty()) types.insert(info.week_type);
        for (const auto& type : types) {
            auto p = new_record<model::week_pattern>(type, m_opt.school, where());
            p.code = type;
            std::string bits;
            if (auto it = m_notes.weeks.find(type); it != m_notes.weeks.end()) {
                bits = it->second.first;
                p.label = it->second.second;
            } else if (type.size() == 1 && type[0] >= 'A' && type[0] <= 'D') {
                bits.assign(types.size(), '0');
                bits[static_cast<std::size_t>(std::distance(types.begin(), types.find(type)))] = '1';
                p.label = "Woche " + type;
            }
            if (bits.empty()) {
                m_diags->add(severity::warning, "untis.week-type", "", "week type '" + type + "' is no letter A–D: its lessons are taken as every week", {m_file, 0, 0});
                continue;
            }
            p.extensions["untis:weeks"] = bits;
            if (m_opt.school_year) p.weeks = week_cycle::mondays(bits, m_opt.school_year->first, m_opt.school_year->second);
            m_patterns.insert(type);
            emit(sink, std::move(p));
        }
        if (!m_patterns.empty() && !m_opt.school_year)
            m_diags->add(severity::warning, "untis.no-dates", "", "week types without the school year: week patterns list no weeks (give the school year)", {m_file, 0, 0});
    }

    /** A run: consecutive periods of one lesson and subject on one day, with the same resources. */
    struct lesson_run {
        std::string lesson;
        int day, first, last;
        const period_use* use;
    };

    /**
     * Each run makes one course. The lesson number is the course's `untis` external id when the
     * lesson makes that one course; a lesson placed several times or coupled keeps it in
     * `untis:lesson`, and its courses' ids name their day, period and (coupled) subject.
     */
    void emit_courses(io::record_sink& sink, const std::map<key, period_use>& uses) {
        std::vector<lesson_run> runs;
        std::map<std::string, std::set<std::string>> subjects_of;
        std::map<std::string, int> runs_of;
        for (auto it = uses.begin(); it != uses.end();) {
            const auto& [lesson, subject, day, period] = it->first;
            auto end = std::next(it);
            int last = period;
            while (end != uses.end() && std::get<0>(end->first) == lesson && std::get<1>(end->first) == subject && std::get<2>(end->first) == day &&
                   std::get<3>(end->first) == last + 1 && end->second.same_resources(it->second))
                ++end, ++last;
            runs.push_back({lesson, day, period, last, &it->second});
            subjects_of[lesson].insert(subject);
            ++runs_of[lesson];
            it = end;
        }
        std::map<std::string, int> seen;
        for (const auto& r : runs) {
            auto c = course(r.lesson, r.day, r.first, r.last, *r.use, ++seen[r.lesson], subjects_of[r.lesson].size() > 1);
            if (runs_of[r.lesson] == 1) c.external_ids = {{"untis", r.lesson}};
            else c.extensions["untis:lesson"] = r.lesson;
            emit(sink, std::move(c));
        }
    }

    model::course course(const std::string& lesson, int day, int period, int last, const period_use& use, int run, bool coupled) {
        auto ours = m_notes.courses.find(lesson);
        auto id = ours != m_notes.courses.end() && run == 1
                      ? ours->second
                      : "U" + lesson + "-" + std::to_string(day) + "-" + std::to_string(period) + (coupled ? "-" + use.subject : "");
        auto c = new_record<model::course>(id, m_opt.school, {format_name, m_file, use.line});
        c.subject = use.subject;
        c.teachers.assign(use.teachers.begin(), use.teachers.end());
        c.rooms.assign(use.rooms.begin(), use.rooms.end());
        std::set<std::string> grouped;
        if (auto info = m_lessons.find(lesson); info != m_lessons.end()) {
            const auto& l = info->second;
            if (m_patterns.count(l.week_type)) c.week_pattern = l.week_type;
            c.valid_from = l.from;
            c.valid_until = l.until;
            for (const auto& g : l.groups_of(use.subject)) {
                c.groups.push_back(g);
                grouped.insert(m_group_classes[g].begin(), m_group_classes[g].end());
            }
        }
        for (const auto& k : use.classes)
            if (!grouped.count(k)) c.classes.push_back(k);
        c.weekday = day;
        c.start = {start_of(period)};
        c.duration_minutes = end_of(last) - c.start.minutes;
        return c;
    }

    read_options m_opt;
    std::string m_file;
    diagnostics* m_diags = nullptr;
    our_notes m_notes;
    std::map<std::string, lesson_info> m_lessons;
    std::map<std::string, std::set<std::string>> m_group_classes;
    std::map<std::string, std::string> m_class_names, m_subject_names;
    std::map<std::string, teacher_names> m_teachers;
    std::map<std::string, std::pair<std::string, std::optional<int>>> m_rooms;
    std::set<std::string> m_patterns;
};

class untis_reader : public reader {
public:
    explicit untis_reader(const read_options& opt) : m_opt(opt) {}
    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override { untis_reading(m_opt).run(in, sink, diags); }

private:
    read_options m_opt;
};

} // namespace

const io::input::entry* gpu001_entry(const io::input& in) {
    for (const auto& e : in.entries()) {
        auto head = std::string(adapter_support::skip_bom_and_space(in.head(e, 512)));
        if (gpu001_line(head)) return &e;
    }
    // A timetable of no lesson: an empty GPU001, named as Untis names it, beside GPU files that
    // hold something or our writer's notes.
    const io::input::entry* empty_gpu001 = nullptr;
    bool beside = false;
    for (const auto& e : in.entries()) {
        const auto name = std::filesystem::path(e.name).filename().string();
        if (e.size == 0 && (name == "GPU001.TXT" || name == "GPU001.txt")) empty_gpu001 = &e;
        else if ((e.size > 0 && name.starts_with("GPU00")) || name == our_file) beside = true;
    }
    return beside ? empty_gpu001 : nullptr;
}

std::unique_ptr<reader> make_reader(const read_options& opt) { return std::make_unique<untis_reader>(opt); }

} // namespace interop::untis
