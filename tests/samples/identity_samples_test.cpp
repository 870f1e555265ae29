// Every real identity and structure sample (AAF, SIECLE, ONDE) reads with no error; counts are those of the files.
#include <doctest/doctest.h>

#include "sample_reading.hpp"

#include <interop/adapters.hpp>

#include <map>
#include <set>

using namespace interop;

namespace {

test::sample_reading read_sample(const std::string& folder) { return test::read_sample("aaf", std::filesystem::path("aaf") / folder); }

using test::count_map;
using test::counts;

} // namespace

TEST_CASE("the 2013 ENT Core test delivery: structures, nomenclatures, staff, guardians") {
    test::require_samples();
    const auto r = read_sample("aaf-test");
    // The teachers' subjects name structures no EtabEducNat defines: references, not schools, so
    // neither classes nor teaching assignments are made there (they were 29 classes, 23 assignments).
    CHECK(counts(r.ds) == count_map{{"school", 10}, {"mef", 2504}, {"subject", 718}, {"class", 8}, {"group", 2}, {"staff", 3},
                                    {"guardian", 38}, {"membership", 10}});
    std::size_t references = 0;
    for (const auto& d : r.diags.items()) references += d.code == "aaf.structure.reference";
    CHECK(references == 3);
    CHECK(r.ds.metadata.extensions.at("aaf:versionAF") == "AAF-VE1301");
    // No Eleve file in this delivery: guardians cannot be placed in a school, and each says so.
    std::size_t unplaced = 0;
    for (const auto& d : r.diags.items()) unplaced += d.code == "aaf.guardian.no-pupil";
    CHECK(unplaced == 38);
}

TEST_CASE("the 2020 minimal delivery: one pupil with its links; its structures, which the delivery does not define, are references") {
    test::require_samples();
    const auto r = read_sample("aaf-2020");
    // The EtabEducNat defines structure 1 (0000000V); the pupil is attached to 1000 and in class
    // 3000$1AQUA: neither is a school of the delivery, so no class nor membership is made there.
    CHECK(counts(r.ds) == count_map{{"school", 1}, {"student", 1}, {"guardian_link", 2}});
    std::set<std::string> references;
    for (const auto& d : r.diags.items())
        if (d.code == "aaf.structure.reference") references.insert(d.message.substr(0, d.message.find(',')));
    CHECK(references == std::set<std::string>{"ENTPersonStructRattach names structure 1000", "ENTEleveClasses names structure 3000"});
    CHECK(r.ds.all<model::student>().front().regime == model::regime::interne);
}

TEST_CASE("the 2025 staff file: one person with functions in 19 structures is one person") {
    test::require_samples();
    const auto r = read_sample("aaf-2025");
    CHECK(counts(r.ds) == count_map{{"staff", 2}}); // one record per structure gave 20
}

TEST_CASE("ISO-8859-15 delivery of the duplicates test set") {
    test::require_samples();
    const auto r = read_sample("aaf-duplicates-test");
    CHECK(counts(r.ds) == count_map{{"school", 1}, {"class", 1}, {"student", 1}, {"guardian", 2}, {"staff", 2},
                                    {"guardian_link", 1}, {"membership", 1}});
    CHECK(r.ds.metadata.extensions.at("aaf:versionAF") == "AAF-VE1711");
}

TEST_CASE("the 2024 positions sets, before and after") {
    test::require_samples();
    const auto before = read_sample("positions-before");
    CHECK(counts(before.ds) == count_map{{"school", 1}, {"staff", 2}});
    CHECK(before.ds.all<model::establishment>().front().name == "CLG INTEGRATION");
    CHECK(before.ds.metadata.extensions.at("aaf:degre") == "2D");
    CHECK(model::to_string(before.ds.metadata.generated_at->day) == "2024-09-16");
    const auto after = read_sample("positions-after");
    CHECK(counts(after.ds) == count_map{{"staff", 3}});
}

TEST_CASE("SIECLE: the public BEE_ELEVES sample") {
    test::require_samples();
    registry r;
    register_all_adapters(r);
    const auto in = io::input::open(test::samples_dir() / "siecle-bee/siecle-with-two-valid-students-and-school-year.xml");
    REQUIRE(r.identify(in).name == "siecle");
    model::dataset ds;
    io::dataset_sink sink(ds);
    diagnostics diags;
    r.get("siecle").make_reader({})->read(in, sink, diags);
    CHECK(diags.count(severity::error) == 0);
    CHECK(counts(ds) == count_map{{"class", 1}, {"group", 1}, {"student", 2}, {"membership", 3}});
    CHECK(ds.all<model::student>()[0].other_first_names == std::vector<std::string>{"Léa", "Lucy"}); // ISO-8859-15
    CHECK(ds.all<model::student>()[1].last_name == "COJAUNE");
    CHECK(ds.metadata.extensions.at("siecle:ANNEE_SCOLAIRE") == "2016");
}

TEST_CASE("ONDE: the Emile Zola primary school extractions") {
    test::require_samples();
    registry r;
    register_all_adapters(r);
    const auto in = io::input::open(test::samples_dir() / "be1d-csv/Ecole primaire Emile Zola");
    REQUIRE(r.identify(in).name == "onde");
    model::dataset ds;
    io::dataset_sink sink(ds);
    diagnostics diags;
    r.get("onde").make_reader({})->read(in, sink, diags);
    CHECK(diags.count(severity::error) == 0);
    CHECK(counts(ds) == count_map{{"class", 10}, {"student", 247}, {"staff", 14}, {"guardian", 469}, {"guardian_link", 491}, {"membership", 261}});
    std::size_t unmatched = 0, homonyms = 0;
    for (const auto& d : diags.items()) {
        unmatched += d.code == "onde.child";
        homonyms += d.code == "onde.duplicate";
    }
    CHECK(unmatched == 0); // every child a guardian names is among the pupils
    CHECK(homonyms == 8);  // guardians named alike with different addresses
    CHECK(ds.all<model::student>().front().school == "Ecole primaire Emile Zola"); // no UAI in the path
}
