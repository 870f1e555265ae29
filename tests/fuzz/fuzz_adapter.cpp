// libFuzzer targets: one registered reader on a one-file input under its usual name.
// Any interop::error is a refusal, as it should be; anything else is a finding.
#include "fuzz_adapter.hpp"

#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include "null_sink.hpp"

int fuzz_reader(const char* adapter, const char* file, const std::uint8_t* data, std::size_t size) {
    const auto& registry = all_adapters();
    const auto in = interop::io::input::from_memory(file, std::string(reinterpret_cast<const char*>(data), size));
    null_sink sink;
    interop::diagnostics diags(100);
    try {
        interop::read_bounded(registry.get(adapter), in, sink, diags, {});
    } catch (const interop::error&) {
    }
    return 0;
}
