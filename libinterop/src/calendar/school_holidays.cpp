#include <interop/calendar/school_holidays.hpp>
#include <interop/csv/reader.hpp>
#include <interop/errors.hpp>
#include <interop/ical/content.hpp>
#include <interop/json/bounded.hpp>
#include <interop/timetable/time_zone.hpp>

#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <tuple>
#include <utility>

namespace interop::calendar {
namespace {

bool by_zone_then_start(const holiday& a, const holiday& b) {
    return std::tie(a.zone, a.start, a.end) < std::tie(b.zone, b.start, b.end);
}

bool meets(const holiday& h, model::date from, model::date to) { return h.start <= to && h.end >= from; }

[[noreturn]] void fail(const std::string& file, std::uint64_t line, const std::string& problem) {
    throw parse_error({file, line, 0}, "holidays", problem);
}

model::date date_field(const std::string& text, const std::string& file, std::uint64_t line) {
    auto d = model::parse_date(text);
    if (!d) fail(file, line, "'" + text + "' is not a date YYYY-MM-DD");
    return *d;
}

/** `zone;label;start;end`, the library's own table. */
holiday_table read_table(std::istream& in, const std::string& file) {
    csv::reader rows(in, file, "holidays", {.separator = ';', .encoding = csv::encoding::utf8});
    std::vector<std::string> row;
    std::vector<holiday> out;
    rows.next(row);
    while (rows.next(row)) {
        if (row.size() == 1 && row[0].empty()) continue;
        if (row.size() != 4) fail(file, rows.line(), "expected 4 fields zone;label;start;end, found " + std::to_string(row.size()));
        auto zone = model::parse_enum<model::holiday_zone>(row[0]);
        if (!zone) fail(file, rows.line(), "unknown zone '" + row[0] + "' (A, B, C, corse, overseas)");
        holiday h{*zone, row[1], date_field(row[2], file, rows.line()), date_field(row[3], file, rows.line())};
        if (h.end < h.start) fail(file, rows.line(), "holiday ends before it starts");
        out.push_back(std::move(h));
    }
    return holiday_table(std::move(out));
}

/** `date,vacances_zone_a,vacances_zone_b,vacances_zone_c,nom_vacances`: one row a day. */
holiday_table read_daily(std::istream& in, const std::string& file) {
    csv::reader rows(in, file, "holidays", {.separator = ',', .encoding = csv::encoding::automatic});
    std::vector<std::string> row;
    rows.next(row);
    constexpr model::holiday_zone zones[] = {model::holiday_zone::a, model::holiday_zone::b, model::holiday_zone::c};
    std::optional<holiday> open[3];
    std::vector<holiday> out;
    std::optional<model::date> previous;
    while (rows.next(row)) {
        if (row.size() == 1 && row[0].empty()) continue;
        if (row.size() != 5) fail(file, rows.line(), "expected 5 fields, found " + std::to_string(row.size()));
        auto day = date_field(row[0], file, rows.line());
        if (previous && day != model::add_days(*previous, 1)) fail(file, rows.line(), "days are not consecutive after " + model::to_string(*previous));
        previous = day;
        for (int z = 0; z < 3; ++z) {
            const auto& flag = row[1 + z];
            if (flag != "True" && flag != "False") fail(file, rows.line(), "expected True or False, found '" + flag + "'");
            bool off = flag == "True";
            if (open[z] && (!off || open[z]->label != row[4])) out.push_back(*std::exchange(open[z], std::nullopt));
            if (off && open[z]) open[z]->end = day;
            else if (off) open[z] = holiday{zones[z], row[4], day, day};
        }
    }
    for (auto& h : open)
        if (h) out.push_back(*h);
    return holiday_table(std::move(out));
}

std::optional<model::holiday_zone> zone_named(std::string_view text) {
    auto at = text.find("Zone ");
    if (at == std::string_view::npos || at + 5 >= text.size()) return std::nullopt;
    return model::parse_enum<model::holiday_zone>(text.substr(at + 5, 1));
}

/** "Début des Vacances d'Été" (a start without an end) → "Vacances d'Été". */
std::string holiday_label(std::string summary) {
    constexpr std::string_view start_only = "Début des ";
    if (summary.starts_with(start_only)) {
        summary.erase(0, start_only.size());
        summary[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(summary[0])));
    }
    return summary;
}

std::optional<holiday> holiday_of_event(const ical::component& event, model::holiday_zone zone, const std::string& file) {
    const auto* start = event.find("DTSTART");
    const auto* summary = event.find("SUMMARY");
    if (!start || !summary) fail(file, event.line, "VEVENT without DTSTART or SUMMARY");
    auto label = ical::unescape_text(summary->value);
    if (label.find("Enseignants") != std::string::npos) return std::nullopt; // staff-only days
    auto first = ical::parse_date(start->value);
    if (!first) fail(file, start->line, "DTSTART '" + start->value + "' is not a date");
    auto last = *first;
    const auto* end = event.find("DTEND");
    if (auto after = end ? ical::parse_date(end->value) : std::nullopt; after && *after > *first)
        last = model::add_days(*after, -1); // DTEND of a DATE event is exclusive
    else if (first->month >= 6)
        last = {first->year, 8, 31}; // "Début des vacances d'été": until the end of August
    return holiday{zone, holiday_label(std::move(label)), *first, last};
}

holiday_table read_ics(std::istream& in, const std::string& file, std::optional<model::holiday_zone> zone) {
    std::vector<holiday> out;
    for (const auto& cal : ical::parse(in, file)) {
        auto cal_zone = zone;
        if (const auto* name = cal.find("X-WR-CALNAME"); !cal_zone && name) cal_zone = zone_named(name->value);
        for (const auto& event : cal.children) {
            if (event.name != "VEVENT") continue;
            auto event_zone = cal_zone;
            if (const auto* where = event.find("LOCATION"); !event_zone && where) event_zone = zone_named(where->value);
            if (!event_zone) fail(file, event.line, "no zone: give one, or name it in X-WR-CALNAME or LOCATION (\"Zone B\")");
            if (auto h = holiday_of_event(event, *event_zone, file)) out.push_back(std::move(*h));
        }
    }
    return holiday_table(std::move(out));
}

// --- the ministry's open dataset fr-en-calendrier-scolaire -----------------------------------

/** One record of the open dataset, whichever export it comes from. */
struct official_record {
    std::string description, population, start, end, zones;
};

std::optional<model::holiday_zone> official_zone(std::string_view zones) {
    if (zones == "Corse") return model::holiday_zone::corse;
    return zone_named(zones); // "Zone A" …; overseas academies have dates of their own and no zone here
}

/** Paris day of a dataset instant: "2025-10-17T22:00:00+00:00" is 18 October, or a bare date. */
std::optional<model::date> paris_day(const std::string& text) {
    if (auto d = model::parse_date(text)) return d;
    auto t = model::parse_date_time(text);
    if (!t) return std::nullopt;
    static const timetable::time_zone paris("Europe/Paris");
    return paris.local(model::epoch_seconds(*t)).day;
}

/** Holidays start on `start` (after the last classes) and classes resume on `end`. */
void add_official(std::vector<holiday>& out, const official_record& r, const std::string& file, std::uint64_t line) {
    if (r.population == "Enseignants") return; // staff-only days
    auto zone = official_zone(r.zones);
    if (!zone) return;
    auto first = paris_day(r.start), resume = paris_day(r.end);
    if (!first || !resume) fail(file, line, "dates '" + r.start + "' and '" + r.end + "' are not dates");
    auto last = *resume > *first ? model::add_days(*resume, -1) : (first->month >= 6 ? model::date{first->year, 8, 31} : *first);
    out.push_back({*zone, r.description, *first, last});
}

std::string member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

holiday_table read_official_json(std::istream& in, const std::string& file) {
    constexpr std::size_t max_bytes = 64U << 20;
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes) fail(file, 0, "file larger than 64 MiB");
    }
    rapidjson::Document doc;
    if (const auto failure = json::parse_bounded(text, doc)) fail(file, failure->line, "not valid JSON: " + failure->message);
    const rapidjson::Value* list = doc.IsArray() ? &doc : nullptr;
    for (const char* key : {"results", "records"})
        if (!list && doc.IsObject() && doc.HasMember(key) && doc[key].IsArray()) list = &doc[key];
    if (!list) fail(file, 0, "expected an array of records, or an object with results or records");
    std::vector<holiday> out;
    std::uint64_t index = 0;
    for (const auto& item : list->GetArray()) {
        ++index;
        const auto& r = item.IsObject() && item.HasMember("fields") ? item["fields"] : item;
        if (!r.IsObject()) fail(file, 0, "record " + std::to_string(index) + " is not an object");
        add_official(out, {member(r, "description"), member(r, "population"), member(r, "start_date"), member(r, "end_date"), member(r, "zones")},
                     file, 0);
    }
    return holiday_table(std::move(out));
}

