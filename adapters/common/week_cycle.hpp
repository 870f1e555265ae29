#pragma once
// Week cycles of timetable products that know no dates (aSc `weeks="10"`, Untis, FET): the
// cycle laid on a school year from its first Monday, week 1 of the year being position 0.

#include <interop/timetable/expand.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <vector>

namespace interop::week_cycle {

/** Whether `bits` (a string of 0 and 1) sets every position: the course runs every week. */
inline bool every_week(std::string_view bits) { return bits.find('0') == std::string_view::npos; }

/** The Mondays of [first, last] whose position in the cycle has its bit set. */
inline std::vector<model::date> mondays(std::string_view bits, model::date first, model::date last) {
    std::vector<model::date> out;
    if (bits.empty()) return out;
    std::size_t position = 0;
    for (auto monday = timetable::monday_of(first); monday <= last; monday = model::add_days(monday, 7), ++position)
        if (bits[position % bits.size()] == '1') out.push_back(monday);
    return out;
}

/** The school year a reader was told, as a record: `2025-2026`, its first and last day. */
inline model::academic_year academic_year(std::pair<model::date, model::date> span, std::string school, model::provenance where) {
    model::academic_year y;
    y.id = std::to_string(span.first.year) + "-" + std::to_string(span.second.year);
    y.school = std::move(school);
    y.provenance = std::move(where);
    y.label = y.id;
    y.start = span.first;
    y.end = span.second;
    return y;
}

// --- writing: what timetable products without dates need from the model ---------------------

using period_list = std::vector<std::pair<model::time_of_day, model::time_of_day>>;

/** The distinct times of the first grid's slots, in order (grids may repeat a slot per day). */
inline period_list grid_periods(const std::vector<model::time_grid>& grids) {
    period_list grid;
    if (!grids.empty())
        for (const auto& s : grids.front().slots) grid.emplace_back(s.start, s.end);
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
    return grid;
}

/** Whether periods are the first grid's: writers then name the grid, so that reading back keeps its id. */
inline bool periods_are_grid(const std::vector<model::time_grid>& grids, const period_list& p) { return !grids.empty() && grid_periods(grids) == p; }

/** The periods courses are placed on: the grid when every course fits it, else cut at every course's start and end. */
inline period_list periods_of(const std::vector<model::time_grid>& grids, const std::vector<model::course>& courses) {
    auto grid = grid_periods(grids);
    auto fits = [&](const model::course& c) {
        model::time_of_day end{c.start.minutes + c.duration_minutes};
        return std::any_of(grid.begin(), grid.end(), [&](const auto& p) { return p.first == c.start; }) &&
               std::any_of(grid.begin(), grid.end(), [&](const auto& p) { return p.second == end; });
    };
    if (!grid.empty() && std::all_of(courses.begin(), courses.end(), fits)) return grid;
    std::set<int> cuts;
    for (const auto& c : courses) {
        cuts.insert(c.start.minutes);
        cuts.insert(c.start.minutes + c.duration_minutes);
    }
    std::vector<std::pair<model::time_of_day, model::time_of_day>> out;
    for (auto it = cuts.begin(); it != cuts.end() && std::next(it) != cuts.end(); ++it) out.push_back({{*it}, {*std::next(it)}});
    return out;
}

/** The classes a course is taught to: its own, then those its groups are drawn from (products that place lessons by class want them named). */
inline std::vector<std::string> classes_taught(const std::vector<model::group>& groups, const model::course& c) {
    auto out = c.classes;
    for (const auto& g : groups)
        if (std::find(c.groups.begin(), c.groups.end(), g.id) != c.groups.end())
            for (const auto& k : g.classes)
                if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
    return out;
}

/** The positions (from 1) of the periods a course covers. */
inline std::vector<int> periods_spanned(const period_list& periods, const model::course& c) {
    std::vector<int> out;
    int end = c.start.minutes + c.duration_minutes;
    for (std::size_t i = 0; i < periods.size(); ++i)
        if (periods[i].first.minutes >= c.start.minutes && periods[i].second.minutes <= end) out.push_back(static_cast<int>(i) + 1);
    return out;
}

/** Whether the periods a course covers begin when it begins and end when it ends: read back from them, it keeps its times. */
inline bool spans_exactly(const period_list& periods, const model::course& c) {
    const auto spanned = periods_spanned(periods, c);
    if (spanned.empty()) return false;
    return periods[static_cast<std::size_t>(spanned.front() - 1)].first == c.start &&
           periods[static_cast<std::size_t>(spanned.back() - 1)].second.minutes == c.start.minutes + c.duration_minutes;
}

/** `2025-09-01/2026-07-04`: the school year our writers leave in formats without dates, so reading back lays week cycles on it. */
inline std::string format_span(std::pair<model::date, model::date> span) { return model::to_string(span.first) + "/" + model::to_string(span.second); }

inline std::optional<std::pair<model::date, model::date>> parse_span(std::string_view text) {
    auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto first = model::parse_date(text.substr(0, slash)), last = model::parse_date(text.substr(slash + 1));
    if (!first || !last || *last < *first) return std::nullopt;
    return std::pair{*first, *last};
}

/** The school year of a dataset: its one academic year, else the span of its week patterns' weeks. */
inline std::optional<std::pair<model::date, model::date>> span_of(const model::dataset& ds) {
    if (ds.all<model::academic_year>().size() == 1) {
        const auto& y = ds.all<model::academic_year>().front();
        return std::pair{y.start, y.end};
    }
    std::optional<std::pair<model::date, model::date>> span;
    for (const auto& p : ds.all<model::week_pattern>())
        for (const auto& w : p.weeks) span = span ? std::pair{std::min(span->first, w), std::max(span->second, model::add_days(w, 6))} : std::pair{w, model::add_days(w, 6)};
    return span;
}

/**
 * Week patterns as bit strings of one cycle laid from the Monday of `span`'s first day (what
 * `mondays` reads back). Patterns read without dates (aSc, FET) keep their own bits; dated ones
 * get the shortest cycle of one position per distinct set of patterns a week belongs to (A and
 * B: "10" and "01") when it gives back exactly their weeks, else one position per week of the year.
 */
inline std::map<std::string, std::string> cycle_bits(const std::vector<model::week_pattern>& patterns, std::optional<std::pair<model::date, model::date>> span) {
    std::map<std::string, std::string> out;
    auto own_bits = [](const model::week_pattern& p) -> const std::string* {
        for (const char* key : {"asc:weeks", "fet:weeks"})
            if (auto it = p.extensions.find(key); it != p.extensions.end()) return &it->second;
        return nullptr;
    };
    if (!span || std::all_of(patterns.begin(), patterns.end(), [&](const auto& p) { return p.weeks.empty() && own_bits(p); })) {
        for (const auto& p : patterns) out[p.id] = own_bits(p) ? *own_bits(p) : "1";
        return out;
    }
    std::vector<model::date> weeks;
    for (auto monday = timetable::monday_of(span->first); monday <= span->second; monday = model::add_days(monday, 7)) weeks.push_back(monday);
    std::vector<std::vector<bool>> membership(weeks.size(), std::vector<bool>(patterns.size()));
    for (std::size_t i = 0; i < patterns.size(); ++i)
        for (const auto& w : patterns[i].weeks)
            if (auto it = std::lower_bound(weeks.begin(), weeks.end(), timetable::monday_of(w)); it != weeks.end() && *it == timetable::monday_of(w))
                membership[static_cast<std::size_t>(it - weeks.begin())][i] = true;
    std::vector<std::vector<bool>> atoms;
    for (const auto& m : membership)
        if (std::find(atoms.begin(), atoms.end(), m) == atoms.end()) atoms.push_back(m);
    bool cycles = !atoms.empty();
    for (std::size_t w = 0; w < weeks.size() && cycles; ++w) cycles = membership[w] == atoms[w % atoms.size()];
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        std::string bits;
        if (cycles)
            for (const auto& a : atoms) bits.push_back(a[i] ? '1' : '0');
        else
            for (const auto& m : membership) bits.push_back(m[i] ? '1' : '0');
        out[patterns[i].id] = bits;
    }
    return out;
}

} // namespace interop::week_cycle
