// FET: a hand-written timetable reads whole (its golden dataset is the corpus's); placements come from
// starting times of weight 100 only; hours named by their times give the courses' times.
#include "reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

using namespace interop;

namespace {
const auto fet_fixtures = test::source_dir() / "tests" / "data" / "fet";
const auto fet_corpus = test::corpus_dir("fet");
}

TEST_CASE("a hand-written FET timetable reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = test::read_as("fet", io::input::open(fet_corpus / "y_college_data_and_timetable.fet"), diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].message == "1 active activities have no starting time of weight 100 (a timetable not generated or not locked yet): no course for them");
    REQUIRE(ds.all<model::course>().size() == 2); // activity 3 is inactive, 4 only preferred at 95 %
    const auto& maths = test::find<model::course>(ds, "A1");
    CHECK(maths.weekday == 1);
    CHECK(maths.start.minutes == 8 * 60);
    CHECK(maths.duration_minutes == 110); // two hours: 8.00 to 9.50
    CHECK(maths.classes == std::vector<std::string>{"6A", "6B"});
    CHECK(maths.rooms == std::vector<std::string>{"S12"});
    const auto& english = test::find<model::course>(ds, "A2");
    CHECK(english.weekday == 2);
    CHECK(english.groups == std::vector<std::string>{"6A-G1"});
    CHECK(test::find<model::group>(ds, "6A-G1-a").classes == std::vector<std::string>{"6A"});
}

TEST_CASE("broken FET files are refused or reported naming the line") {
    auto read_text = [](const std::string& text, diagnostics& diags) {
        return test::read_as("fet", io::input::from_memory("x.fet", text), diags, false);
    };
    diagnostics diags;
    CHECK_THROWS_WITH_AS(read_text("<fet version=\"5\"><Days_List>", diags), doctest::Contains("x.fet:1"), parse_error);
    auto ds = read_text("<fet version=\"5\"><Days_List><Day><Name>Monday</Name></Day></Days_List>"
                        "<Hours_List><Hour><Name>8.00 - 9.00</Name></Hour></Hours_List>"
                        "<Activities_List><Activity><Id>1</Id><Duration>1</Duration><Active>true</Active></Activity></Activities_List>"
                        "<Time_Constraints_List><ConstraintActivityPreferredStartingTime><Weight_Percentage>100</Weight_Percentage>"
                        "<Activity_Id>1</Activity_Id><Preferred_Day>Caturday</Preferred_Day><Preferred_Hour>8.00 - 9.00</Preferred_Hour>"
                        "</ConstraintActivityPreferredStartingTime></Time_Constraints_List></fet>",
                        diags);
    CHECK(ds.all<model::course>().empty());
    REQUIRE(diags.count(severity::error) == 1);
    CHECK(diags.items().back().message == "activity 1 is placed on day 'Caturday', hour '8.00 - 9.00', which the lists do not hold; left out");
    auto rooms = read_text("<fet version=\"5\"><Rooms_List><Room><Name>R1</Name><Capacity>99999999999</Capacity></Room></Rooms_List></fet>", diags);
    CHECK(!test::find<model::room>(rooms, "R1").capacity); // too large to be a capacity: left out, not a throw
}

