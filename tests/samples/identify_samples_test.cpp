// Identification is from content: each adapter claims its own vendor files and no other.
#include <doctest/doctest.h>

#include "support.hpp"

#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include <algorithm>

/** The adapter that must claim a sample file, from its folder; empty when none is built yet. */
std::string owner_of(const std::filesystem::path& file) {
    const auto folder = std::filesystem::relative(file, test::samples_dir()).begin()->string();
    if (folder == "aaf" && file.extension() == ".xml") return "aaf";
    if (folder == "siecle-bee" && file.extension() == ".xml") return "siecle";
    if (folder == "be1d-csv") return "onde";
    if (folder == "asc-timetables") return "asc";
    if (folder == "fet") return "fet";
    if (folder == "untis-gpu" && file.filename() == "GPU001.txt") return "untis";
    if (folder == "ics") return "ical";
    if (folder == "pronote-accueilent" && file.extension() == ".xml") return "pronote-ent";
    if (folder == "lsu" && file.filename() == "sample-bilan-complet.xml") return "lsu";
    if (folder == "oneroster-csv" && (file.filename() == "manifest.csv" || file.extension() == ".zip")) return "oneroster";
    if (folder == "edt-index-education" && file.filename().string().starts_with("Edt_To")) return "edt"; // plain and encrypted
    return "";
}

TEST_CASE("each sample file is claimed by its own format's adapter only") {
    test::require_samples();
    interop::registry reg;
    interop::register_all_adapters(reg);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::samples_dir())) {
        if (!entry.is_regular_file()) continue;
        const auto in = interop::io::input::open(entry.path());
        const auto owner = owner_of(entry.path());
        for (const auto& v : reg.identify_all(in)) {
            CAPTURE(entry.path().string());
            CAPTURE(v.adapter->name);
            CHECK(v.confidence == (v.adapter->name == owner ? interop::confidence::yes : interop::confidence::no));
        }
        ++files;
    }
    MESSAGE("sample files identified: " << files);
    CHECK(files > 50);
}

TEST_CASE("zip samples open as multi-file inputs") {
    test::require_samples();
    const auto zip = test::samples_dir() / "oneroster-csv/moodle-enrol/v1p2_full_dataset.zip";
    const auto in = interop::io::input::open(zip);
    CHECK(in.type() == interop::io::input::kind::zip);
    std::vector<std::string> names;
    for (const auto& e : in.entries()) names.push_back(e.name);
    CHECK(std::find(names.begin(), names.end(), "manifest.csv") != names.end());
    const auto& manifest = *std::find_if(in.entries().begin(), in.entries().end(), [](auto& e) { return e.name == "manifest.csv"; });
    CHECK(in.head(manifest).find("propertyName") != std::string::npos);
    // The same files unpacked in a folder read the same.
    const auto folder = interop::io::input::open(test::samples_dir() / "oneroster-csv/moodle-enrol/v1p2_full_dataset");
    CHECK(folder.type() == interop::io::input::kind::folder);
    CHECK(folder.head(folder.entries().front()) == in.head(*std::find_if(in.entries().begin(), in.entries().end(), [&](auto& e) {
              return e.name.ends_with(folder.entries().front().name);
          })));
}
