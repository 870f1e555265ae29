// libFuzzer target: the canonical NDJSON reader.
#include "canonical_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz_canonical(data, size, interop::json::read_ndjson, "fuzz.ndjson");
}
