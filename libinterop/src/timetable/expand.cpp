#include <interop/timetable/expand.hpp>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace interop::timetable {

days_off::days_off(const std::vector<model::calendar>& calendars) {
    for (const auto& cal : calendars)
        for (const auto& e : cal.entries) m_spans.emplace_back(e.start, e.end);
    std::sort(m_spans.begin(), m_spans.end());
    std::vector<std::pair<model::date, model::date>> merged;
    for (const auto& s : m_spans) {
        if (!merged.empty() && model::days_since_epoch(s.first) <= model::days_since_epoch(merged.back().second) + 1)
            merged.back().second = std::max(merged.back().second, s.second);
        else
            merged.push_back(s);
    }
    m_spans = std::move(merged);
}

bool days_off::contains(model::date day) const {
    auto after = std::upper_bound(m_spans.begin(), m_spans.end(), day, [](model::date d, const auto& s) { return d < s.first; });
    return after != m_spans.begin() && std::prev(after)->second >= day;
}

model::date monday_of(model::date day) { return model::add_days(day, 1 - model::iso_weekday(day)); }

std::vector<model::date> weeks_of_mask(std::uint64_t mask, model::date week1_monday) {
    std::vector<model::date> out;
    for (int i = 0; i < 64; ++i)
        if (mask >> i & 1U) out.push_back(model::add_days(week1_monday, 7 * i));
    return out;
}

std::uint64_t mask_of_weeks(const std::vector<model::date>& mondays, model::date week1_monday) {
    std::uint64_t mask = 0;
    auto base = model::days_since_epoch(week1_monday);
    for (const auto& m : mondays) {
        auto offset = model::days_since_epoch(m) - base;
        if (offset >= 0 && offset % 7 == 0 && offset / 7 < 64) mask |= std::uint64_t{1} << (offset / 7);
    }
    return mask;
}

std::vector<model::date> course_days(const model::course& c, const model::week_pattern* pattern, model::date from, model::date to) {
    if (c.valid_from) from = std::max(from, *c.valid_from);
    if (c.valid_until) to = std::min(to, *c.valid_until);
    std::vector<model::date> out;
    if (to < from || c.weekday < 1 || c.weekday > 7) return out;
    auto first = model::add_days(monday_of(from), c.weekday - 1);
    if (first < from) first = model::add_days(first, 7);
    for (auto d = first; d <= to; d = model::add_days(d, 7)) {
        if (pattern && !std::binary_search(pattern->weeks.begin(), pattern->weeks.end(), monday_of(d))) continue;
        out.push_back(d);
    }
    return out;
}

std::string occurrence_id(const std::string& course, model::date day) { return course + "@" + model::to_string(day); }

namespace {

model::session occurrence(const model::course& c, model::date day) {
    model::session s;
    s.id = occurrence_id(c.id, day);
    s.school = c.school;
    s.course = c.id;
    s.day = day;
    s.start = c.start;
    s.duration_minutes = c.duration_minutes;
    return s;
}

using school_key = std::string;

std::map<school_key, days_off> days_off_by_school(const model::dataset& ds) {
    std::map<school_key, std::vector<model::calendar>> calendars;
    for (const auto& cal : ds.all<model::calendar>()) calendars[cal.school].push_back(cal);
    std::map<school_key, days_off> out;
    for (auto& [school, list] : calendars) out.emplace(school, days_off(list));
    return out;
}

/** Patterns by (school, id), their weeks sorted for lookup. */
std::map<std::pair<school_key, std::string>, model::week_pattern> patterns_of(const model::dataset& ds) {
    std::map<std::pair<school_key, std::string>, model::week_pattern> out;
    for (auto p : ds.all<model::week_pattern>()) {
        std::sort(p.weeks.begin(), p.weeks.end());
        auto key = std::pair{p.school, p.id};
        out.emplace(std::move(key), std::move(p));
    }
    return out;
}

} // namespace

std::vector<model::session> expand(const model::dataset& ds, model::date from, model::date to) {
    auto off = days_off_by_school(ds);
    auto patterns = patterns_of(ds);
    const days_off none;
    std::vector<model::session> out;
    std::unordered_map<std::string, std::size_t> index; // school + occurrence id → position in out
    for (const auto& c : ds.all<model::course>()) {
        const model::week_pattern* pattern = nullptr;
        if (c.week_pattern) {
            auto it = patterns.find({c.school, *c.week_pattern});
            if (it == patterns.end()) continue; // a dangling reference: validation reports it
            pattern = &it->second;
        }
        auto school_off = off.find(c.school);
        const auto& skip = school_off == off.end() ? none : school_off->second;
        for (auto day : course_days(c, pattern, from, to)) {
            if (skip.contains(day)) continue;
            index.emplace(c.school + '\n' + occurrence_id(c.id, day), out.size());
            out.push_back(occurrence(c, day));
        }
    }
    for (const auto& s : ds.all<model::session>()) {
        auto planned = s.original_day.value_or(s.day);
        if (s.course) {
            if (auto it = index.find(s.school + '\n' + occurrence_id(*s.course, planned)); it != index.end()) {
                out[it->second] = s;
                continue;
            }
        }
        if ((s.day >= from && s.day <= to) || (planned >= from && planned <= to)) out.push_back(s);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return std::tie(a.day, a.start, a.id) < std::tie(b.day, b.start, b.id); });
    return out;
}

} // namespace interop::timetable
