// OneRoster packages from public projects (../shared/samples/oneroster-csv): moodle-enrol's
// 1.2 and 1.1 fixtures (a zip, and the same unpacked) and oat-sa's 1.1 sample read with each of
// their quirks reported; each, written as our 1.2 package and read again, gives the same dataset.
#include "adapters/reading.hpp"
#include "samples/sample_reading.hpp"
#include "support.hpp"

#include <interop/json/canonical.hpp>

using namespace interop;

namespace {

bool has(const diagnostics& diags, const std::string& code, const std::string& words = "") {
    return std::any_of(diags.items().begin(), diags.items().end(),
                       [&](const diagnostic& d) { return d.code == code && d.message.find(words) != std::string::npos; });
}

} // namespace

TEST_CASE("moodle-enrol's 1.2 package reads, zip and folder alike, each quirk reported") {
    test::require_samples();
    const auto zip = test::read_sample("oneroster", "oneroster-csv/moodle-enrol/v1p2_full_dataset.zip");
    const auto folder = test::read_sample("oneroster", "oneroster-csv/moodle-enrol/v1p2_full_dataset");
    CHECK(zip.ds == folder.ds);
    const auto& d = zip.diags;
    CHECK(has(d, "oneroster.header", "dataLastModified"));    // roles.csv, userprofiles.csv
    CHECK(has(d, "oneroster.header", "prefferedGivenName"));  // users.csv
    CHECK(has(d, "oneroster.empty-column"));                  // roles.csv's trailing commas
    CHECK(has(d, "oneroster.status", "inactive"));            // academicSessions.csv
    CHECK(has(d, "oneroster.org-as-school", "department"));   // classes held by a department
    CHECK(has(d, "oneroster.file-name", "userProfiles.csv")); // userprofiles.csv
    CHECK(has(d, "oneroster.deleted"));                       // tobedeleted rows of bulk files
    const auto c = test::counts(zip.ds);
    CHECK(c.at("school") == 1);
    CHECK(c.at("student") == 3);
    CHECK(c.at("staff") == 3);   // two teachers and a site administrator
    CHECK(c.at("guardian") == 1); // usr-222-123456 teaches and is a guardian
    CHECK(c.at("group") == 1);    // the other class is tobedeleted
    CHECK(c.at("guardian_link") == 2);
    const auto& mary = test::find<model::student>(zip.ds, "usr-222-66778899");
    CHECK(mary.external_ids == std::vector<model::external_id>{{"LDAP", "12"}, {"oneroster", "usr-222-66778899"}});
}

TEST_CASE("1.1 packages read: moodle-enrol's full data set and oat-sa's sample") {
    test::require_samples();
    const auto moodle = test::read_sample("oneroster", "oneroster-csv/moodle-enrol/Test_full_data_set.zip");
    CHECK(moodle.ds.metadata.extensions.at("oneroster.version") == "1.1");
    CHECK(!moodle.ds.all<model::student>().empty());
    const auto oat = test::read_sample("oneroster", "oneroster-csv/v1p1-oat");
    CHECK(oat.ds.all<model::establishment>().size() == 2);
    CHECK(has(oat.diags, "oneroster.uai")); // "my identifier" is no UAI
    CHECK(has(oat.diags, "oneroster.header", "agents"));
    const auto& user1 = test::find<model::student>(oat.ds, "user1");
    CHECK(user1.extensions.at("oneroster:ext_tao_userMotherName") == "metadata.value1");
    CHECK(oat.ds.all<model::membership>().size() == 3);
}

TEST_CASE("every sample package, written as ours and read again, gives the same dataset") {
    test::require_samples();
    test::temp_dir dir("oneroster-samples");
    for (const auto* path : {"v1p1-oat", "moodle-enrol/v1p2_full_dataset.zip", "moodle-enrol/Test_full_data_set.zip"}) {
        CAPTURE(path);
        const auto first = test::read_sample("oneroster", std::filesystem::path("oneroster-csv") / path);
        test::write_as("oneroster", first.ds, dir / "again");
        const auto again = test::read_as("oneroster", dir / "again");
        auto expected = first.ds;
        expected.metadata.extensions["oneroster.version"] = "1.2"; // we write 1.2
        // We write every file of what we hold (courses, say, even when the package had none): we cover at least as much.
        for (const auto& kind : first.ds.metadata.covers)
            CHECK(std::find(again.metadata.covers.begin(), again.metadata.covers.end(), kind) != again.metadata.covers.end());
        expected.metadata.covers = again.metadata.covers;
        CHECK(again == expected);
    }
}
