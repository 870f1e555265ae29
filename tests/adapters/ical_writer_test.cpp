// The iCalendar writer: every file parses in libical without error and expands to exactly the
// sessions of the model over the year (holidays excluded, changes applied), before and after
// a session moves; UIDs stay, SEQUENCE counts changes; folding, escaping, jCal.
#include "reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/csv/reader.hpp>
#include <interop/ical/content.hpp>
#include <interop/timetable/expand.hpp>
#include <interop/timetable/time_zone.hpp>

#include <libical/ical.h>
#include <rapidjson/document.h>

#include <map>
#include <set>

using namespace interop;

namespace {

using spans = std::multiset<std::pair<std::int64_t, std::int64_t>>;
using by_uid = std::map<std::string, spans>;

const std::filesystem::path demo_file = test::source_dir() / "examples" / "demo-school" / "demo-school.json";

model::dataset demo_dataset() { return test::read_as("json", demo_file); }

void write_with(const std::string& format, const model::dataset& ds, const std::filesystem::path& out) {
    registry r;
    register_all_adapters(r);
    io::loss_log losses;
    auto writer = open_writer(r.get(format), out, {losses});
    io::replay(ds, *writer);
}

std::size_t errors_in(icalcomponent* c) {
    std::size_t n = static_cast<std::size_t>(icalcomponent_count_properties(c, ICAL_XLICERROR_PROPERTY));
    for (auto* child = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); child;
         child = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        n += errors_in(child);
    return n;
}

std::int64_t utc_of(icaltimetype t) { return static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, t.zone)); }

/** What libical makes of a calendar: each UID's occurrences, overrides applied, cancelled ones left out. */
by_uid libical_expansion(const std::string& text, model::date from, model::date to) {
    icalcomponent* cal = icalparser_parse_string(text.c_str());
    REQUIRE(cal);
    CHECK(errors_in(cal) == 0);
    std::map<std::string, std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>>> instances; // uid → start → span
    std::vector<icalcomponent*> changes;
    auto start = icaltime_from_day_of_year(1, from.year - 1), end = icaltime_from_day_of_year(1, to.year + 2);
    for (auto* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        if (icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY)) {
            changes.push_back(e);
            continue;
        }
        auto& mine = instances[icalcomponent_get_uid(e)];
        icalcomponent_foreach_recurrence(
            e, start, end, [](icalcomponent*, icaltime_span* span, void* data) {
                (*static_cast<std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>>*>(data))[span->start] = {span->start, span->end};
            },
            &mine);
    }
    for (auto* e : changes) {
        auto& mine = instances[icalcomponent_get_uid(e)];
        // icalcomponent_get_recurrenceid() leaves the TZID unresolved; this resolves it in the calendar.
        auto rid = icalproperty_get_datetime_with_component(icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY), e);
        REQUIRE_MESSAGE(mine.erase(utc_of(rid)) == 1, "RECURRENCE-ID of ", std::string(icalcomponent_get_uid(e)), " at ", utc_of(rid), " is no occurrence");
        if (icalcomponent_get_status(e) != ICAL_STATUS_CANCELLED) {
            auto s = utc_of(icalcomponent_get_dtstart(e));
            mine[s] = {s, utc_of(icalcomponent_get_dtend(e))};
        }
    }
    icalcomponent_free(cal);
    by_uid out;
    for (const auto& [uid, list] : instances)
        for (const auto& [_, span] : list) out[uid].insert(span);
    return out;
}

/** What the model says: the sessions of `expand`, as UTC spans by the UID their event carries. */
by_uid model_expansion(const model::dataset& ds, model::date from, model::date to, const std::function<bool(const model::session&)>& keep) {
    timetable::time_zone paris("Europe/Paris");
    auto courses_only = ds;
    courses_only.all<model::session>().clear();
    std::set<std::string> occurrences;
    for (const auto& s : timetable::expand(courses_only, from, to)) occurrences.insert(s.id);
    by_uid out;
    for (const auto& s : timetable::expand(ds, from, to)) {
        if (s.status == model::session_status::cancelled || !keep(s)) continue;
        auto begin = paris.to_utc(s.day, s.start.minutes * 60);
        // A session changing an occurrence of its course is that course's event; any other is its own.
        bool occurrence = s.course && occurrences.count(timetable::occurrence_id(*s.course, s.original_day.value_or(s.day)));
        out[(occurrence ? *s.course : s.id) + "." + s.school + "@interop-hub"].insert({begin, begin + s.duration_minutes * 60});
    }
    return out;
}

const model::academic_year& year_of(const model::dataset& ds) { return ds.all<model::academic_year>().front(); }

bool attends(const model::dataset& ds, const model::session& s, const std::string& class_id) {
    const auto* c = s.course ? &test::find<model::course>(ds, *s.course) : nullptr;
    const auto& classes = !s.classes.empty() || !c ? s.classes : c->classes;
    return std::find(classes.begin(), classes.end(), class_id) != classes.end();
}

