// The oracle (timetable::compare_sessions): through every timetable format the project writes
// and reads, and every pair of them, each dated session of a timetable comes back unchanged or
// is declared lost by a writer. Nothing is lost, changed or invented in silence.

#include "reading.hpp"
#include "support.hpp"

#include <interop/adapter/registry.hpp>
#include <interop/timetable/expand.hpp>
#include <interop/roster/fidelity.hpp>
#include <interop/timetable/fidelity.hpp>

#include <generator.hpp>

using namespace interop;

namespace oracle {

const std::pair<model::date, model::date> year{{2025, 9, 1}, {2026, 7, 3}};
const char* const timetable_formats[] = {"asc", "fet", "untis", "sts-emp", "ical"};

/** One hop: `ds` written as `format`, read back with no option (what our writer leaves must be enough). */
model::dataset through(const model::dataset& ds, const std::string& format, const std::filesystem::path& out, io::loss_log& losses,
                       const read_options& opt = {}) {
    registry r;
    register_all_adapters(r);
    {
        auto writer = open_writer(r.get(format), out, {losses});
        io::replay(ds, *writer);
    }
    model::dataset back;
    io::dataset_sink sink(back);
    diagnostics diags;
    if (!std::filesystem::exists(out)) return back; // all declared lost: nothing written (the comparison says whether it was)
    const auto in = io::input::open(out);
    const auto verdicts = r.identify_all(in);
    if (std::all_of(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.confidence == confidence::no; }))
        return back; // nothing this format maps was left (a calendar's sessions, in a format of courses)
    REQUIRE(r.identify(in).name == format);
    r.get(format).make_reader(opt)->read(in, sink, diags);
    CHECK_MESSAGE(diags.count(severity::error) == 0, (diags.items().empty() ? "" : diags.items().front().to_string()));
    return back;
}

std::string text(const timetable::fidelity& f) {
    std::string out = std::to_string(f.silent) + " of " + std::to_string(f.sessions) + " sessions in silence";
    for (const auto& e : f.findings) out += "\n  " + e;
    return out;
}

/** Through each format `a`, then (`pairs`) from there through each format: every session survives or is declared lost at each hop. */
void check_formats(const model::dataset& school, const std::string& label, const std::filesystem::path& dir, bool pairs) {
    for (const char* a : timetable_formats) {
        io::loss_log first;
        const auto view = through(school, a, dir / (std::string("a.") + a), first);
        const auto direct = timetable::compare_sessions(school, view, first, year.first, year.second);
        CHECK_MESSAGE(direct.silent == 0, label, " → ", std::string(a), ": ", text(direct));
        CHECK(direct.survived + direct.declared == direct.sessions);
        if (!pairs) continue;
        for (const char* b : timetable_formats) {
            io::loss_log losses;
            const auto back = through(view, b, dir / (std::string(a) + "-to." + b), losses);
            const auto found = timetable::compare_sessions(view, back, losses, year.first, year.second);
            CHECK_MESSAGE(found.silent == 0, label, ": ", std::string(a), " → ", std::string(b), ": ", text(found));
        }
    }
}

const char* const roster_formats[] = {"json", "ndjson", "oneroster", "asc", "fet", "untis", "sts-emp"};

std::string text(const roster::fidelity& f) {
    std::string out = std::to_string(f.silent) + " of " + std::to_string(f.records) + " records and links in silence";
    for (const auto& e : f.findings) out += "\n  " + e;
    return out;
}

} // namespace oracle


TEST_CASE("the oracle: the demo school's sessions, through each timetable format, survive or are declared lost") {
    const auto demo = test::demo_school();
    REQUIRE(timetable::expand(demo, oracle::year.first, oracle::year.second).size() > 10000);
    test::temp_dir dir("oracle-demo");
    oracle::check_formats(demo, "demo", dir.path(), false);
}

TEST_CASE("the oracle on a generated school with the shapes real exports have, through every pair of timetable formats") {
    // One class a level: the shapes, bands and alternations of the demo school, in a fifth of its courses
    // (30 conversions, each read back, run under the sanitizers too).
    model::dataset shapes;
    io::dataset_sink sink(shapes);
    generator::generate({.classes_per_level = 1, .real_shapes = true}, sink);
    const auto& courses = shapes.all<model::course>();
    REQUIRE(std::any_of(courses.begin(), courses.end(), [](const model::course& c) { return c.teachers.empty(); }));
    REQUIRE(std::any_of(courses.begin(), courses.end(), [](const model::course& c) { return c.week_pattern == std::optional<std::string>("W3"); }));
    test::temp_dir dir("oracle-shapes");
    oracle::check_formats(shapes, "shapes", dir.path(), true);
}