/** The CSV export, with field names or their French labels as headers. */
holiday_table read_official_csv(std::istream& in, const std::string& file) {
    csv::reader rows(in, file, "holidays", {.separator = ';', .encoding = csv::encoding::automatic});
    std::vector<std::string> row;
    rows.next(row);
    std::map<std::string, std::size_t> at;
    const std::pair<const char*, const char*> names[] = {{"description", "Description"}, {"population", "Population"},
                                                         {"start_date", "Date de début"}, {"end_date", "Date de fin"}, {"zones", "Zones"}};
    for (std::size_t i = 0; i < row.size(); ++i)
        for (const auto& [field, label] : names)
            if (row[i] == field || row[i] == label) at[field] = i;
    for (const auto& [field, label] : names)
        if (!at.count(field)) fail(file, 1, std::string("no column ") + field + " (or " + label + ")");
    std::vector<holiday> out;
    while (rows.next(row)) {
        if (row.size() == 1 && row[0].empty()) continue;
        auto get = [&](const char* field) { return at[field] < row.size() ? row[at[field]] : std::string(); };
        add_official(out, {get("description"), get("population"), get("start_date"), get("end_date"), get("zones")}, file, rows.line());
    }
    return holiday_table(std::move(out));
}

} // namespace

holiday_table::holiday_table(std::vector<holiday> entries) : m_entries(std::move(entries)) {
    std::sort(m_entries.begin(), m_entries.end(), by_zone_then_start);
    m_entries.erase(std::unique(m_entries.begin(), m_entries.end()), m_entries.end());
}