std::map<std::string, std::string> sequences_of(const std::string& text) {
    std::istringstream in(text);
    std::map<std::string, std::string> out;
    auto calendars = ical::parse(in, "x.ics");
    for (const auto& e : calendars.front().children) {
        if (e.name != "VEVENT") continue;
        const auto* rid = e.find("RECURRENCE-ID");
        out[e.find("UID")->value + (rid ? "|" + rid->value : "")] = e.find("SEQUENCE")->value;
    }
    return out;
}

} // namespace

TEST_CASE("the whole-school calendar expands in libical to exactly the model's sessions") {
    auto ds = demo_dataset();
    test::temp_dir dir("ical-school");
    write_with("ical", ds, dir / "school.ics");
    const auto& year = year_of(ds);
    auto text = test::read_file(dir / "school.ics");
    auto expected = model_expansion(ds, year.start, year.end, [](const auto&) { return true; });
    auto got = libical_expansion(text, year.start, year.end);
    CHECK(got.size() == expected.size());
    std::size_t sessions = 0;
    for (const auto& entry : expected) {
        const auto& [uid, list] = entry;
        CAPTURE(entry.first); // clang 14 cannot capture a structured binding
        CHECK(got[uid] == list);
        sessions += list.size();
    }
    CHECK(sessions > 10000);
}

TEST_CASE("a class's calendar holds its courses and its groups' courses, and nothing else") {
    auto ds = demo_dataset();
    test::temp_dir dir("ical-feeds");
    write_with("ical", ds, dir / "out");
    const auto& year = year_of(ds);
    const auto& some_class = ds.all<model::school_class>().front();
    auto school = some_class.school;
    CHECK(std::filesystem::exists(dir / "out" / school / "school.ics"));
    for (const char* folder : {"classes", "groups", "teachers", "pupils", "rooms"}) CHECK(!std::filesystem::is_empty(dir / "out" / school / folder));
    std::set<std::string> group_ids;
    for (const auto& g : ds.all<model::group>())
        if (std::find(g.classes.begin(), g.classes.end(), some_class.id) != g.classes.end()) group_ids.insert(g.id);
    auto text = test::read_file(dir / "out" / school / "classes" / (some_class.id + ".ics"));
    auto expected = model_expansion(ds, year.start, year.end, [&](const model::session& s) {
        if (attends(ds, s, some_class.id)) return true;
        const auto* c = s.course ? &test::find<model::course>(ds, *s.course) : nullptr;
        const auto& groups = !s.groups.empty() || !c ? s.groups : c->groups;
        return std::any_of(groups.begin(), groups.end(), [&](const auto& g) { return group_ids.count(g) > 0; });
    });
    auto got = libical_expansion(text, year.start, year.end);
    CHECK(got == expected);
}

TEST_CASE("after moving a session and exporting again: libical follows, UIDs stay, only that event's SEQUENCE grows") {
    auto ds = demo_dataset();
    test::temp_dir dir("ical-move");
    write_with("ical", ds, dir / "school.ics");
    auto before = sequences_of(test::read_file(dir / "school.ics"));
    const auto& year = year_of(ds);
    auto occurrences = timetable::expand(ds, year.start, year.end);
    auto target = std::find_if(occurrences.begin(), occurrences.end(), [](const model::session& s) {
        return s.course && s.id == timetable::occurrence_id(*s.course, s.day) && s.day.month == 3; // an ordinary occurrence in March
    });
    REQUIRE(target != occurrences.end());
    model::session moved = *target;
    moved.id = "moved-" + moved.id;
    moved.original_day = moved.day;
    moved.day = model::add_days(moved.day, 1);
    moved.start = {14 * 60};
    moved.status = model::session_status::moved;
    moved.reason = "Sortie au musée";
    ds.all<model::session>().push_back(moved);
    write_with("ical", ds, dir / "school.ics");
    auto text = test::read_file(dir / "school.ics");
    CHECK(libical_expansion(text, year.start, year.end) == model_expansion(ds, year.start, year.end, [](const auto&) { return true; }));
    auto after = sequences_of(text);
    std::size_t changed = 0;
    for (const auto& [key, seq] : after) {
        if (!before.count(key)) continue;
        if (before[key] != seq) ++changed;
        CHECK(std::stoi(seq) >= std::stoi(before[key]));
    }
    CHECK(changed == 0); // the master event did not change: the move is a new RECURRENCE-ID event
    CHECK(after.size() == before.size() + 1);

    // Now the move itself changes: its event's SEQUENCE goes to 1, nothing else moves.
    ds.all<model::session>().back().start = {15 * 60};
    write_with("ical", ds, dir / "school.ics");
    auto again = sequences_of(test::read_file(dir / "school.ics"));
    changed = 0;
    for (const auto& [key, seq] : again)
        if (after[key] != seq) {
            ++changed;
            CHECK(key.find('|') != std::string::npos);
            CHECK(seq == "1");
        }
    CHECK(changed == 1);
}

