// EDT's text export EXP_COURS.xml: rows of one course number make one course; times, days,
// alternations read from their French spellings.
#include "reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

using namespace interop;

namespace {
const auto edt_text_fixtures = test::corpus_dir("edt-text");
}

TEST_CASE("a hand-written EXP_COURS.xml reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = test::read_as("edt-text", io::input::open(edt_text_fixtures / "y_EXP_COURS.xml"), diags);
    REQUIRE(ds.all<model::course>().size() == 2);
    const auto& maths = test::find<model::course>(ds, "EC1");
    CHECK(maths.weekday == 1);
    CHECK(maths.start.minutes == 9 * 60);
    CHECK(maths.duration_minutes == 60);
    const auto& svt = test::find<model::course>(ds, "EC2");
    CHECK(svt.weekday == 2);
    CHECK(svt.duration_minutes == 120);
    CHECK(svt.teachers == std::vector<std::string>{"PETIT Marc", "ROUX Lina"});
    CHECK(svt.classes == std::vector<std::string>{"5A", "5B", "5C"});
    CHECK(svt.week_pattern == "alt-Sem. A");
    CHECK(test::find<model::subject>(ds, "SVT").long_label == "SCIENCES VIE & TERRE");
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].message == "alternation 'Sem. A' lists no weeks (give the school year)");
}

TEST_CASE("a row whose time cannot be read is refused naming the line") {
    diagnostics diags;
    const std::string text = "<TABLE nom=\"Cours\">\n<Cours><NUMERO>7</NUMERO><DUREE>1h00</DUREE><JOUR>lundi</JOUR><H.DEBUT>9 heures</H.DEBUT></Cours>\n</TABLE>";
    CHECK_THROWS_WITH_AS(test::read_as("edt-text", io::input::from_memory("EXP_COURS.xml", text), diags, false),
                         "EXP_COURS.xml:2: edt-text: course 7: day 'lundi', start '9 heures' or duration '1h00' not understood", parse_error);
}
