// interop-conformance's formats suite pointed, as an auditor would, at real vendor files from
// ../shared/samples: a corpus folder of links named y_ (never copies), each identified as its
// format alone, read without error with the sink protocol kept, and written back where the
// format has a writer.
#include <doctest/doctest.h>

#include "support.hpp"

#include "formats_suite.hpp"

#include <interop/adapters.hpp>

#include <algorithm>

using namespace conformance;

namespace {

/** The samples each format must accept: format → sample paths. */
const std::vector<std::pair<std::string, std::vector<std::string>>> accepted = {
    {"aaf", {"aaf/aaf-2025"}},
    {"siecle", {"siecle-bee/siecle-with-two-valid-students-and-school-year.xml"}},
    {"onde", {"be1d-csv/Ecole primaire Emile Zola"}},
    {"ical", {"ics/Zone-B.ics"}},
    {"asc", {"asc-timetables/Term2.xml"}},
    {"edt", {"edt-index-education/Edt_To_LaclasseCom_0134567A_Enclair.xml"}},
    {"fet", {"fet/Hopwood.fet", "fet/primaria.fet", "fet/small-school.fet", "fet/test-all-constraints.fet"}},
    {"untis", {"untis-gpu/svws"}},
    {"lsu", {"lsu/sample-bilan-complet.xml"}},
    {"pronote-ent", {"pronote-accueilent/pronote-mock-eleve.xml"}},
    {"oneroster", {"oneroster-csv/moodle-enrol/v1p2_full_dataset.zip", "oneroster-csv/moodle-enrol/v1p2_full_dataset"}},
};

} // namespace

TEST_CASE("real vendor files pass the formats suite's acceptance and write-read cases") {
    test::require_samples();
    test::temp_dir corpus("conformance-samples");
    std::size_t files = 0;
    for (const auto& [format, paths] : accepted) {
        test::fs::create_directories(corpus / format);
        for (const auto& p : paths) {
            const auto sample = test::samples_dir() / p;
            REQUIRE_MESSAGE(test::fs::exists(sample), sample.string());
            test::fs::create_symlink(sample, corpus / format / ("y_" + std::to_string(++files) + "_" + sample.filename().string()));
        }
    }
    interop::registry formats;
    interop::register_all_adapters(formats);
    const auto results = run_cases(formats_cases(formats, {corpus.path(), {}, false}), {{}, {"formats/*/y_*:read", "formats/*/y_*:write-read"}});
    CHECK(std::count_if(results.begin(), results.end(), [](const case_result& r) { return r.name.ends_with(":read"); }) == static_cast<long>(files));
    for (const auto& r : results) {
        CAPTURE(r.id());
        CAPTURE(r.result.reason);
        CHECK(r.result.status != status::fail);
    }
}
