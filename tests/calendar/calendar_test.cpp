// Public holidays, the shipped school holidays, their imports and a school's calendar of days off.
#include <doctest/doctest.h>

#include <interop/calendar/completing_sink.hpp>
#include <interop/calendar/school_holidays.hpp>
#include <interop/calendar/school_year.hpp>
#include <interop/io/sink.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <sstream>

using namespace interop;
using model::date;
using model::holiday_zone;

namespace {

std::vector<std::string> labels_on(const std::vector<model::calendar_entry>& entries, date day) {
    std::vector<std::string> out;
    for (const auto& e : entries)
        if (e.start <= day && day <= e.end) out.push_back(e.label);
    return out;
}

calendar::holiday_table read_text(const std::string& name, const std::string& text, std::optional<holiday_zone> zone = {}) {
    return calendar::read_holidays(io::input::from_memory(name, text), zone);
}

std::string error_of(const std::string& text) {
    try {
        read_text("h.csv", text);
    } catch (const parse_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("Easter Sunday") {
    CHECK(calendar::easter_sunday(2024) == date{2024, 3, 31});
    CHECK(calendar::easter_sunday(2025) == date{2025, 4, 20});
    CHECK(calendar::easter_sunday(2026) == date{2026, 4, 5});
    CHECK(calendar::easter_sunday(2027) == date{2027, 3, 28});
    CHECK(calendar::easter_sunday(2038) == date{2038, 4, 25}); // the latest possible
    CHECK(calendar::easter_sunday(2285) == date{2285, 3, 22}); // the earliest possible
}

TEST_CASE("public holidays of a year, Easter-based ones included") {
    auto days = calendar::public_holidays(2026);
    REQUIRE(days.size() == 11);
    CHECK(labels_on(days, {2026, 4, 6}) == std::vector<std::string>{"Lundi de Pâques"});
    CHECK(labels_on(days, {2026, 5, 14}) == std::vector<std::string>{"Ascension"});
    CHECK(labels_on(days, {2026, 5, 25}) == std::vector<std::string>{"Lundi de Pentecôte"});
    CHECK(labels_on(days, {2026, 11, 11}) == std::vector<std::string>{"Armistice 1918"});
    CHECK(labels_on(days, {2026, 4, 3}).empty()); // Good Friday: only in Alsace-Moselle
    for (std::size_t i = 1; i < days.size(); ++i) CHECK(days[i - 1].start <= days[i].start);
}

TEST_CASE("regional public holidays") {
    model::establishment strasbourg;
    strasbourg.postal_code = "67000";
    CHECK(calendar::region_of(strasbourg) == calendar::holiday_region::alsace_moselle);
    auto alsace = calendar::public_holidays(2026, calendar::region_of(strasbourg));
    CHECK(alsace.size() == 13);
    CHECK(labels_on(alsace, {2026, 4, 3}) == std::vector<std::string>{"Vendredi saint"});
    CHECK(labels_on(alsace, {2026, 12, 26}) == std::vector<std::string>{"Saint-Étienne"});

    model::establishment cayenne;
    cayenne.time_zone = "America/Cayenne";
    cayenne.postal_code = "97300";
    auto guyane = calendar::public_holidays(2026, calendar::region_of(cayenne));
    CHECK(labels_on(guyane, {2026, 6, 10}) == std::vector<std::string>{"Abolition de l'esclavage"});
}

TEST_CASE("the shipped table holds zones A, B and C for 2024-2025 and 2025-2026") {
    const auto& table = calendar::official_holidays();
    for (auto zone : {holiday_zone::a, holiday_zone::b, holiday_zone::c}) {
        CHECK(table.of_zone(zone, {2024, 9, 1}, {2025, 8, 31}).size() == 6);
        CHECK(table.of_zone(zone, {2025, 9, 1}, {2026, 8, 31}).size() == 6);
    }
    auto winter_b = table.of_zone(holiday_zone::b, {2026, 2, 20}, {2026, 2, 20});
    REQUIRE(winter_b.size() == 1);
    CHECK(winter_b[0].label == "Vacances d'hiver");
    CHECK(winter_b[0].start == date{2026, 2, 14});
    CHECK(winter_b[0].end == date{2026, 3, 1});
}

TEST_CASE("the table written then read back is the same") {
    std::ostringstream out;
    calendar::write_holidays(calendar::official_holidays(), out);
    CHECK(read_text("h.csv", out.str()).entries() == calendar::official_holidays().entries());
}

TEST_CASE("the day-by-day CSV becomes one holiday per run of days") {
    auto table = read_text("data.csv", "date,vacances_zone_a,vacances_zone_b,vacances_zone_c,nom_vacances\n"
                                       "2027-02-05,False,False,False,\n"
                                       "2027-02-06,True,False,False,Vacances d'hiver\n"
                                       "2027-02-07,True,False,False,Vacances d'hiver\n"
                                       "2027-02-08,False,True,False,Vacances d'hiver\n");
    REQUIRE(table.entries().size() == 2);
    CHECK(table.entries()[0] == calendar::holiday{holiday_zone::a, "Vacances d'hiver", {2027, 2, 6}, {2027, 2, 7}});
    CHECK(table.entries()[1] == calendar::holiday{holiday_zone::b, "Vacances d'hiver", {2027, 2, 8}, {2027, 2, 8}});
}

TEST_CASE("an iCalendar file gives its zone's holidays, DTEND exclusive, staff-only days left out") {
    std::string ics = "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Calendrier scolaire - Zone C\r\n"
                      "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261017\r\nDTEND;VALUE=DATE:20261102\r\nSUMMARY:Vacances de la Toussaint\r\nEND:VEVENT\r\n"
                      "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270828\r\nDTEND;VALUE=DATE:20270831\r\nSUMMARY:Vacances d'Été(prérentrée Enseignants)\r\nEND:VEVENT\r\n"
                      "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270703\r\nDTEND;VALUE=DATE:20270703\r\nSUMMARY:Début des Vacances d'Été\r\nEND:VEVENT\r\n"
                      "END:VCALENDAR\r\n";
    auto table = read_text("Zone-C.ics", ics);
    REQUIRE(table.entries().size() == 2);
    CHECK(table.entries()[0] == calendar::holiday{holiday_zone::c, "Vacances de la Toussaint", {2026, 10, 17}, {2026, 11, 1}});
    CHECK(table.entries()[1] == calendar::holiday{holiday_zone::c, "Vacances d'Été", {2027, 7, 3}, {2027, 8, 31}});
    CHECK(read_text("x.ics", ics, holiday_zone::a).entries()[0].zone == holiday_zone::a);
}

TEST_CASE("the ministry's open dataset, as JSON (export or API) or CSV: Paris days from UTC instants, staff-only and overseas left out") {
    std::string json = R"([
      {"description": "Vacances de la Toussaint", "population": "-", "start_date": "2026-10-16T22:00:00+00:00",
       "end_date": "2026-11-01T23:00:00+00:00", "location": "Lille", "zones": "Zone B", "annee_scolaire": "2026-2027"},
      {"description": "Vacances de la Toussaint", "population": "-", "start_date": "2026-10-16T22:00:00+00:00",
       "end_date": "2026-11-01T23:00:00+00:00", "location": "Nantes", "zones": "Zone B", "annee_scolaire": "2026-2027"},
      {"description": "Vacances de Noël", "population": "Élèves", "start_date": "2026-12-18T23:00:00+00:00",
       "end_date": "2027-01-03T23:00:00+00:00", "location": "Ajaccio", "zones": "Corse", "annee_scolaire": "2026-2027"},
      {"description": "Vacances de la Toussaint", "population": "-", "start_date": "2026-10-16T20:00:00+00:00",
       "end_date": "2026-11-01T20:00:00+00:00", "location": "La Réunion", "zones": "La Réunion", "annee_scolaire": "2026-2027"},
      {"description": "Début des Vacances d'Été", "population": "Enseignants", "start_date": "2027-07-02T22:00:00+00:00",
       "end_date": "2027-07-02T22:00:00+00:00", "location": "Lille", "zones": "Zone B", "annee_scolaire": "2026-2027"}
    ])";
    const std::vector<calendar::holiday> expected{
        {holiday_zone::b, "Vacances de la Toussaint", {2026, 10, 17}, {2026, 11, 1}},
        {holiday_zone::corse, "Vacances de Noël", {2026, 12, 19}, {2027, 1, 3}}};
    CHECK(read_text("calendrier.json", json).entries() == expected);
    CHECK(read_text("api.json", R"({"total_count": 5, "results": )" + json + "}").entries() == expected);
    std::string csv = "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\n"
                      "Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Lille;Zone B;2026-2027\n"
                      "Vacances de Noël;Élèves;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Ajaccio;Corse;2026-2027\n";
    CHECK(read_text("calendrier.csv", csv).entries() == expected);
    CHECK(error_of("description;population;start_date;zones\n") == "h.csv:1: holidays: no column end_date (or Date de fin)");
}

TEST_CASE("an update replaces the years it covers and keeps the others") {
    auto table = calendar::official_holidays();
    calendar::holiday_table newer({{holiday_zone::b, "Vacances d'hiver", {2026, 2, 15}, {2026, 3, 1}},
                                   {holiday_zone::b, "Vacances de la Toussaint", {2026, 10, 17}, {2026, 11, 1}}});
    table.update(newer);
    auto b = table.of_zone(holiday_zone::b, {2024, 1, 1}, {2027, 12, 31});
    // Kept: 2024-2025 (6) and the 2025-2026 holidays before the span (2); within it, only the newer (2).
    CHECK(b.size() == 10);
    CHECK(table.of_zone(holiday_zone::b, {2026, 2, 14}, {2026, 2, 14}).empty());
    CHECK(table.of_zone(holiday_zone::a, {2024, 1, 1}, {2027, 12, 31}).size() == 12);
}

TEST_CASE("a school's calendar: its zone's holidays and its region's public holidays, clipped to the year") {
    model::establishment school;
    school.uai = "0670001X";
    school.zone = holiday_zone::b;
    school.postal_code = "67000";
    model::academic_year year;
    year.id = "2025-2026";
    year.start = {2025, 9, 1};
    year.end = {2026, 7, 3};
    auto cal = calendar::school_calendar(calendar::official_holidays(), school, year);
    CHECK(cal.school == "0670001X");
    CHECK(cal.academic_year == "2025-2026");
    CHECK(labels_on(cal.entries, {2026, 2, 20}) == std::vector<std::string>{"Vacances d'hiver"});
    CHECK(labels_on(cal.entries, {2026, 4, 3}) == std::vector<std::string>{"Vendredi saint"});
    CHECK(labels_on(cal.entries, {2026, 5, 14}) == std::vector<std::string>{"Pont de l'Ascension", "Ascension"});
    CHECK(labels_on(cal.entries, {2025, 11, 11}) == std::vector<std::string>{"Armistice 1918"});
    CHECK(labels_on(cal.entries, {2026, 7, 14}).empty()); // after the year
    CHECK(labels_on(cal.entries, {2025, 9, 2}).empty());
}

TEST_CASE("bad holiday files are refused naming the line") {
    CHECK(error_of("zone;label;start;end\nD;Vacances;2026-10-17;2026-11-01\n") ==
          "h.csv:2: holidays: unknown zone 'D' (A, B, C, corse, overseas)");
    CHECK(error_of("zone;label;start;end\nA;Vacances;2026-10-17;2026-10-01\n") == "h.csv:2: holidays: holiday ends before it starts");
    CHECK(error_of("zone;label;start;end\nA;Vacances;2026-02-30;2026-03-01\n") ==
          "h.csv:2: holidays: '2026-02-30' is not a date YYYY-MM-DD");
    CHECK(error_of("date,vacances_zone_a,vacances_zone_b,vacances_zone_c,nom_vacances\n2026-01-01,True,False,False,x\n2026-01-03,True,False,False,x\n") ==
          "h.csv:3: holidays: days are not consecutive after 2026-01-01");
    CHECK(error_of("date,vacances_zone_a,vacances_zone_b,vacances_zone_c,nom_vacances\n2026-01-01,Yes,False,False,x\n") ==
          "h.csv:2: holidays: expected True or False, found 'Yes'");
    CHECK(error_of("hello\n") == "h.csv:1: holidays: not an iCalendar file, the ministry's calendar dataset (CSV or JSON), a day-by-day holiday CSV, nor a zone;label;start;end table");
    try {
        read_text("nozone.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261017\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n");
        FAIL("no error");
    } catch (const parse_error& e) {
        CHECK(std::string(e.what()) == "nozone.ics:2: holidays: no zone: give one, or name it in X-WR-CALNAME or LOCATION (\"Zone B\")");
    }
}

TEST_CASE("the completing sink adds school calendars to timetables that come without") {
    model::dataset in;
    auto year = [](std::string school) {
        model::academic_year y;
        y.id = "2025-2026";
        y.school = std::move(school);
        y.start = {2025, 9, 1};
        y.end = {2026, 7, 3};
        return y;
    };
    model::course c;
    c.id = "C1";
    c.school = "0130001F";
    in.add(model::any_record{c});
    in.add(model::any_record{year("0130001F")});
    c.school = "0440008V";
    in.add(model::any_record{c});
    in.add(model::any_record{year("0440008V")});
    model::calendar own;
    own.id = "own";
    own.school = "0440008V";
    own.academic_year = "2025-2026";
    in.add(model::any_record{own});

    model::dataset out;
    io::dataset_sink sink(out);
    diagnostics diags;
    calendar::completing_sink completed(sink, calendar::official_holidays(), model::holiday_zone::b, diags);
    io::replay(in, completed);
    REQUIRE(out.all<model::calendar>().size() == 2); // the school that had one keeps it alone
    const auto& added = out.all<model::calendar>().back();
    CHECK(added.school == "0130001F");
    CHECK(added.zone == model::holiday_zone::b);
    CHECK(std::any_of(added.entries.begin(), added.entries.end(), [](const auto& e) { return e.label == "Vacances d'hiver" && e.start == model::date{2026, 2, 14}; }));
    CHECK(std::any_of(added.entries.begin(), added.entries.end(), [](const auto& e) { return e.type == model::calendar_entry_kind::public_holiday && e.start == model::date{2026, 4, 6}; }));
    CHECK(diags.items().empty());

    model::dataset again;
    io::dataset_sink again_sink(again);
    calendar::completing_sink no_zone(again_sink, calendar::official_holidays(), std::nullopt, diags);
    io::replay(in, no_zone);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "calendar.no-zone");
    // Only public holidays: 1 and 11 November, 25 December, 1 January, Easter Monday, 1 and 8 May, Ascension, Whit Monday.
    CHECK(again.all<model::calendar>().back().entries.size() == 9);
}

TEST_CASE("a school year runs from 1 September to 31 August, named by the year it starts in") {
    CHECK(calendar::school_year_of({2026, 12, 7}) == 2026);
    CHECK(calendar::school_year_of({2026, 9, 1}) == 2026);
    CHECK(calendar::school_year_of({2026, 8, 31}) == 2025);
    CHECK(calendar::school_year_of({2027, 1, 4}) == 2026);
    CHECK(calendar::school_year_of({2027, 7, 14}) == 2026);
    CHECK(calendar::school_year_of({2028, 2, 29}) == 2027);
    CHECK(calendar::school_year_label(2026) == "2026-2027");
}
