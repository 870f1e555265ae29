// iCalendar content lines: unfolding, parameters, nesting, text escapes, and the errors of broken files.
#include <doctest/doctest.h>

#include <interop/errors.hpp>
#include <interop/ical/content.hpp>

#include <sstream>

using namespace interop;

namespace {

std::vector<ical::component> parse_text(const std::string& text, const ical::limits& lim = {}) {
    std::istringstream in(text);
    return ical::parse(in, "test.ics", lim);
}

std::string error_of(const std::string& text, const ical::limits& lim = {}) {
    try {
        parse_text(text, lim);
    } catch (const parse_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("components nest and properties keep their parameters") {
    auto cals = parse_text("\xEF\xBB\xBF" "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
                           "DTSTART;TZID=Europe/Paris:20260907T080000\r\n"
                           "ATTENDEE;ROLE=REQ-PARTICIPANT;DELEGATED-FROM=\"mailto:a@x.fr\",\"mailto:b@x.fr\":mailto:c@x.fr\r\n"
                           "summary:Math\\, 6A\\; salle 12\\nfin\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    REQUIRE(cals.size() == 1);
    CHECK(cals[0].name == "VCALENDAR");
    REQUIRE(cals[0].children.size() == 1);
    const auto& event = cals[0].children[0];
    CHECK(event.line == 3);
    const auto* start = event.find("DTSTART");
    REQUIRE(start);
    CHECK(*start->parameter_value("TZID") == "Europe/Paris");
    CHECK(start->value == "20260907T080000");
    const auto* attendee = event.find("ATTENDEE");
    REQUIRE(attendee);
    REQUIRE(attendee->parameters.size() == 2);
    CHECK(attendee->parameters[1].values == std::vector<std::string>{"mailto:a@x.fr", "mailto:b@x.fr"});
    CHECK(attendee->value == "mailto:c@x.fr");
    CHECK(ical::unescape_text(event.find("SUMMARY")->value) == "Math, 6A; salle 12\nfin");
}

TEST_CASE("folded lines are joined, with LF or CRLF ends, even inside a UTF-8 sequence") {
    auto cals = parse_text("BEGIN:VCALENDAR\nX-WR-CALDESC:Cong\xC3\n \xA9s scolaires\n\tde la zone B\nEND:VCALENDAR\n");
    CHECK(cals[0].find("X-WR-CALDESC")->value == "Congés scolairesde la zone B");
}

TEST_CASE("a colon inside a quoted parameter does not end the name") {
    auto cals = parse_text("BEGIN:VEVENT\r\nORGANIZER;CN=\"Dupont: prof\":mailto:d@x.fr\r\nEND:VEVENT\r\n");
    const auto* organizer = cals[0].find("ORGANIZER");
    CHECK(*organizer->parameter_value("CN") == "Dupont: prof");
    CHECK(organizer->value == "mailto:d@x.fr");
}

TEST_CASE("escaping then unescaping gives the text back") {
    std::string text = "a,b;c\\d\nnext";
    CHECK(ical::escape_text(text) == "a\\,b\\;c\\\\d\\nnext");
    CHECK(ical::unescape_text(ical::escape_text(text)) == text);
}

TEST_CASE("dates and date-times") {
    CHECK(ical::parse_date("20260229") == std::nullopt);
    CHECK(ical::parse_date("20280229") == model::date{2028, 2, 29});
    auto t = ical::parse_date_time("20261025T023000Z");
    REQUIRE(t);
    CHECK(t->utc);
    CHECK(t->seconds == 2 * 3600 + 30 * 60);
    CHECK_FALSE(ical::parse_date_time("20261025T253000"));
    CHECK_FALSE(ical::parse_date_time("2026-10-25"));
}

TEST_CASE("broken files are refused naming the line") {
    CHECK(error_of("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n") == "test.ics:3: ical: END:VCALENDAR closes VEVENT");
    CHECK(error_of("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\n") == "test.ics:2: ical: VEVENT is never closed (truncated file?)");
    CHECK(error_of("BEGIN:VCALENDAR\nthis is not a property\nEND:VCALENDAR\n") ==
          "test.ics:2: ical: expected name:value, found 'this is not a property'");
    CHECK(error_of("SUMMARY:x\n") == "test.ics:1: ical: property SUMMARY outside any component");
    CHECK(error_of("END:VEVENT\n") == "test.ics:1: ical: END:VEVENT without BEGIN");
    CHECK(error_of("BEGIN:VCALENDAR\nX-A:" + std::string(100, 'x') + "\nEND:VCALENDAR\n", {.max_line_bytes = 64}) ==
          "test.ics:2: ical: content line longer than the bound");
    CHECK(error_of("BEGIN:A\nBEGIN:B\nBEGIN:C\n", {.max_depth = 2}) == "test.ics:3: ical: components nested deeper than the bound");
}
