// libFuzzer target: a school's policy settings file, any bytes.
#include <interop/errors.hpp>
#include <interop/policy/settings.hpp>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)interop::policy::read_school_policy(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
    } catch (const interop::error&) {
    }
    return 0;
}
