// aSc Timetables XML: a hand-written file reads whole (its golden dataset is the corpus's); week cycles are laid
// on the school year when it is given; model → aSc → model keeps every course.
#include "reading.hpp"
#include "support.hpp"

#include <interop/json/canonical.hpp>

#include <set>
#include <tuple>

using namespace interop;

namespace {

const auto asc_data = test::corpus_dir("asc");

read_options options_for(std::string school, std::optional<std::pair<model::date, model::date>> year = std::nullopt) {
    read_options opt;
    opt.school = std::move(school);
    opt.school_year = year;
    return opt;
}

model::dataset read_with(const read_options& opt, const std::filesystem::path& path, diagnostics& diags) {
    registry r;
    register_all_adapters(r);
    auto in = io::input::open(path);
    REQUIRE(r.identify(in).name == "asc");
    model::dataset ds;
    io::dataset_sink sink(ds);
    r.get("asc").make_reader(opt)->read(in, sink, diags);
    return ds;
}

/** What a course says, whatever its id: when, what, who, where, which weeks. */
using course_key = std::tuple<int, int, int, std::string, std::vector<std::string>, std::vector<std::string>, std::vector<std::string>,
                              std::vector<std::string>, std::string>;

std::multiset<course_key> courses_of(const model::dataset& ds) {
    std::map<std::string, std::string> pattern_code;
    for (const auto& p : ds.all<model::week_pattern>()) pattern_code[p.id] = p.code;
    std::multiset<course_key> out;
    for (const auto& c : ds.all<model::course>())
        out.insert({c.weekday, c.start.minutes, c.duration_minutes, c.subject, c.teachers, c.classes, c.groups, c.rooms,
                    c.week_pattern ? pattern_code[*c.week_pattern] : ""});
    return out;
}

} // namespace

TEST_CASE("a hand-written aSc file reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = read_with(options_for("0130001F"), asc_data / "y_college.xml", diags);
    REQUIRE(diags.items().size() == 2);
    CHECK(diags.items()[0].code == "asc.no-dates");
    CHECK(diags.items()[1].to_string() ==
          asc_data.string() + "/y_college.xml:53: warning: [asc.period] period 4 is not in the periods table: taken as 55 minutes after period 3");
    const auto& maths = test::find<model::course>(ds, "L1");
    CHECK(maths.duration_minutes == 110); // two periods joined
    CHECK(maths.classes == std::vector<std::string>{"C6A", "C6B"});
    CHECK(maths.groups.empty()); // "Entire class" groups mean the classes
    const auto& svt = test::find<model::course>(ds, "L2-2-3-10");
    CHECK(svt.classes.empty()); // only group 1 of 6A attends
    CHECK(svt.groups == std::vector<std::string>{"G6A1"});
    CHECK(svt.week_pattern == "WA");
    CHECK(test::find<model::week_pattern>(ds, "WA").code == "A");
}

TEST_CASE("given the school year, week cycles become the Mondays of the year") {
    diagnostics diags;
    auto ds = read_with(options_for("0130001F", std::pair{model::date{2025, 9, 1}, model::date{2025, 10, 17}}), asc_data / "y_college.xml", diags);
    CHECK(diags.items().size() == 1); // the extrapolated period only
    const auto& a = test::find<model::week_pattern>(ds, "WA");
    CHECK(a.weeks == std::vector<model::date>{{2025, 9, 1}, {2025, 9, 15}, {2025, 9, 29}, {2025, 10, 13}});
    const auto& b = test::find<model::week_pattern>(ds, "WB");
    CHECK(b.weeks == std::vector<model::date>{{2025, 9, 8}, {2025, 9, 22}, {2025, 10, 6}});
}

TEST_CASE("model → aSc → model keeps every course of the demo school") {
    auto demo = test::demo_school();
    test::temp_dir dir("asc-roundtrip");
    test::write_as("asc", demo, dir / "demo.xml");
    diagnostics diags;
    const auto& year = demo.all<model::academic_year>().front();
    auto back = read_with(options_for(demo.all<model::establishment>().front().uai, std::pair{year.start, year.end}), dir / "demo.xml", diags);
    CHECK(diags.count(severity::error) == 0);
    CHECK(courses_of(back) == courses_of(demo));
    CHECK(back.all<model::subject>().size() == demo.all<model::subject>().size());
    CHECK(back.all<model::staff>().size() == demo.all<model::staff>().size());
    CHECK(back.all<model::room>().size() == demo.all<model::room>().size());
    CHECK(back.all<model::group>().size() == demo.all<model::group>().size());
}

TEST_CASE("broken aSc files are refused or reported naming the line") {
    diagnostics diags;
    test::temp_dir dir("asc-broken");
    test::write_file(dir / "bad.xml", "<timetable displayname=\"aSc Timetables 2012 XML\"><periods><period period=\"1\" starttime=\"8:00\"");
    CHECK_THROWS_AS(read_with({}, dir / "bad.xml", diags), parse_error);
    test::write_file(dir / "orphan.xml", "<timetable displayname=\"aSc Timetables 2012 XML\"><periods>"
                                         "<period period=\"1\" starttime=\"8:00\" endtime=\"8:55\"/></periods><cards>"
                                         "<card lessonid=\"nope\" period=\"1\" days=\"10000\" weeks=\"1\"/></cards></timetable>");
    auto ds = read_with({}, dir / "orphan.xml", diags);
    CHECK(ds.all<model::course>().empty());
    REQUIRE(diags.count(severity::error) == 1);
    CHECK(diags.items().back().message == "card for lesson nope, which the lessons table does not hold; left out");
    CHECK(diags.items().back().where.line == 1);
}
