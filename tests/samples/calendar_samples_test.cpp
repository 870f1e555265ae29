// The official holiday exports (day-by-day CSV, per-zone iCalendar) agree with the shipped
// table; every iCalendar sample parses.
#include <doctest/doctest.h>

#include "support.hpp"

#include <interop/calendar/school_holidays.hpp>
#include <interop/ical/content.hpp>

#include <cctype>
#include <fstream>

using namespace interop;
using model::holiday_zone;

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto at = s.find("É"); at != std::string::npos; at = s.find("É")) s.replace(at, 2, "é");
    return s;
}

/** Each shipped holiday of the zone is in the imported table, same label and days (summer's end aside). */
void check_agrees(const calendar::holiday_table& imported, holiday_zone zone) {
    for (const auto& h : calendar::official_holidays().of_zone(zone, {2024, 9, 1}, {2026, 8, 31})) {
        auto found = imported.of_zone(zone, h.start, h.start);
        CAPTURE(h.label);
        CAPTURE(model::to_string(h.start));
        if (h.label.starts_with("Pont") && found.empty()) continue; // bridges are not in every export
        REQUIRE(found.size() == 1);
        CHECK(found[0].start == h.start);
        CHECK(lower(found[0].label) == lower(h.label));
        bool summer = h.start.month == 7;
        if (!summer) CHECK(found[0].end == h.end);
    }
}

} // namespace

TEST_CASE("the day-by-day holiday CSV (1990-2026) agrees with the shipped table") {
    test::require_samples();
    auto table = calendar::read_holidays(io::input::open(test::samples_dir() / "school-holidays" / "data.csv"));
    for (auto zone : {holiday_zone::a, holiday_zone::b, holiday_zone::c}) {
        CAPTURE(model::to_string(zone));
        check_agrees(table, zone);
        CHECK(table.of_zone(zone, {2025, 9, 1}, {2026, 8, 31}).size() == 5); // no bridge in this export
    }
    CHECK(table.entries().size() == 552);
}

TEST_CASE("the ministry's Zone B iCalendar agrees with the shipped table") {
    test::require_samples();
    auto table = calendar::read_holidays(io::input::open(test::samples_dir() / "ics" / "Zone-B.ics"));
    check_agrees(table, holiday_zone::b);
    CHECK(table.entries().size() == 61 - 8); // 8 staff-only (prérentrée enseignants) events
    CHECK(table.of_zone(holiday_zone::a, {1990, 1, 1}, {2030, 1, 1}).empty());
}

TEST_CASE("every iCalendar sample parses") {
    test::require_samples();
    const std::pair<const char*, std::size_t> files[] = {
        {"Zone-B.ics", 61}, {"pronote-mock-eleve.ics", 16}, {"libical/1.ics", 1},
        {"libical/2445.ics", 6}, {"libical/Paris.ics", 0}, {"libical/recur-errors.ics", 4}};
    for (const auto& entry : files) {
        const auto& [name, events] = entry;
        CAPTURE(entry.first); // clang 14 cannot capture a structured binding
        std::ifstream in(test::samples_dir() / "ics" / name, std::ios::binary);
        auto components = ical::parse(in, name);
        std::size_t found = 0;
        auto count = [&](const auto& self, const ical::component& c) -> void {
            if (c.name == "VEVENT") ++found;
            for (const auto& child : c.children) self(self, child);
        };
        for (const auto& c : components) count(count, c);
        CHECK(found == events);
    }
}
