#include <doctest/doctest.h>

#include "generator.hpp"
#include "support.hpp"

#include <interop/calendar/school_year.hpp>
#include <interop/json/canonical.hpp>
#include <interop/validate/validate.hpp>

#include <algorithm>
#include <set>
#include <sstream>

using namespace interop;

namespace {
model::dataset generated(const generator::options& opt) {
    model::dataset ds;
    io::dataset_sink sink(ds);
    generator::generate(opt, sink);
    return ds;
}
} // namespace

TEST_CASE("the demo school is realistic and validates without a finding") {
    const auto ds = generated({});
    CHECK(ds.all<model::establishment>().size() == 1);
    CHECK(ds.all<model::school_class>().size() == 20);
    CHECK(ds.all<model::student>().size() > 560);
    CHECK(ds.all<model::student>().size() < 650);
    CHECK(ds.all<model::guardian>().size() > 800);
    CHECK(ds.all<model::guardian>().size() < 1000);
    CHECK(ds.all<model::staff>().size() > 40);
    CHECK(ds.all<model::week_pattern>().size() == 2);
    CHECK(ds.all<model::news_item>().size() == 12);
    CHECK(ds.all<model::discipline_incident>().size() == 2);
    // Some guardians have no e-mail, some prefer another language than French.
    const auto& guardians = ds.all<model::guardian>();
    CHECK(std::any_of(guardians.begin(), guardians.end(), [](auto& g) {
        return std::none_of(g.contacts.begin(), g.contacts.end(), [](auto& c) { return c.type == model::contact_kind::email; });
    }));
    CHECK(std::any_of(guardians.begin(), guardians.end(), [](auto& g) { return g.preferred_language.has_value(); }));
    // Fortnightly courses exist in both weeks.
    const auto& courses = ds.all<model::course>();
    CHECK(std::count_if(courses.begin(), courses.end(), [](auto& c) { return c.week_pattern == "A"; }) > 10);
    CHECK(std::count_if(courses.begin(), courses.end(), [](auto& c) { return c.week_pattern == "B"; }) > 10);

    const auto d = validate(ds, {.strict = true});
    std::string first = d.items().empty() ? "" : d.items().front().to_string();
    CHECK_MESSAGE(d.items().empty(), first);
}

TEST_CASE("the same options give the same bytes") {
    std::ostringstream a, b;
    auto wa = json::make_ndjson_writer(a), wb = json::make_ndjson_writer(b);
    generator::generate({.schools = 2, .seed = 5, .classes_per_level = 2}, *wa);
    generator::generate({.schools = 2, .seed = 5, .classes_per_level = 2}, *wb);
    CHECK(a.str() == b.str());
    std::ostringstream c;
    auto wc = json::make_ndjson_writer(c);
    generator::generate({.schools = 2, .seed = 6, .classes_per_level = 2}, *wc);
    CHECK(a.str() != c.str());
}

TEST_CASE("it scales to several schools with valid, distinct UAIs") {
    const auto ds = generated({.schools = 4, .seed = 1, .classes_per_level = 2});
    std::set<std::string> uais;
    for (const auto& s : ds.all<model::establishment>()) {
        CHECK(check_uai(s.uai) == uai_status::valid);
        uais.insert(s.uai);
    }
    CHECK(uais.size() == 4);
    CHECK(ds.all<model::school_class>().size() == 4 * 8);
    CHECK_FALSE(validate(ds).has_errors());
}

TEST_CASE("many full-size schools all get a complete, conflict-free timetable") {
    // Regression: greedy placement once failed ("cannot place EPS for 3E") on some schools.
    for (int first = 0; first < 3; ++first) {
        model::dataset ds;
        io::dataset_sink sink(ds);
        REQUIRE_NOTHROW(generator::generate({.schools = 4, .seed = static_cast<std::uint64_t>(100 + first)}, sink));
        CHECK(ds.all<model::establishment>().size() == 4);
        const auto d = validate(ds, {.strict = true});
        CHECK_MESSAGE(d.items().empty(), (d.items().empty() ? "" : d.items().front().to_string()));
    }
}

TEST_CASE("examples/demo-school is the generator's current output") {
    std::ostringstream out;
    auto writer = json::make_document_writer(out);
    generator::generate({}, *writer);
    const bool current = out.str() == test::read_file(test::source_dir() / "examples/demo-school/demo-school.json");
    CHECK_MESSAGE(current, "run scripts/regenerate.sh and review the change");
}

TEST_CASE("the demo school of any school year: its dates in that year, on the weekdays of the reference") {
    const auto reference = generated({});
    for (const int year : {2026, 2027, 2031}) {
        CAPTURE(year);
        const auto ds = generated({.school_year = year});
        const auto d = validate(ds, {.strict = true});
        CHECK_MESSAGE(d.items().empty(), (d.items().empty() ? "" : d.items().front().to_string()));
        REQUIRE(ds.all<model::academic_year>().size() == 1);
        const auto& y = ds.all<model::academic_year>().front();
        CHECK(y.id == calendar::school_year_label(year));
        CHECK(y.start.year == year);
        CHECK(model::iso_weekday(y.start) == 1);
        CHECK(y.end.year == year + 1);
        CHECK(ds.all<model::student>().size() == reference.all<model::student>().size());
        CHECK(ds.all<model::course>().size() == reference.all<model::course>().size());
        // Christmas and New Year's Day are holidays; the Ascension bridge starts on a Thursday.
        const auto& entries = ds.all<model::calendar>().front().entries;
        auto off = [&](model::date day) {
            return std::any_of(entries.begin(), entries.end(), [&](const auto& e) { return !(day < e.start) && !(e.end < day); });
        };
        CHECK(off({year, 12, 25}));
        CHECK(off({year + 1, 1, 1}));
        CHECK(off({year, 11, 11}));
        for (const auto& e : entries) {
            CHECK(y.start < e.start);
            CHECK(e.end < y.end);
            if (e.label == "Pont de l'Ascension") CHECK(model::iso_weekday(e.start) == 4);
        }
        // Every dated record moved with the year: the news from the week before the rentrée on.
        for (const auto& n : ds.all<model::news_item>()) {
            CHECK(model::add_days(y.start, -7) < n.publish_from.day);
            CHECK(n.publish_from.day < y.end);
        }
    }
}

TEST_CASE("with real shapes, the timetable has what real exports have, and still validates without an error") {
    const auto ds = generated({.real_shapes = true});
    const auto& courses = ds.all<model::course>();
    auto count = [&](auto&& pred) { return std::count_if(courses.begin(), courses.end(), pred); };
    CHECK(count([](const model::course& c) { return c.teachers.empty(); }) == 1);
    CHECK(count([](const model::course& c) { return c.rooms.empty(); }) == 1);
    CHECK(count([](const model::course& c) { return c.rooms.size() == 2 && c.classes.empty() && c.groups.empty(); }) == 1);
    CHECK(count([](const model::course& c) { return c.week_pattern == std::optional<std::string>("W1"); }) == 1);
    CHECK(count([](const model::course& c) { return c.week_pattern == std::optional<std::string>("W3"); }) == 1);
    const auto& patterns = ds.all<model::week_pattern>();
    CHECK(std::any_of(patterns.begin(), patterns.end(), [](const auto& p) { return p.id == "W3" && p.weeks.size() == 3; }));
    CHECK(validate(ds).count(severity::error) == 0);
}
