// iCalendar in: a hand-written agenda (time zones, a weekly rule with EXDATE, RDATE, a moved
// and a cancelled occurrence, DURATION, all-day holidays) gives its golden dataset; our own
// export, one file or the whole-school folder, reads back as the model's sessions; broken
// calendars are refused naming the line.
#include "reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>
#include <interop/timetable/expand.hpp>

#include <set>
#include <tuple>

using namespace interop;

namespace {

const auto ical_reader_fixtures = test::corpus_dir("ical");

/** What a session is, its id aside (a moved session is named by its occurrence here, by its own id in the model). */
using ical_session_key = std::tuple<model::date, int, int, model::session_status, std::string, std::vector<std::string>, std::vector<std::string>,
                               std::vector<std::string>, std::vector<std::string>, std::string, std::optional<model::date>>;

ical_session_key key_of(const model::session& s, const model::course* c) {
    auto pick = [&](const std::vector<std::string>& own, const std::vector<std::string> model::course::*field) {
        auto v = !own.empty() || !c ? own : c->*field;
        std::sort(v.begin(), v.end());
        return v;
    };
    return {s.day, s.start.minutes, s.duration_minutes, s.status, s.subject.value_or(c ? c->subject : ""), pick(s.teachers, &model::course::teachers),
            pick(s.classes, &model::course::classes), pick(s.groups, &model::course::groups), pick(s.rooms, &model::course::rooms), s.course.value_or(""),
            s.original_day};
}

std::multiset<ical_session_key> keys(const std::vector<model::session>& sessions, const model::dataset& ds) {
    std::map<std::string, const model::course*> courses;
    for (const auto& c : ds.all<model::course>()) courses[c.id] = &c;
    std::multiset<ical_session_key> out;
    for (auto s : sessions) {
        if (auto read = s.extensions.find("ical:course"); read != s.extensions.end()) s.course = read->second; // as read back from a feed
        out.insert(key_of(s, s.course && courses.count(*s.course) ? courses[*s.course] : nullptr));
    }
    return out;
}

std::string ical_refusal(const std::string& text) {
    diagnostics diags;
    try {
        test::read_as("ical", io::input::from_memory("agenda.ics", text), diags);
    } catch (const parse_error& e) {
        return e.what();
    }
    return "accepted";
}

std::string calendar_with(const std::string& event) { return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n" + event + "END:VEVENT\r\nEND:VCALENDAR\r\n"; }

} // namespace

TEST_CASE("a hand-written agenda reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = test::read_as("ical", io::input::open(ical_reader_fixtures / "y_agenda.ics"), diags);
    CHECK(diags.items().empty());
    REQUIRE(ds.all<model::session>().size() == 10); // 8 weekly Mondays less one EXDATE, plus one RDATE; an outing; an English lesson
    const auto& moved = test::find<model::session>(ds, "maths-6a@ent.example@2025-09-08");
    CHECK(moved.status == model::session_status::moved);
    CHECK(moved.day == model::date{2025, 9, 9});
    CHECK(moved.original_day == model::date{2025, 9, 8});
    CHECK(moved.rooms == std::vector<std::string>{"Salle 14"});
    CHECK(moved.teachers == std::vector<std::string>{"Mme Durand"}); // from its event
    CHECK(moved.reason == "sortie scolaire");
    CHECK(test::find<model::session>(ds, "maths-6a@ent.example@2025-10-06").status == model::session_status::cancelled);
    const auto& outing = test::find<model::session>(ds, "sortie-6a@ent.example");
    CHECK(outing.start.minutes == 8 * 60 + 30); // 07:30 UTC after the change to winter time
    CHECK(outing.duration_minutes == 210);
    const auto& entries = ds.all<model::calendar>().front().entries;
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].end == model::date{2025, 11, 2}); // DTEND is exclusive
}

