// Every real XML file of the samples goes through the hardened XML layer: the hardening must
// refuse hostile files, not vendors' real ones (DOCTYPEs naming DTDs, ISO-8859-15, BOMs).
#include <doctest/doctest.h>

#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/xml/reader.hpp>

#include <fstream>

TEST_CASE("every XML sample file is read without error") {
    test::require_samples();
    std::size_t files = 0, records = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::samples_dir())) {
        const auto ext = entry.path().extension().string();
        if (!entry.is_regular_file() || (ext != ".xml" && ext != ".xsd" && ext != ".fet")) continue;
        CAPTURE(entry.path().string());
        interop::xml::events ev;
        ev.capture = [](const std::vector<std::string>& path) { return path.size() == 2; };
        ev.on_element = [&](interop::xml::element&&) { ++records; };
        std::ifstream in(entry.path(), std::ios::binary);
        CHECK_NOTHROW(interop::xml::read(in, entry.path().string(), "sample", ev));
        ++files;
    }
    MESSAGE("XML sample files: " << files << ", top-level elements: " << records);
    CHECK(files > 30);
}
