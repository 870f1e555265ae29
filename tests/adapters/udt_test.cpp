// UDT: a hand-written export (no real one is public) gives its golden dataset, from its folder
// or zipped; consecutive half-sequences join, a regrouping's divisions share a course, a
// timetable from week NN bounds the validity; broken files are refused naming the line.
#include "../zip_support.hpp"
#include "reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

using namespace interop;

namespace {

const auto udt_fixtures = test::corpus_dir("udt");

read_options with_school() {
    read_options opt;
    opt.school = "0130001F";
    return opt;
}

model::dataset read_udt(const std::filesystem::path& path, diagnostics& diags, const read_options& opt = with_school()) {
    registry r;
    register_all_adapters(r);
    auto in = io::input::open(path);
    REQUIRE(r.identify(in).name == "udt");
    model::dataset ds;
    io::dataset_sink sink(ds);
    r.get("udt").make_reader(opt)->read(in, sink, diags);
    return ds;
}

std::vector<std::pair<std::string, std::string>> export_files() {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& f : std::filesystem::directory_iterator(udt_fixtures / "y_export")) files.emplace_back(f.path().filename().string(), test::read_file(f.path()));
    std::sort(files.begin(), files.end());
    return files;
}

std::string refusal(const std::string& file, const std::string& text) {
    test::temp_dir dir("udt-broken");
    for (const auto& [name, content] : export_files()) test::write_file(dir / name, name == file ? text : content);
    diagnostics diags;
    try {
        read_udt(dir.path(), diags);
    } catch (const parse_error& e) {
        std::string message = e.what();
        return message.substr(message.find(file));
    }
    return "accepted";
}

} // namespace

TEST_CASE("a hand-written UDT export reads whole (its golden dataset is the corpus's), from its folder or zipped") {
    diagnostics diags;
    auto ds = read_udt(udt_fixtures / "y_export", diags);
    CHECK(diags.items().empty());
    REQUIRE(ds.all<model::course>().size() == 4);
    const auto& maths = test::find<model::course>(ds, "udt-1");
    CHECK(maths.start.minutes == 8 * 60);
    CHECK(maths.duration_minutes == 110); // half-sequences 1 and 2
    CHECK(maths.teachers == std::vector<std::string>{"P1", "P2"}); // P2 co-teaches line L1
    CHECK(maths.valid_until == model::date{2026, 1, 4});           // UDCal_12_02 takes over from ISO week 2
    const auto& latin = test::find<model::course>(ds, "udt-4");
    CHECK(latin.groups == std::vector<std::string>{"LATIN 6"}); // one course for the regrouping's two divisions
    CHECK(test::find<model::course>(ds, "udt-w02-3").valid_from == model::date{2026, 1, 5});
    CHECK(test::find<model::week_pattern>(ds, "udt-weeks-1010").weeks == std::vector<model::date>{{2025, 9, 1}, {2025, 9, 15}});
    CHECK(test::find<model::staff>(ds, "P2").last_name == "Lefèvre"); // ISO-8859-1 read as such
    CHECK(test::find<model::staff>(ds, "P3").functions.empty());       // no main subject: no teacher
    CHECK(ds.all<model::calendar>().front().entries.size() == 1);

    test::temp_dir dir("udt-zip");
    test::write_zip(dir / "udt.zip", export_files());
    diagnostics zip_diags;
    auto zipped = read_udt(dir / "udt.zip", zip_diags);
    CHECK(zip_diags.items().empty());
    CHECK(test::without_folders(zipped).all<model::course>() == test::without_folders(ds).all<model::course>());
}

TEST_CASE("broken UDT exports are refused naming the file and line") {
    CHECK(refusal("UDCal_11.xml", "<UDCal_11><fiche code=\"F11\" jour=\"1\" demi_seq=\"9\" site=\"1\"/></UDCal_11>") ==
          "UDCal_11.xml:1: udt: fiche is placed on half-sequence 9 of day 1, which UDCal_07 does not time");
    CHECK(refusal("UDCal_12.xml", "<UDCal_12>\n<ligfiche fic=\"F99\" div=\"6A\" mat=\"MATHS\" prof=\"P1\"/></UDCal_12>") ==
          "UDCal_12.xml:2: udt: ligfiche names sheet 'F99', which no fiche defines");
    CHECK(refusal("UDCal_24.xml", "<UDCal_24><debut_eleve>01/09/2025</debut_eleve><fin_eleve>03/07/2026</fin_eleve><fermeture debut=\"31/02/2026\" fin=\"\"/></UDCal_24>") ==
          "UDCal_24.xml:1: udt: fermeture needs debut and fin dates (dd/mm/yyyy), debut first");
    CHECK(refusal("UDCal_12.xml", "<UDCal_12><ligfiche").find("UDCal_12.xml:1") == 0);
    CHECK(refusal("UDCal_07.xml", "<UDCal_07><demi_seq code_jour=\"1\" code=\"99999999999\" code_site=\"1\" hre_deb=\"08h00\"/></UDCal_07>") ==
          "UDCal_07.xml:1: udt: demi_seq code '99999999999' is no number"); // not a throw of std::stoi
}
