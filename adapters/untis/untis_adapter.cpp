// Untis GPU exports: `GPU001` (the timetable: lesson number, class, teacher, subject, room,
// day, period, one line per class and period) read from one file, a folder or a zip; other
// GPU files beside it are recognised and left out. Text without header, separated by `;`,
// `,` or tab, UTF-8 or ISO-8859-1.

#include "../common/week_cycle.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>
#include <interop/csv/reader.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace interop {
namespace {

constexpr const char* format_name = "untis";

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

const io::input::entry* gpu001_entry(const io::input& in) {
    for (const auto& e : in.entries()) {
        auto head = std::string(adapter_support::skip_bom_and_space(in.head(e, 512)));
        if (gpu001_line(head)) return &e;
    }
    return nullptr;
}

/** The lesson taught in one period: who, to whom, where. */
struct period_use {
    std::set<std::string> classes, teachers, rooms;
    std::string subject;
    std::uint64_t line = 0;
    bool same_resources(const period_use& o) const { return classes == o.classes && teachers == o.teachers && rooms == o.rooms && subject == o.subject; }
};

class untis_reader : public reader {
public:
    explicit untis_reader(const read_options& opt) : m_opt(opt) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        const auto* entry = gpu001_entry(in);
        if (!entry) throw parse_error({in.name(), 0, 0}, format_name, "no GPU001 timetable file (number;class;teacher;subject;room;day;period)");
        auto file = in.describe(*entry);
        model::metadata meta;
        meta.source = format_name;
        adapter_support::metadata_first_sink first(sink, meta);
        auto uses = read_gpu001(in, *entry, file);
        emit_records(first, uses, file, diags);
        first.on_end();
        sink.on_end();
    }

private:
    using key = std::tuple<std::string, int, int>; ///< lesson, day, period

    std::map<key, period_use> read_gpu001(const io::input& in, const io::input::entry& entry, const std::string& file) {
        auto stream = in.open_entry(entry);
        char sep = separator_of(in.head(entry, 512));
        csv::reader rows(*stream, file, format_name, {.separator = sep, .encoding = csv::encoding::automatic});
        std::vector<std::string> row;
        std::map<key, period_use> uses;
        while (rows.next(row)) {
            if (row.size() == 1 && row[0].empty()) continue;
            if (row.size() < 7 || !is_number(row[0]) || !is_number(row[5]) || !is_number(row[6]))
                throw parse_error({file, rows.line(), 0}, format_name, "expected number;class;teacher;subject;room;day;period");
            int day = std::stoi(row[5]), period = std::stoi(row[6]);
            if (day < 1 || day > 7 || period < 1 || period > 24)
                throw parse_error({file, rows.line(), 0}, format_name, "day " + row[5] + " or period " + row[6] + " out of range");
            auto& use = uses[{row[0], day, period}];
            if (use.line == 0) use.line = rows.line();
            for (auto [set, value] : {std::pair{&use.classes, row[1]}, {&use.teachers, row[2]}, {&use.rooms, row[4]}})
                if (!value.empty()) set->insert(value);
            if (use.subject.empty()) use.subject = row[3];
        }
        return uses;
    }

    void emit_records(io::record_sink& sink, const std::map<key, period_use>& uses, const std::string& file, diagnostics& diags) {
        model::provenance where{format_name, file, 0};
        if (m_opt.school_year) emit(sink, week_cycle::academic_year(*m_opt.school_year, m_opt.school, where));
        std::set<std::string> classes, teachers, subjects, rooms;
        int last_period = 0;
        for (const auto& [k, use] : uses) {
            classes.insert(use.classes.begin(), use.classes.end());
            teachers.insert(use.teachers.begin(), use.teachers.end());
            rooms.insert(use.rooms.begin(), use.rooms.end());
            if (!use.subject.empty()) subjects.insert(use.subject);
            last_period = std::max(last_period, std::get<2>(k));
        }
        emit_grid(sink, where, last_period);
        diags.add(severity::warning, "untis.no-times", "", "GPU files give periods, not their times: periods placed hourly from 08:00", {file, 0, 0});
        for (const auto& s : subjects) {
            auto r = new_record<model::subject>(s, m_opt.school, where);
            r.code = r.short_label = r.long_label = s;
            emit(sink, std::move(r));
        }
        for (const auto& t : teachers) {
            auto r = new_record<model::staff>(t, m_opt.school, where);
            r.last_name = t;
            r.functions = {"ENS"};
            emit(sink, std::move(r));
        }
        for (const auto& c : classes) {
            auto r = new_record<model::school_class>(c, m_opt.school, where);
            r.code = r.label = c;
            emit(sink, std::move(r));
        }
        for (const auto& room : rooms) {
            auto r = new_record<model::room>(room, m_opt.school, where);
            r.code = r.name = room;
            emit(sink, std::move(r));
        }
        emit_courses(sink, uses, file);
    }

    void emit_grid(io::record_sink& sink, const model::provenance& where, int periods) {
        auto grid = new_record<model::time_grid>("untis-periods", m_opt.school, where);
        grid.label = "Stunden";
        for (int p = 1; p <= periods; ++p) grid.slots.push_back({p, start_of(p), {start_of(p).minutes + 60}, std::nullopt});
        emit(sink, std::move(grid));
    }

    static model::time_of_day start_of(int period) { return {8 * 60 + (period - 1) * 60}; }

    /** Consecutive periods of one lesson on one day with the same resources make one course. */
    void emit_courses(io::record_sink& sink, const std::map<key, period_use>& uses, const std::string& file) {
        for (auto it = uses.begin(); it != uses.end();) {
            const auto& [lesson, day, period] = it->first;
            auto end = std::next(it);
            int last = period;
            while (end != uses.end() && std::get<0>(end->first) == lesson && std::get<1>(end->first) == day && std::get<2>(end->first) == last + 1 &&
                   end->second.same_resources(it->second))
                ++end, ++last;
            const auto& use = it->second;
            auto c = new_record<model::course>("U" + lesson + "-" + std::to_string(day) + "-" + std::to_string(period), m_opt.school,
                                               {format_name, file, use.line});
            c.external_ids = {{"untis", lesson}};
            c.subject = use.subject;
            c.teachers.assign(use.teachers.begin(), use.teachers.end());
            c.classes.assign(use.classes.begin(), use.classes.end());
            c.rooms.assign(use.rooms.begin(), use.rooms.end());
            c.weekday = day;
            c.start = start_of(period);
            c.duration_minutes = (last - period + 1) * 60;
            emit(sink, std::move(c));
            it = end;
        }
    }

    read_options m_opt;
};

confidence identify_untis(const io::input& in) {
    if (in.entries().empty() || in.entries().size() > 32) return confidence::no;
    return gpu001_entry(in) ? confidence::yes : confidence::no;
}

} // namespace

void register_untis(registry& r) {
    r.add({.name = format_name,
           .title = "Untis GPU export (GPU001 timetable)",
           .domains = {"timetable"},
           .extensions = {"txt", "csv"},
           .media_type = "text/csv",
           .identify = identify_untis,
           .make_reader = [](const read_options& o) { return std::make_unique<untis_reader>(o); },
           .make_writer = {}});
}

} // namespace interop
