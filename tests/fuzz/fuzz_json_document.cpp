// libFuzzer target: the canonical JSON document reader.
#include "canonical_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz_canonical(data, size, interop::json::read_document, "fuzz.json");
}
