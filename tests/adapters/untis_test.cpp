// Untis GPU001: a hand-written file (`,`, ISO-8859-1) gives its golden dataset; double
// periods join, coupled classes share a course.
#include "reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

using namespace interop;

namespace {
const auto fixtures = test::source_dir() / "tests" / "data" / "untis";
}

TEST_CASE("a hand-written GPU001 reads into the golden dataset") {
    diagnostics diags;
    auto ds = test::read_as("untis", io::input::open(fixtures / "GPU001.TXT"), diags);
    CHECK(test::matches_golden(fixtures / "golden" / "GPU001.json", json::to_document(test::without_folders(ds))));
    REQUIRE(ds.all<model::course>().size() == 3);
    const auto& maths = test::find<model::course>(ds, "U10-1-1");
    CHECK(maths.duration_minutes == 120); // periods 1 and 2
    CHECK(test::find<model::course>(ds, "U11-2-3").classes == std::vector<std::string>{"6A", "6B"});
    CHECK(test::find<model::staff>(ds, "MÜL").last_name == "MÜL"); // ISO-8859-1 read as such
    CHECK(test::find<model::course>(ds, "U12-3-1").rooms.empty());
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "untis.no-times");
}

TEST_CASE("broken GPU001 lines are refused naming the line") {
    diagnostics diags;
    auto refusal = [&](const std::string& text) {
        try {
            test::read_as("untis", io::input::from_memory("GPU001.TXT", text), diags, false);
        } catch (const parse_error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(refusal("1;\"6A\";\"DUR\";\"M\";\"S\";1;1;;\n2;\"6A\";\"DUR\";\"M\";\"S\";9;1;;\n") == "GPU001.TXT:2: untis: day 9 or period 1 out of range");
    CHECK(refusal("1;\"6A\";\"DUR\";\"M\";\"S\";1;1;;\nhello\n") == "GPU001.TXT:2: untis: expected number;class;teacher;subject;room;day;period");
    CHECK(refusal("hello\n") == "GPU001.TXT: untis: no GPU001 timetable file (number;class;teacher;subject;room;day;period)");
}
