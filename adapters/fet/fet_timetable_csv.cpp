// FET's `timetable.csv`: one row per activity and hour ("Activity Id","Day","Hour","Students
// Sets","Subject","Teachers","Activity Tags","Room","Comments"), students sets and teachers
// joined by `+`. The hours of one activity on one day make one weekly course. Without the
// `.fet` beside it nothing says whether a students set is a class or a group: all are classes.

#include "fet_format.hpp"

#include "../common/week_cycle.hpp"

#include <interop/adapter/support.hpp>
#include <interop/csv/reader.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace interop::fet {
namespace {

using adapter_support::emit;
using adapter_support::new_record;

const std::vector<std::string> columns = {"Activity Id", "Day", "Hour", "Students Sets", "Subject", "Teachers", "Activity Tags", "Room", "Comments"};

std::vector<std::string> split_plus(const std::string& list) { return adapter_support::split_nonempty(list, '+'); }

struct hour_row {
    std::string activity, day, hour, sets, subject, teachers, room;
    std::uint64_t line = 0;
};

class timetable_csv_reader {
public:
    timetable_csv_reader(io::record_sink& sink, diagnostics& diags, const read_options& opt, std::string file)
        : m_sink(sink), m_diags(diags), m_opt(opt), m_file(std::move(file)) {}

    void read(std::istream& in) {
        csv::reader rows(in, m_file, format_name, {.separator = ',', .encoding = csv::encoding::utf8});
        std::vector<std::string> row;
        if (!rows.next(row) || row.size() < 8 || !std::equal(columns.begin(), columns.begin() + 8, row.begin()))
            throw parse_error({m_file, rows.line(), 0}, format_name, "expected the header \"Activity Id\",\"Day\",\"Hour\",\"Students Sets\",…");
        while (rows.next(row)) {
            if (row.size() == 1 && row[0].empty()) continue;
            if (row.size() < 8) throw parse_error({m_file, rows.line(), 0}, format_name, "expected 9 fields, found " + std::to_string(row.size()));
            m_rows.push_back({row[0], row[1], row[2], row[3], row[4], row[5], row[7], rows.line()});
        }
        emit_records();
    }

private:
    model::provenance at(std::uint64_t line) const { return {format_name, m_file, line}; }

    /** The hours of the file, one slot per start time, and the slot each hour name falls on. */
    struct hour_grid {
        std::vector<std::pair<int, int>> slots; ///< start, end minutes, in order
        std::map<std::string, std::size_t> slot_of;
    };

    /** Hours named by their times ("08:00", "8.00 - 8.55"); an hour without a (later) end ends when the next starts. */
    hour_grid hours() const {
        std::map<int, std::optional<int>> ends; // start → end, the first name giving one
        std::map<std::string, int> start_of;
        for (const auto& r : m_rows) {
            std::string_view rest = r.hour;
            auto start = clock_at(rest);
            if (!start) throw parse_error({m_file, r.line, 0}, format_name, "hour '" + r.hour + "' is not named by its time: the file gives no other order");
            std::optional<int> end;
            if (auto dash = rest.find('-'); dash != std::string_view::npos) {
                rest.remove_prefix(dash + 1);
                end = clock_at(rest);
            }
            auto& known = ends[*start];
            if (!known && end && *end > *start) known = end;
            start_of[r.hour] = *start;
        }
        hour_grid grid;
        std::map<int, std::size_t> slot_at;
        for (auto it = ends.begin(); it != ends.end(); ++it) {
            auto next = std::next(it);
            int end = it->second ? *it->second : next != ends.end() ? next->first : it->first + 60;
            slot_at[it->first] = grid.slots.size();
            grid.slots.emplace_back(it->first, end);
        }
        for (const auto& [name, start] : start_of) grid.slot_of[name] = slot_at.at(start);
        return grid;
    }