TEST_CASE("the oracle catches what a writer loses without declaring it") {
    model::dataset demo;
    io::dataset_sink sink(demo);
    generator::generate({.classes_per_level = 1}, sink);
    test::temp_dir dir("oracle-undeclared");
    io::loss_log losses;
    const auto back = oracle::through(demo, "fet", dir / "school.fet", losses);
    auto without_course = back;
    auto& courses = without_course.all<model::course>();
    const std::string dropped = courses.front().school + "/" + courses.front().id;
    courses.erase(courses.begin()); // as if the writer had dropped it
    const auto found = timetable::compare_sessions(demo, without_course, losses, oracle::year.first, oracle::year.second);
    CHECK_MESSAGE(found.silent > 0, dropped, " ", found.sessions, " ", found.survived, " ", found.declared);
    REQUIRE(!found.findings.empty());
    CHECK(found.findings.front().find("lost or changed: course/" + dropped) == 0);
    io::loss_log declared = losses;
    declared.record("loss.test", "course: left out on purpose", "course/" + dropped);
    CHECK(timetable::compare_sessions(demo, without_course, declared, oracle::year.first, oracle::year.second).silent == 0);
}

TEST_CASE("the oracle of people and structures: records and links through every pair of formats that write them") {
    model::dataset school;
    io::dataset_sink sink(school);
    generator::generate({.schools = 2, .classes_per_level = 1, .real_shapes = true}, sink);
    test::temp_dir dir("oracle-roster");
    read_options first_school; // what a user gives the formats that name no school
    first_school.school = school.all<model::establishment>().front().id;
    for (const char* a : oracle::roster_formats) {
        io::loss_log first;
        const auto view = oracle::through(school, a, dir / (std::string("a.") + a), first, first_school);
        const auto direct = roster::compare_records(school, view, first);
        CHECK_MESSAGE(direct.silent == 0, std::string(a), ": ", oracle::text(direct));
        CHECK(direct.survived + direct.declared == direct.records);
        for (const char* b : oracle::roster_formats) {
            io::loss_log losses;
            const auto back = oracle::through(view, b, dir / (std::string(a) + "-to." + b), losses, first_school);
            const auto found = roster::compare_records(view, back, losses);
            CHECK_MESSAGE(found.silent == 0, std::string(a), " → ", std::string(b), ": ", oracle::text(found));
        }
    }
}

TEST_CASE("the oracle of people and structures catches a link lost, a name changed and a record invented without a word") {
    model::dataset school;
    io::dataset_sink sink(school);
    generator::generate({.classes_per_level = 1, .real_shapes = true}, sink);
    test::temp_dir dir("oracle-roster-undeclared");
    io::loss_log losses;
    auto back = oracle::through(school, "oneroster", dir / "package", losses);
    REQUIRE(roster::compare_records(school, back, losses).silent == 0);
    const auto dropped = back.all<model::membership>().front();
    back.all<model::membership>().erase(back.all<model::membership>().begin()); // as if the writer had dropped it
    back.all<model::staff>().front().last_name = "Autre";
    auto stranger = back.all<model::guardian>().front();
    stranger.id = "R-INCONNU";
    back.add(stranger);
    const auto found = roster::compare_records(school, back, losses);
    CHECK(found.silent == 3);
    REQUIRE(found.findings.size() == 3);
    CHECK(found.findings[0].find("changed: staff/") == 0);
    CHECK(found.findings[1].find("invented: guardian ") == 0);
    CHECK(found.findings[2].find("lost: " + io::record_name(dropped)) == 0);
    io::loss_log declared = losses;
    declared.record("loss.test", "membership: left out on purpose", io::record_name(dropped));
    CHECK(roster::compare_records(school, back, declared).silent == 2);
}

TEST_CASE("two schools sharing course ids through a format of one school: the first school's sessions come back, the other's are declared") {
    model::dataset two;
    io::dataset_sink sink(two);
    generator::generate({.schools = 2, .classes_per_level = 1, .real_shapes = true}, sink);
    test::temp_dir dir("oracle-two-schools");
    read_options first_school;
    first_school.school = two.all<model::establishment>().front().id;
    io::loss_log losses;
    const auto back = oracle::through(two, "asc", dir / "two.xml", losses, first_school);
    const auto found = timetable::compare_sessions(two, back, losses, oracle::year.first, oracle::year.second);
    CHECK_MESSAGE(found.silent == 0, oracle::text(found));
    CHECK(found.survived > 0);
    CHECK(found.declared > 0); // the second school's, loss.school
}
