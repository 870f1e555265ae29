// Every UAI in the real list of Loire-Atlantique schools has the check letter we compute.
#include <doctest/doctest.h>

#include "support.hpp"

#include <interop/validate/validate.hpp>

#include <sstream>

TEST_CASE("every UAI of samples/uai-csv passes the check letter") {
    test::require_samples();
    const auto folder = test::samples_dir() / "uai-csv";
    std::size_t checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        std::istringstream lines(test::read_file(entry.path()));
        std::string line;
        while (std::getline(lines, line)) {
            const std::string uai = line.substr(0, line.find(';'));
            CAPTURE(uai);
            CHECK(interop::check_uai(uai) == interop::uai_status::valid);
            ++checked;
        }
    }
    MESSAGE("UAIs checked: " << checked);
    CHECK(checked > 500);
}
