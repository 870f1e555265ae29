// Every real timetable sample reads with no error; counts are those of the files (checked
// independently of the reader when the sample was added).
#include <doctest/doctest.h>

#include "sample_reading.hpp"
#include "../adapters/reading.hpp"

#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include <map>

using namespace interop;

using test::count_map;
using test::counts;
using test::read_sample;

TEST_CASE("aSc: Term2.xml, 2244 lessons placed by 6843 cards") {
    test::require_samples();
    auto r = read_sample("asc", "asc-timetables/Term2.xml");
    // 3161 runs of consecutive cards (one lesson, day, weeks and rooms); 570 groups of which 62 "Entire class".
    CHECK(counts(r.ds) == count_map{{"subject", 347}, {"room", 124}, {"class", 62}, {"group", 508}, {"staff", 164},
                                    {"time_grid", 1}, {"week_pattern", 2}, {"course", 3161}});
    std::size_t extrapolated = 0;
    for (const auto& d : r.diags.items()) extrapolated += d.code == "asc.period";
    CHECK(extrapolated == 4); // cards in periods 22 to 25, past the 21 of the periods table
}

TEST_CASE("EDT: the plain ENT export of a 2013-2014 collège") {
    test::require_samples();
    auto r = read_sample("edt", "edt-index-education/Edt_To_LaclasseCom_0134567A_Enclair.xml");
    // 704 Cours: 100 name no resource (no week: left out, warned), 604 have one set of resources for all their weeks.
    CHECK(counts(r.ds) == count_map{{"academic_year", 1}, {"subject", 25}, {"room", 24}, {"class", 16}, {"group", 77 + 48},
                                    {"student", 426}, {"guardian", 703}, {"guardian_link", 808}, {"staff", 31}, {"membership", 2270},
                                    {"time_grid", 1}, {"week_pattern", 29}, {"course", 604}});
    CHECK(r.diags.count(severity::warning) == 100);
}

TEST_CASE("EDT: the real encrypted container is recognised, and refused without its partner's key") {
    test::require_samples();
    test::temp_dir dir("edt-sample-key");
    // A key of our own: the partners' keys are not public.
    std::system(("openssl genrsa -out " + (dir / "k.pem").string() + " 2048 2>/dev/null").c_str());
    registry r;
    register_all_adapters(r);
    const auto in = io::input::open(test::samples_dir() / "edt-index-education/Edt_To_LaclasseCom_0134567A.xml");
    REQUIRE(r.identify(in).name == "edt");
    read_options opt;
    opt.private_key = dir / "k.pem";
    model::dataset ds;
    io::dataset_sink sink(ds);
    diagnostics diags;
    CHECK_THROWS_WITH_AS(r.get("edt").make_reader(opt)->read(in, sink, diags),
                         doctest::Contains("cannot decrypt: key not for this partner (the container is for INDEXEDUCATION, LaclasseCom)"), parse_error);
}

TEST_CASE("FET: four example files, one with a locked timetable") {
    test::require_samples();
    // Hopwood: 163 active activities, 162 placed by starting times of weight 100 (counted independently).
    auto hopwood = read_sample("fet", "fet/Hopwood.fet");
    CHECK(counts(hopwood.ds) == count_map{{"subject", 26}, {"room", 32}, {"class", 1}, {"group", 52}, {"staff", 26}, {"time_grid", 1}, {"course", 162}});
    auto all = read_sample("fet", "fet/test-all-constraints.fet");
    CHECK(counts(all.ds).at("course") == 1);
    // Input files before generation: people and structure, no course.
    for (const char* file : {"fet/primaria.fet", "fet/small-school.fet"}) {
        CAPTURE(file);
        auto r = read_sample("fet", file);
        CHECK(r.ds.all<model::course>().empty());
        CHECK(!r.ds.all<model::staff>().empty());
    }
}

TEST_CASE("Untis: the GPU001 and GPU002 of a Gymnasium (NRW), read from their folder") {
    test::require_samples();
    // 966 lines: 856 runs of consecutive periods of one lesson and day (counted independently);
    // GPU002 gives week types A (lessons 161, 162) and B (163, 164) and every lesson's dates.
    auto r = read_sample("untis", "untis-gpu/svws");
    CHECK(counts(r.ds) == count_map{{"subject", 121}, {"room", 17}, {"class", 8}, {"staff", 70}, {"time_grid", 1}, {"week_pattern", 2}, {"course", 856}});
    const auto& a_week = test::find<model::course>(r.ds, "U161-4-1");
    CHECK(a_week.week_pattern == "A");
    CHECK(a_week.valid_from == model::date{2019, 2, 1});
    CHECK(a_week.valid_until == model::date{2019, 7, 31});
    CHECK(test::find<model::week_pattern>(r.ds, "A").extensions.at("untis:weeks") == "10");
    CHECK(test::find<model::course>(r.ds, "U1-3-4").classes == std::vector<std::string>{"EF"}); // GPU002 names student group "09a_SP" for lesson 1: the default name, no group
}

TEST_CASE("iCalendar: an ENT agenda, the ministry's holidays and libical's test calendars") {
    test::require_samples();
    // 16 VEVENTs; 11 distinct "Matière :" and "Professeur :" lines, 9 distinct LOCATIONs (counted with grep).
    auto pronote = read_sample("ical", "ics/pronote-mock-eleve.ics");
    CHECK(counts(pronote.ds) == count_map{{"session", 16}, {"subject", 11}, {"staff", 11}, {"room", 9}});
    const auto& first = test::find<model::session>(pronote.ds, "fixture-normal-1");
    CHECK(first.day == model::date{2026, 10, 8});
    CHECK(first.start.minutes == 9 * 60); // 07:00 UTC in Paris summer time
    CHECK(first.subject == "MATHEMATIQUES");
    CHECK(first.teachers == std::vector<std::string>{"CUNAFO D."});
    // 61 all-day events, one of which ends where it starts (a marker: one day, with a warning).
    auto zone_b = read_sample("ical", "ics/Zone-B.ics");
    REQUIRE(zone_b.ds.all<model::calendar>().size() == 1);
    CHECK(zone_b.ds.all<model::calendar>().front().entries.size() == 61);
    CHECK(zone_b.diags.items().size() == 1);
    // RFC 2445's examples: 5 timed events (one without UID), a yearly all-day one over 400 days.
    auto rfc = read_sample("ical", "ics/libical/2445.ics");
    CHECK(counts(rfc.ds).at("session") == 5);
    CHECK(rfc.ds.all<model::calendar>().front().entries.size() == 2);
    // Bare VEVENTs: the weekly rules expanded (COUNT=4 each), the BYSETPOS ones kept as their first occurrence.
    auto recur = read_sample("ical", "ics/libical/recur-errors.ics");
    CHECK(counts(recur.ds).at("session") == 4 + 4 + 1 + 1);
    CHECK(read_sample("ical", "ics/libical/1.ics").ds.size() == 0); // its one event misspells DTSTART: left out, reported
}