TEST_CASE("lines are folded at 75 octets without splitting a character, text is escaped") {
    model::dataset ds;
    model::academic_year year;
    year.id = "y";
    year.school = "0130001F";
    year.start = {2026, 9, 1};
    year.end = {2026, 9, 30};
    ds.all<model::academic_year>().push_back(year);
    model::subject subject;
    subject.id = "s";
    subject.long_label = "Éducation physique; sportive, et « activités » à l'extérieur — ééééééééééééééééééééééééééééé";
    ds.all<model::subject>().push_back(subject);
    model::course c;
    c.id = "c";
    c.school = "0130001F";
    c.subject = "s";
    c.weekday = 2;
    c.start = {8 * 60};
    ds.all<model::course>().push_back(c);
    test::temp_dir dir("ical-fold");
    write_with("ical", ds, dir / "c.ics");
    auto text = test::read_file(dir / "c.ics");
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find("\r\n", at);
        REQUIRE(end != std::string::npos);
        CHECK(end - at <= 75);
        CHECK(text.find('\n', at) == end + 1); // no bare LF
        auto line = text.substr(at, end - at);
        CHECK(csv::valid_utf8(line));
        at = end + 2;
    }
    std::istringstream in(text);
    auto calendars = ical::parse(in, "c.ics");
    const auto& event = calendars.front().children.back();
    CHECK(ical::unescape_text(event.find("SUMMARY")->value) == subject.long_label);
    CHECK(event.find("RRULE")->value == "FREQ=WEEKLY;UNTIL=20260929T060000Z");
    auto parsed = libical_expansion(text, year.start, year.end);
    CHECK(parsed.begin()->second.size() == 5); // Tuesdays 1, 8, 15, 22, 29 September 2026
}

TEST_CASE("jCal holds the same events as iCalendar") {
    auto ds = demo_dataset();
    test::temp_dir dir("jcal");
    write_with("jcal", ds, dir / "school.json");
    write_with("ical", ds, dir / "school.ics");
    rapidjson::Document doc;
    auto text = test::read_file(dir / "school.json");
    doc.Parse(text.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    REQUIRE(doc.IsArray());
    CHECK(std::string(doc[0].GetString()) == "vcalendar");
    const auto& components = doc[2];
    std::size_t events = 0;
    for (const auto& c : components.GetArray()) events += std::string(c[0].GetString()) == "vevent";
    auto ics = test::read_file(dir / "school.ics");
    std::size_t ics_events = 0;
    for (auto at = ics.find("BEGIN:VEVENT"); at != std::string::npos; at = ics.find("BEGIN:VEVENT", at + 1)) ++ics_events;
    CHECK(events == ics_events);
    const auto& first_event = components[1];
    bool has_rrule = false;
    for (const auto& p : first_event[1].GetArray()) {
        std::string name = p[0].GetString();
        if (name == "dtstart") {
            CHECK(std::string(p[1]["tzid"].GetString()) == "Europe/Paris");
            CHECK(std::string(p[2].GetString()) == "date-time");
            CHECK(std::string(p[3].GetString()).size() == 19); // 2025-09-01T08:00:00
        }
        if (name == "rrule") {
            has_rrule = true;
            CHECK(std::string(p[3]["freq"].GetString()) == "WEEKLY");
        }
    }
    CHECK(has_rrule);
}

TEST_CASE("a course whose recurrence cannot be bounded is an error naming it") {
    model::dataset ds;
    model::course c;
    c.id = "c1";
    c.school = "0130001F";
    ds.all<model::course>().push_back(c);
    test::temp_dir dir("ical-unbounded");
    CHECK_THROWS_WITH_AS(write_with("ical", ds, dir / "x.ics"),
                         "school 0130001F has no academic_year and course c1 no validity: its recurrence cannot be bounded", interop::error);
    CHECK_FALSE(std::filesystem::exists(dir / "x.ics"));
}

TEST_CASE("a small timetable gives the golden calendars: every audience, alternations, changes, one-offs") {
    const auto data = test::source_dir() / "tests" / "data" / "ical";
    auto ds = test::read_as("json", test::corpus_dir("json") / "y_timetable.json");
    test::temp_dir dir("ical-golden");
    write_with("ical", ds, dir / "out");
    write_with("jcal", ds, dir / "school.json");
    std::set<std::string> written;
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir / "out")) {
        if (!f.is_regular_file()) continue;
        auto relative = std::filesystem::relative(f.path(), dir / "out").string();
        written.insert(relative);
        CHECK_MESSAGE(test::matches_golden(data / "golden" / relative, test::read_file(f.path())), relative, " differs from its golden file");
    }
    CHECK(written == std::set<std::string>{"0130001F/school.ics", "0130001F/classes/6A.ics", "0130001F/classes/6B.ics",
                                           "0130001F/groups/6LAT.ics", "0130001F/teachers/P1.ics", "0130001F/teachers/P2.ics",
                                           "0130001F/pupils/E1.ics", "0130001F/pupils/E2.ics", "0130001F/rooms/S12.ics",
                                           "0130001F/rooms/LAB1.ics"});
    CHECK(test::matches_golden(data / "golden" / "school.json", test::read_file(dir / "school.json")));
    const auto& year = year_of(ds);
    auto got = libical_expansion(test::read_file(dir / "out" / "0130001F" / "school.ics"), year.start, year.end);
    auto expected = model_expansion(ds, year.start, year.end, [](const auto&) { return true; });
    CHECK(got == expected);
}
