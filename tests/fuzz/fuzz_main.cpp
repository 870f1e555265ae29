// fuzz_all: the libFuzzer executable holding every fuzz target; $INTEROP_FUZZ_TARGET names the
// one it fuzzes (scripts/fuzz.sh sets it).
#include "fuzz_entries.hpp"

#include <cstdio>
#include <cstdlib>

namespace {

fuzz_entry chosen = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* name = std::getenv("INTEROP_FUZZ_TARGET");
    chosen = name ? fuzz_entry_named(name) : nullptr;
    if (!chosen) {
        std::fprintf(stderr, "fuzz_all: set INTEROP_FUZZ_TARGET to a target of tests/fuzz/seeds.txt (got %s)\n",
                     name ? name : "nothing");
        std::exit(2);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { return chosen(data, size); }
