// libFuzzer target: the canonical JSON document reader. Any input must end in records or a
// typed error; a crash, a leak, a hang or a sanitizer report is a bug.
#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    interop::model::dataset ds;
    interop::io::dataset_sink sink(ds);
    interop::diagnostics diags;
    try {
        interop::json::read_document(in, "fuzz.json", sink, diags);
        (void)interop::json::to_document(ds); // what was read can be written
    } catch (const interop::error&) {
    }
    return 0;
}