TEST_CASE("FET's timetable.csv: the hours of one activity make one course") {
    diagnostics diags;
    auto ds = test::read_as("fet", io::input::open(fet_fixtures / "timetable.csv"), diags);
    REQUIRE(ds.all<model::course>().size() == 3);
    const auto& maths = test::find<model::course>(ds, "A1");
    CHECK(maths.weekday == 1);
    CHECK(maths.start.minutes == 8 * 60);
    CHECK(maths.duration_minutes == 110);
    CHECK(maths.classes == std::vector<std::string>{"6A", "6B"});
    CHECK(maths.rooms == std::vector<std::string>{"S12"});
    const auto& english = test::find<model::course>(ds, "A2");
    CHECK(english.teachers == std::vector<std::string>{"Smith", "Jones"});
    CHECK(english.rooms.empty());
    CHECK(test::find<model::course>(ds, "A3").start.minutes == 10 * 60 + 5);
    CHECK(ds.all<model::time_grid>().front().slots.size() == 3);
    CHECK(ds.all<model::school_class>().size() == 3); // 6A-G1 too: the file does not tell groups apart
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "fet.sets");

    CHECK_THROWS_WITH_AS(test::read_as("fet", io::input::from_memory("timetable.csv", "\"Activity Id\",\"Day\",\"Hour\",\"Students Sets\",\"Subject\",\"Teachers\",\"Activity Tags\",\"Room\",\"Comments\"\n1,Caturday,08:00,6A,M,T,,R,\n"), diags),
                         doctest::Contains("timetable.csv:2"), parse_error);
    CHECK_THROWS_WITH_AS(test::read_as("fet", io::input::from_memory("timetable.csv", "\"Activity Id\",\"Day\",\"Hour\",\"Students Sets\",\"Subject\",\"Teachers\",\"Activity Tags\",\"Room\",\"Comments\"\n1,Monday,first,6A,M,T,,R,\n"), diags),
                         doctest::Contains("hour 'first' is not named by its time"), parse_error);
    // Found by fuzzing: two hour names with one start time (one with a broken end) crashed the reader.
    auto same_start = test::read_as("fet", io::input::from_memory("timetable.csv", "\"Activity Id\",\"Day\",\"Hour\",\"Students Sets\",\"Subject\",\"Teachers\",\"Activity Tags\",\"Room\",\"Comments\"\n"
                                                                                 "1,Lundi,8.00 - 8.5B,6A,M,T,,R,\n1,Lundi,8.55 - 9.50,6A,M,T,,R,\n2,Mardi,8.00 - 8.55,6A,M,T,,R,\n3,Mardi,9.00 - 8.00,6A,M,T,,R,\n"),
                                    diags);
    CHECK(test::find<model::course>(same_start, "A1").duration_minutes == 110);
    CHECK(test::find<model::course>(same_start, "A2").duration_minutes == 55);
    CHECK(test::find<model::course>(same_start, "A3").duration_minutes == 60); // an end before its start is no end
}

TEST_CASE("model → FET → model keeps every course of the demo school, its week patterns and its school") {
    auto demo = test::demo_school();
    test::temp_dir dir("fet-roundtrip");
    test::write_as("fet", demo, dir / "demo.fet");
    diagnostics diags;
    auto back = test::read_as("fet", io::input::open(dir / "demo.fet"), diags);
    CHECK(diags.count(severity::error) == 0);
    REQUIRE(back.all<model::course>().size() == demo.all<model::course>().size());
    for (const auto& c : demo.all<model::course>()) { // the demo's grid repeats its afternoon slots per day: hours are its distinct times
        CAPTURE(c.id);
        const auto& b = test::find<model::course>(back, c.id);
        CHECK(std::tie(b.weekday, b.start, b.duration_minutes, b.subject, b.week_pattern) == std::tie(c.weekday, c.start, c.duration_minutes, c.subject, c.week_pattern));
    }
    CHECK(back.all<model::time_grid>().front().id == demo.all<model::time_grid>().front().id);
    CHECK(back.all<model::course>().front().school == demo.all<model::establishment>().front().uai);
    CHECK(back.all<model::week_pattern>().size() == demo.all<model::week_pattern>().size());
    for (const auto& p : demo.all<model::week_pattern>()) CHECK(test::find<model::week_pattern>(back, p.id).weeks == p.weeks);
    CHECK(back.all<model::staff>().size() == demo.all<model::staff>().size());
    CHECK(back.all<model::room>().size() == demo.all<model::room>().size());
}