TEST_CASE("our own iCalendar export reads back as the model's sessions, one file or the whole-school folder") {
    auto demo = test::demo_school();
    const auto& year = demo.all<model::academic_year>().back();
    auto expected = keys(timetable::expand(demo, year.start, year.end), demo);
    REQUIRE(expected.size() > 10000);
    test::temp_dir dir("ical-read-back");
    for (const auto& out : {dir / "demo.ics", dir / "feeds"}) {
        CAPTURE(out);
        test::write_as("ical", demo, out);
        diagnostics diags;
        auto back = test::read_as("ical", io::input::open(out), diags);
        CHECK(diags.items().empty());
        CHECK(keys(back.all<model::session>(), demo) == expected);
        for (const auto& subject : back.all<model::subject>()) // our ids, named by the labels beside them
            CHECK(subject.long_label == test::find<model::subject>(demo, subject.id).long_label);
        CHECK(!back.all<model::staff>().empty());
        CHECK(back.all<model::session>().front().school == demo.all<model::establishment>().front().uai);
    }
}

TEST_CASE("broken calendars are refused naming the line; what can be skipped is reported") {
    CHECK(ical_refusal(calendar_with("DTSTART:20250901T080000Z\r\nDTEND:20250901T070000Z\r\n")) == "agenda.ics:6: ical: DTEND before DTSTART");
    CHECK(ical_refusal(calendar_with("DTSTART:20250901T080000Z\r\nRRULE:INTERVAL=2\r\n")) == "agenda.ics:6: ical: RRULE without FREQ");
    CHECK(ical_refusal(calendar_with("DTSTART:2025-09-01\r\n")) == "agenda.ics:5: ical: DTSTART '2025-09-01' is no DATE-TIME");
    CHECK(ical_refusal(calendar_with("DTSTART:20250901T080000Z\r\nDURATION:1H\r\n")) == "agenda.ics:6: ical: DURATION '1H' is no positive duration");
    CHECK(ical_refusal(calendar_with("DTSTART:20250901T080000Z\r\nDURATION:P99999999W99999999W\r\n")).find("is no positive duration") != std::string::npos);
    CHECK(ical_refusal("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n").find("agenda.ics:") == 0);
    diagnostics diags;
    auto ds = test::read_as("ical", io::input::from_memory("agenda.ics", calendar_with("SUMMARY:no start\r\n") + ""), diags);
    CHECK(ds.all<model::session>().empty());
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "ical.dtstart");
    ds = test::read_as("ical", io::input::from_memory("agenda.ics", calendar_with("DTSTART:20250901T080000Z\r\nRRULE:FREQ=MONTHLY;BYSETPOS=2;BYDAY=MO\r\n")), diags);
    CHECK(ds.all<model::session>().size() == 1); // a rule not understood is not guessed at
    CHECK(diags.items().back().code == "ical.rrule");
}

TEST_CASE("a property RFC 5545 allows once, given twice, leaves its event out with a warning, never a guess") {
    for (const std::string twice : {"DTSTART:20250901T080000Z\r\nDTSTART:20250902T080000Z\r\n", "DTSTART:20250901T080000Z\r\nSUMMARY:A\r\nSUMMARY:B\r\n",
                                    "DTSTART:20250901T080000Z\r\nSEQUENCE:1\r\nSEQUENCE:2\r\n",
                                    "DTSTART:20250901T080000Z\r\nDTEND:20250901T090000Z\r\nDURATION:PT1H\r\n"}) {
        CAPTURE(twice);
        diagnostics diags;
        auto ds = test::read_as("ical", io::input::from_memory("agenda.ics", calendar_with(twice)), diags);
        CHECK(ds.all<model::session>().empty());
        REQUIRE(diags.items().size() == 1);
        CHECK(diags.items()[0].code == "ical.repeated");
        CHECK(diags.items()[0].where.line == 3);
    }
}

TEST_CASE("an event over a day is no session: said and left out, not given to a writer to drop") {
    for (const std::string event : {"DTSTART:20250901T080000Z\r\nDTEND:20250903T080000Z\r\n", "DTSTART:20250901T080000Z\r\nDURATION:P2D\r\n"}) {
        diagnostics diags;
        auto ds = test::read_as("ical", io::input::from_memory("agenda.ics", calendar_with(event)), diags);
        CHECK(ds.all<model::session>().empty());
        REQUIRE(!diags.items().empty());
        CHECK(diags.items().back().code == "ical.length");
    }
}
