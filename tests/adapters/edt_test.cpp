// Index Education EDT ENT export: a hand-written file gives its golden dataset; week masks
// count from DatePremierJourSemaine1; resources changing some weeks split a course.
#include "reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

using namespace interop;
using model::date;

namespace {
const auto data = test::source_dir() / "tests" / "data" / "edt";
}

TEST_CASE("a hand-written EDT export reads into the golden dataset") {
    diagnostics diags;
    auto ds = test::read_as("edt", io::input::open(data / "ExportEmploiDuTemps_0130001F.xml"), diags);
    CHECK(test::matches_golden(data / "golden" / "ExportEmploiDuTemps_0130001F.json", json::to_document(test::without_folders(ds))));
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "edt.no-weeks");
    CHECK(diags.items()[0].where.line == 60);

    // Semaines="30": bits 1 to 4, weeks 1 to 4 from 1 September; the room changes every other week.
    const auto& first = test::find<model::course>(ds, "C1-1");
    const auto& second = test::find<model::course>(ds, "C1-2");
    CHECK(first.rooms == std::vector<std::string>{"100"});
    CHECK(second.rooms == std::vector<std::string>{"101"});
    CHECK(first.teachers == second.teachers);
    CHECK(first.duration_minutes == 110);
    CHECK(test::find<model::week_pattern>(ds, *first.week_pattern).weeks == std::vector<date>{{2025, 9, 1}, {2025, 9, 15}});
    CHECK(test::find<model::week_pattern>(ds, *second.week_pattern).weeks == std::vector<date>{{2025, 9, 8}, {2025, 9, 22}});
    CHECK(test::find<model::week_pattern>(ds, *second.week_pattern).label == "Semaines 2,4");

    // The named group draws on part-classes of 5A and 5B; the pupil in part 12 is in it.
    CHECK(test::find<model::group>(ds, "G7").classes == std::vector<std::string>{"1", "2"});
    CHECK(test::find<model::course>(ds, "C2").groups == std::vector<std::string>{"G7"});
    test::find<model::membership>(ds, "500@G7");
    CHECK(test::find<model::guardian_link>(ds, "500/900").legal_rank == 1);
}

TEST_CASE("broken EDT exports are refused naming the line") {
    auto refusal = [](const std::string& text) {
        diagnostics diags;
        try {
            test::read_as("edt", io::input::from_memory("edt.xml", text), diags, false);
        } catch (const parse_error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    const std::string head = R"(<ExportEmploiDuTemps xmlns="http://www.index-education.com/exportemploidutemps" UAI="0130001F">)";
    CHECK(refusal(head + R"(<AnneeScolaire DateDebut="2025-09-31" DateFin="2026-07-03" DatePremierJourSemaine1="2025-09-01"/></ExportEmploiDuTemps>)") ==
          "edt.xml:1: edt: DateDebut '2025-09-31' is not a date YYYY-MM-DD");
    CHECK(refusal(head + R"(<Cours><Cours Jour="1" NumeroPlaceDebut="0" NombrePlaces="1"><Classe Ident="1" Semaines="x2"/></Cours></Cours></ExportEmploiDuTemps>)") ==
          "edt.xml:1: edt: Semaines 'x2' is not a week mask");
    CHECK(refusal(head + R"(<Cours><Cours Jour="9" NumeroPlaceDebut="0" NombrePlaces="1"/></Cours></ExportEmploiDuTemps>)") ==
          "edt.xml:1: edt: course with day 9 and 1 places");
    CHECK(refusal(R"(<ExportEmploiDuTemps UAI="0130001F"/>)") == "edt.xml:1: edt: root element is not ExportEmploiDuTemps of http://www.index-education.com/exportemploidutemps");
    CHECK(refusal(head + "<Cours>").find("edt.xml:1") == 0); // truncated
}