namespace {

/** A FET file with these days and one activity placed on the last of them at 08:00. */
std::string fet_with_days(const std::vector<std::string>& days) {
    std::string text = "<fet version=\"5\"><Days_List>";
    for (const auto& d : days) text += "<Day><Name>" + d + "</Name></Day>";
    text += "</Days_List><Hours_List><Hour><Name>08:00</Name></Hour><Hour><Name>09:00</Name></Hour></Hours_List>"
            "<Activities_List><Activity><Id>1</Id><Duration>1</Duration><Active>true</Active></Activity></Activities_List>"
            "<Time_Constraints_List><ConstraintActivityPreferredStartingTime><Weight_Percentage>100</Weight_Percentage>"
            "<Activity_Id>1</Activity_Id><Preferred_Day>" +
            days.back() + "</Preferred_Day><Preferred_Hour>08:00</Preferred_Hour></ConstraintActivityPreferredStartingTime></Time_Constraints_List></fet>";
    return text;
}

int weekday_of_last_day(const std::vector<std::string>& days, diagnostics& diags) {
    auto ds = test::read_as("fet", io::input::from_memory("x.fet", fet_with_days(days)), diags, false);
    REQUIRE(ds.all<model::course>().size() == 1);
    return ds.all<model::course>().front().weekday;
}

} // namespace

TEST_CASE("FET days are read as weekdays in the file's language, abbreviated or dated; never past Sunday") {
    diagnostics diags;
    CHECK(weekday_of_last_day({"Mo", "Di", "Mi", "Do", "Fr"}, diags) == 5);
    CHECK(weekday_of_last_day({"Mo", "Di", "Mi", "Do"}, diags) == 4);              // German: Do is Thursday
    CHECK(weekday_of_last_day({"Lu", "Ma", "Mi", "Ju", "Vi", "Sa", "Do"}, diags) == 7); // Spanish: Do is Sunday
    CHECK(weekday_of_last_day({"Lundi matin", "Mardi"}, diags) == 2);
    CHECK(weekday_of_last_day({"Tue", "Thu"}, diags) == 4);                         // not by position
    CHECK(weekday_of_last_day({"2025-09-01", "2025-09-03"}, diags) == 3);
    CHECK(weekday_of_last_day({"01/09/2025", "05/09/2025"}, diags) == 5);
    CHECK(diags.items().empty());
    CHECK(weekday_of_last_day({"Day A", "Day B", "Day C"}, diags) == 3); // no weekday names: by position, with a warning
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items().front().code == "fet.day");

    // Half-days (10 of them) or a two-week cycle cannot be laid on weekdays: refused, not placed on "weekday 10".
    std::vector<std::string> halves;
    for (int d = 1; d <= 10; ++d) halves.push_back("D" + std::to_string(d));
    CHECK_THROWS_WITH_AS(test::read_as("fet", io::input::from_memory("x.fet", fet_with_days(halves)), diags, false),
                         doctest::Contains("10 days (D1, D2, D3, D4, D5, D6, D7, D8, …) are not one week of distinct weekdays"), parse_error);
    CHECK_THROWS_WITH_AS(test::read_as("fet", io::input::from_memory("x.fet", fet_with_days({"Monday AM", "Monday PM"})), diags, false),
                         doctest::Contains("x.fet:1"), parse_error);
}

TEST_CASE("FET's timetable.csv reads its day names in one language, and refuses two days on one weekday") {
    const std::string header = "\"Activity Id\",\"Day\",\"Hour\",\"Students Sets\",\"Subject\",\"Teachers\",\"Activity Tags\",\"Room\",\"Comments\"\n";
    auto read_csv = [&](const std::string& rows) {
        diagnostics diags;
        return test::read_as("fet", io::input::from_memory("timetable.csv", header + rows), diags, false);
    };
    // Spanish: Ju is Thursday and Do Sunday; read one by one, Do was Thursday (German) too.
    const auto ds = read_csv("\"1\",\"Ju\",\"08:00\",\"6A\",\"M\",\"T\",\"\",\"R\",\"\"\n\"2\",\"Do\",\"08:00\",\"6A\",\"M\",\"T\",\"\",\"R\",\"\"\n");
    CHECK(test::find<model::course>(ds, "A1").weekday == 4);
    CHECK(test::find<model::course>(ds, "A2").weekday == 7);
    CHECK_THROWS_WITH_AS(read_csv("\"1\",\"Monday AM\",\"08:00\",\"6A\",\"M\",\"T\",\"\",\"R\",\"\"\n\"1\",\"Monday PM\",\"09:00\",\"6A\",\"M\",\"T\",\"\",\"R\",\"\"\n"),
                         doctest::Contains("days 'Monday AM' and 'Monday PM' are one weekday"), parse_error);
}
