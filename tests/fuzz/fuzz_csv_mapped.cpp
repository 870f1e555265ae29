// libFuzzer target: the csv-mapped adapter. Each input is tried as a mapping (JSON) and as a
// spreadsheet read through a fixed mapping that uses every cell conversion (dates and times
// in parts, numbers with a decimal comma, value tables setting several fields, lists,
// extensions). Any interop::error is a refusal, as it should be; anything else is a finding.
#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include "null_sink.hpp"
#include "scratch.hpp"

#include "csv_mapped/csv_mapping.hpp"

#include <filesystem>
#include <fstream>

namespace {

constexpr const char* fixed_mapping = R"({"kind": "attendance_event", "separator": ";", "encoding": "windows-1252",
  "date_format": "DD/MM/YYYY", "time_format": "HH:mm", "decimal_separator": ",", "school": "0130001F",
  "columns": {"E": "student", "D": [{"field": "start", "part": "date"}, {"field": "end", "part": "date"}],
    "H": {"field": "start", "part": "time"}, "F": {"field": "end", "part": "time"}, "M": "minutes",
    "J": {"field": "justified", "values": {"Oui": true, "R": {"type": "late", "justified": false}}},
    "X": "extensions.x", "S": "external_ids.siecle"}})";

std::filesystem::path mapping_file() {
    static const scratch_folder folder("fuzz-csv-mapped");
    static const auto path = [] {
        auto p = folder.path() / "fixed.mapping.json";
        std::ofstream(p) << fixed_mapping;
        return p;
    }();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& registry = all_adapters();
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        interop::csv_mapped::parse_mapping(text, "fuzz.mapping.json");
    } catch (const interop::error&) {
    }
    null_sink sink;
    interop::diagnostics diags(100);
    try {
        interop::read_options opt;
        opt.mapping = mapping_file();
        registry.get("csv-mapped").make_reader(opt)->read(interop::io::input::from_memory("sheet.csv", text), sink, diags);
    } catch (const interop::error&) {
    }
    return 0;
}
