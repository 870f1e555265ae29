// libFuzzer target: the CSV reader, every row of any bytes.
#include <interop/csv/reader.hpp>
#include <interop/errors.hpp>

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    interop::csv::reader reader(in, "fuzz.csv", "fuzz", {.separator = ';', .encoding = interop::csv::encoding::automatic, .max_field_bytes = 4096, .max_fields = 256});
    std::vector<std::string> row;
    try {
        while (reader.next(row)) {
        }
    } catch (const interop::error&) {
    }
    return 0;
}
