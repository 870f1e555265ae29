// libFuzzer target: the OneRoster CSV binding. The input is a package: its parts, separated by
// NUL bytes, are manifest.csv then the binding's files in order (orgs, academicSessions, …),
// written to a scratch folder and read. Any interop::error is a refusal, as it should be;
// anything else is a finding. Seeds: the fixture packages joined the same way (scripts/fuzz.sh).
#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include "null_sink.hpp"
#include "scratch.hpp"

#include <filesystem>
#include <fstream>

namespace {

constexpr const char* files[] = {"manifest",    "orgs",      "academicSessions", "courses",    "classes",
                                 "users",       "roles",     "demographics",     "enrollments", "categories",
                                 "scoreScales", "lineItems", "results",          "lineItemScoreScales", "lineItemLearningObjectiveIds"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& registry = all_adapters();
    static const scratch_folder scratch("fuzz-oneroster");
    const auto folder = scratch.path() / "package"; // afresh each time: no file left from the last input
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::size_t start = 0;
    for (const char* name : files) {
        if (start > text.size()) break;
        const auto end = std::min(text.find('\0', start), text.size());
        std::ofstream(folder / (std::string(name) + ".csv"), std::ios::binary) << text.substr(start, end - start);
        start = end + 1;
    }
    null_sink sink;
    interop::diagnostics diags(100);
    try {
        registry.get("oneroster").make_reader({})->read(interop::io::input::open(folder), sink, diags);
    } catch (const interop::error&) {
    }
    return 0;
}
