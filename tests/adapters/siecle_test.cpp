#include <doctest/doctest.h>

#include "reading.hpp"
#include "support.hpp"
#include "zip_support.hpp"

#include <interop/adapters.hpp>
#include <interop/json/canonical.hpp>

#include <algorithm>

using namespace interop;
namespace fs = std::filesystem;

namespace {

const fs::path siecle_data = test::corpus_dir("siecle");

model::dataset read_siecle(const io::input& in, diagnostics& diags) { return test::read_as("siecle", in, diags); }
model::dataset read_siecle(const fs::path& path) { return test::read_as("siecle", path); }
using test::find;

} // namespace

TEST_CASE("a SIECLE export set reads whole (its golden dataset is the corpus's)") {
    const auto ds = read_siecle(siecle_data / "y_set");
    CHECK(ds.metadata.extensions.at("siecle:UAJ") == "0130001F");
    CHECK(model::to_string(ds.metadata.generated_at->day) == "2025-09-03");
}

TEST_CASE("the files are joined: pupils, guardians, addresses, structures") {
    const auto ds = read_siecle(siecle_data / "y_set");
    const auto& hugo = find<model::student>(ds, "1002");
    CHECK(hugo.last_name == "PETIT"); // NOM_USAGE
    CHECK(hugo.birth_last_name == "LEROY");
    CHECK(hugo.ine == "223456789AB");
    CHECK(hugo.external_ids == std::vector<model::external_id>{{"siecle", "1002"}, {"elenoet", "4502"}});
    CHECK(hugo.extensions.at("siecle:options") == "020700/F");
    CHECK(find<model::student>(ds, "1001").first_name == "Léa"); // ISO-8859-15
    CHECK(find<model::student>(ds, "1001").regime == model::regime::demi_pensionnaire);
    CHECK(model::to_string(*find<model::student>(ds, "1003").exit_date) == "2025-10-15");
    const auto& mother = find<model::guardian_link>(ds, "1001/2001");
    CHECK(mother.relationship == "mother");
    CHECK(mother.legal_rank == 1);
    CHECK(mother.financial);
    CHECK_FALSE(find<model::guardian_link>(ds, "1003/2003").legal_rank);
    const auto& sophie = find<model::guardian>(ds, "2001");
    CHECK(sophie.accepts_sms);
    CHECK(sophie.contacts.back().value == "12 rue de la République, Bâtiment B, 13001 MARSEILLE, FRANCE");
    CHECK(find<model::guardian>(ds, "2003").contacts.back().value == "3 place Œuvre, 13002 MARSEILLE");
    CHECK(find<model::school_class>(ds, "6A").mefs == std::vector<std::string>{"10010012110"});
    CHECK(find<model::group>(ds, "LATIN").classes == std::vector<std::string>{"3B"});
    CHECK(find<model::membership>(ds, "1002@LATIN").group_kind == model::audience_kind::group);
    CHECK(find<model::subject>(ds, "020700").management_code == "LATIN");
}

TEST_CASE("the same set zipped, and one file alone") {
    test::temp_dir tmp("siecle");
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& f : fs::directory_iterator(siecle_data / "y_set")) files.emplace_back("export/" + f.path().filename().string(), test::read_file(f.path()));
    test::write_zip(tmp.path() / "export.zip", files);
    auto zipped = read_siecle(tmp.path() / "export.zip");
    auto folder = read_siecle(siecle_data / "y_set");
    CHECK(zipped == folder);
    const auto pupils_only = read_siecle(siecle_data / "y_set/ElevesSansAdresses.xml");
    CHECK(pupils_only.all<model::student>().size() == 3);
    CHECK(pupils_only.all<model::school_class>().size() == 2); // made from the pupils' structures
    CHECK(pupils_only.all<model::guardian>().empty());
}

TEST_CASE("files of two schools, or a wrong root, are refused with the file and line") {
    test::temp_dir tmp("siecle-mixed");
    test::write_file(tmp.path() / "a.xml", test::read_file(siecle_data / "y_set/Nomenclature.xml"));
    std::string other = test::read_file(siecle_data / "y_set/Structures.xml");
    other.replace(other.find("0130001F"), 8, "0130002G");
    test::write_file(tmp.path() / "b.xml", other);
    diagnostics diags;
    CHECK_THROWS_WITH_AS(read_siecle(io::input::open(tmp.path()), diags), doctest::Contains("b.xml:3: siecle: UAJ 0130002G differs"), parse_error);
    CHECK_THROWS_WITH_AS(read_siecle(io::input::from_memory("x.xml", "<?xml version=\"1.0\"?>\n<BEE_ELEVES>\n<DONNEES><ELEVES><ELEVE ELEVE_ID=\"1\">"), diags),
                         doctest::Contains("x.xml"), parse_error);
}
