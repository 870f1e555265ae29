// libFuzzer target: one registered reader (FUZZ_ADAPTER) on a one-file input named FUZZ_FILE.
// Any interop::error is a refusal, as it should be; anything else is a finding.
#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include "null_sink.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& registry = all_adapters();
    const auto in = interop::io::input::from_memory(FUZZ_FILE, std::string(reinterpret_cast<const char*>(data), size));
    null_sink sink;
    interop::diagnostics diags(100);
    try {
        interop::read_bounded(registry.get(FUZZ_ADAPTER), in, sink, diags, {});
    } catch (const interop::error&) {
    }
    return 0;
}