    void emit_records() {
        if (m_opt.school_year) emit(m_sink, week_cycle::academic_year(*m_opt.school_year, m_opt.school, at(0)));
        auto hour_slots = hours();
        auto grid = new_record<model::time_grid>("fet-hours", m_opt.school, at(0));
        grid.label = "Hours";
        for (std::size_t i = 0; i < hour_slots.slots.size(); ++i)
            grid.slots.push_back({static_cast<int>(i) + 1, {hour_slots.slots[i].first}, {hour_slots.slots[i].second}, std::nullopt});
        emit(m_sink, std::move(grid));
        std::set<std::string> subjects, teachers, classes, rooms;
        for (const auto& r : m_rows) {
            if (!r.subject.empty()) subjects.insert(r.subject);
            if (!r.room.empty()) rooms.insert(r.room);
            for (auto& t : split_plus(r.teachers)) teachers.insert(t);
            for (auto& k : split_plus(r.sets)) classes.insert(k);
        }
        for (const auto& s : subjects) {
            auto k = new_record<model::subject>(s, m_opt.school, at(0));
            k.code = k.short_label = k.long_label = s;
            emit(m_sink, std::move(k));
        }
        for (const auto& t : teachers) {
            auto k = new_record<model::staff>(t, m_opt.school, at(0));
            k.last_name = t;
            k.functions = {"ENS"};
            emit(m_sink, std::move(k));
        }
        for (const auto& c : classes) {
            auto k = new_record<model::school_class>(c, m_opt.school, at(0));
            k.code = k.label = c;
            emit(m_sink, std::move(k));
        }
        for (const auto& room : rooms) {
            auto k = new_record<model::room>(room, m_opt.school, at(0));
            k.code = k.name = room;
            emit(m_sink, std::move(k));
        }
        if (!classes.empty())
            m_diags.add(severity::info, "fet.sets", "", "timetable.csv does not say which students sets are classes and which are groups: all taken as classes", {m_file, 0, 0});
        courses(hour_slots);
    }

    /**
     * The weekday of each day the rows name, read in one language as the .fet reader does; a day
     * that is no weekday name, or two days on one weekday (half-days), is refused.
     */
    std::map<std::string, int> weekdays_of_rows() const {
        std::vector<std::string> days;
        std::map<std::string, std::uint64_t> first_line;
        for (const auto& r : m_rows)
            if (first_line.emplace(r.day, r.line).second) days.push_back(r.day);
        const auto weekdays = weekdays_named(days);
        if (!weekdays) {
            for (const auto& d : days)
                if (!weekday_named(d)) throw parse_error({m_file, first_line[d], 0}, format_name, "day '" + d + "' is no weekday name");
            throw parse_error({m_file, 0, 0}, format_name, "the day names are not of one language");
        }
        std::map<std::string, int> out;
        std::map<int, std::string> named;
        for (std::size_t i = 0; i < days.size(); ++i) {
            if (auto [it, fresh] = named.emplace((*weekdays)[i], days[i]); !fresh)
                throw parse_error({m_file, first_line[days[i]], 0}, format_name,
                                  "days '" + it->second + "' and '" + days[i] + "' are one weekday (half-days?): their courses cannot be placed on weekdays");
            out[days[i]] = (*weekdays)[i];
        }
        return out;
    }

    /** The rows of one activity on one day, in hour order, make one course from the first hour to the last. */
    void courses(const hour_grid& hours) {
        std::map<std::pair<std::string, int>, std::vector<const hour_row*>> placed;
        std::map<std::string, int> days_of;
        const auto weekday_of = weekdays_of_rows();
        for (const auto& r : m_rows) {
            auto& rows = placed[{r.activity, weekday_of.at(r.day)}];
            if (rows.empty()) ++days_of[r.activity];
            rows.push_back(&r);
        }
        for (auto& [key, rows] : placed) {
            std::sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) { return hours.slot_of.at(a->hour) < hours.slot_of.at(b->hour); });
            const auto& first = *rows.front();
            auto id = "A" + key.first + (days_of[key.first] > 1 ? "-" + std::to_string(key.second) : "");
            auto c = new_record<model::course>(id, m_opt.school, at(first.line));
            c.external_ids = {{"fet", key.first}};
            c.subject = first.subject;
            c.teachers = split_plus(first.teachers);
            c.classes = split_plus(first.sets);
            if (!first.room.empty()) c.rooms = {first.room};
            c.weekday = key.second;
            c.start = {hours.slots[hours.slot_of.at(first.hour)].first};
            c.duration_minutes = hours.slots[hours.slot_of.at(rows.back()->hour)].second - c.start.minutes;
            emit(m_sink, std::move(c));
        }
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    const read_options& m_opt;
    std::string m_file;
    std::vector<hour_row> m_rows;
};

} // namespace

void read_timetable_csv(std::istream& in, const std::string& file, io::record_sink& sink, diagnostics& diags, const read_options& opt) {
    model::metadata meta;
    meta.source = format_name;
    adapter_support::metadata_first_sink first(sink, meta);
    timetable_csv_reader(first, diags, opt, file).read(in);
    first.on_end();
    sink.on_end();
}

} // namespace interop::fet