std::vector<holiday> holiday_table::of_zone(model::holiday_zone zone, model::date from, model::date to) const {
    std::vector<holiday> out;
    for (const auto& h : m_entries)
        if (h.zone == zone && meets(h, from, to)) out.push_back(h);
    return out;
}

std::optional<model::date> holiday_table::known_until() const {
    std::optional<model::date> out;
    for (const auto& h : m_entries)
        if (!out || *out < h.end) out = h.end;
    return out;
}

void holiday_table::update(const holiday_table& newer) {
    auto merged = newer.m_entries;
    for (const auto& ours : m_entries) {
        auto theirs = newer.of_zone(ours.zone, {1, 1, 1}, {9999, 12, 31});
        auto span_end = theirs.empty() ? model::date{} : std::max_element(theirs.begin(), theirs.end(), [](const auto& a, const auto& b) {
                                                              return a.end < b.end;
                                                          })->end;
        bool covered = !theirs.empty() && ours.end >= theirs.front().start && ours.start <= span_end;
        if (!covered) merged.push_back(ours);
    }
    *this = holiday_table(std::move(merged));
}

holiday_table read_holidays(const io::input& in, std::optional<model::holiday_zone> zone) {
    if (in.entries().size() != 1) throw parse_error({in.name(), 0, 0}, "holidays", "expected one file, found " + std::to_string(in.entries().size()));
    const auto& entry = in.entries().front();
    auto head = in.head(entry, 256);
    auto stream = in.open_entry(entry);
    auto file = in.describe(entry);
    if (head.find("BEGIN:VCALENDAR") != std::string::npos) return read_ics(*stream, file, zone);
    if (head.find("vacances_zone_a") != std::string::npos) return read_daily(*stream, file);
    if (head.starts_with("zone;label;start;end")) return read_table(*stream, file);
    bool official = head.find("annee_scolaire") != std::string::npos || head.find("start_date") != std::string::npos ||
                    head.find("Date de début") != std::string::npos;
    auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (official && first != std::string::npos && (head[first] == '[' || head[first] == '{')) return read_official_json(*stream, file);
    if (official) return read_official_csv(*stream, file);
    throw parse_error({file, 1, 0}, "holidays",
                      "not an iCalendar file, the ministry's calendar dataset (CSV or JSON), a day-by-day holiday CSV, nor a zone;label;start;end table");
}

void write_holidays(const holiday_table& table, std::ostream& out) {
    out << "zone;label;start;end\n";
    for (const auto& h : table.entries())
        out << model::to_string(h.zone) << ';' << h.label << ';' << model::to_string(h.start) << ';' << model::to_string(h.end) << '\n';
}

model::calendar school_calendar(const holiday_table& table, const model::establishment& school, const model::academic_year& year) {
    model::calendar cal;
    cal.id = year.id;
    cal.school = school.uai;
    cal.academic_year = year.id;
    cal.zone = school.zone;
    auto clip = [&](model::calendar_entry e) {
        e.start = std::max(e.start, year.start);
        e.end = std::min(e.end, year.end);
        cal.entries.push_back(std::move(e));
    };
    for (const auto& h : table.of_zone(school.zone, year.start, year.end))
        clip({model::calendar_entry_kind::holiday, h.label, h.start, h.end});
    for (int y = year.start.year; y <= year.end.year; ++y)
        for (auto& e : public_holidays(y, region_of(school)))
            if (e.start >= year.start && e.start <= year.end) clip(std::move(e));
    std::stable_sort(cal.entries.begin(), cal.entries.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    return cal;
}

} // namespace interop::calendar
