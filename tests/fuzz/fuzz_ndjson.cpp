// libFuzzer target: the canonical NDJSON reader.
#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    interop::model::dataset ds;
    interop::io::dataset_sink sink(ds);
    interop::diagnostics diags;
    try {
        interop::json::read_ndjson(in, "fuzz.ndjson", sink, diags);
        (void)interop::json::to_document(ds);
    } catch (const interop::error&) {
    }
    return 0;
}
