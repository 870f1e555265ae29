#include <doctest/doctest.h>

#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/io/input.hpp>

#include "zip_support.hpp"

using namespace interop;

namespace {

using test::write_zip;

std::string read_all(const io::input& in, const io::input::entry& e) {
    auto s = in.open_entry(e);
    return std::string(std::istreambuf_iterator<char>(*s), {});
}

} // namespace

TEST_CASE("a plain file is one entry") {
    test::temp_dir dir("input-file");
    test::write_file(dir / "a.json", "{}");
    const auto in = io::input::open(dir / "a.json");
    CHECK(in.type() == io::input::kind::file);
    REQUIRE(in.entries().size() == 1);
    CHECK(in.entries()[0].name == "a.json");
    CHECK(in.entries()[0].size == 2);
    CHECK(read_all(in, in.entries()[0]) == "{}");
    CHECK(in.describe(in.entries()[0]) == (dir / "a.json").string());
}

TEST_CASE("a folder lists its files below it, sorted, without hidden ones") {
    test::temp_dir dir("input-folder");
    test::write_file(dir / "b/Eleve_0001.xml", "2");
    test::write_file(dir / "a_0000.xml", "1");
    test::write_file(dir / ".hidden", "x");
    test::write_file(dir / ".git/config", "x");
    const auto in = io::input::open(dir.path());
    CHECK(in.type() == io::input::kind::folder);
    REQUIRE(in.entries().size() == 2);
    CHECK(in.entries()[0].name == "a_0000.xml");
    CHECK(in.entries()[1].name == "b/Eleve_0001.xml");
    CHECK(read_all(in, in.entries()[1]) == "2");
}

TEST_CASE("a zip archive is read entry by entry, streamed") {
    test::temp_dir dir("input-zip");
    const std::string big(300000, 'x');
    write_zip(dir / "export.zip", {{"ENT_Eleve_0000.xml", "<a/>"}, {"sub/big.txt", big}});
    const auto in = io::input::open(dir / "export.zip");
    CHECK(in.type() == io::input::kind::zip);
    REQUIRE(in.entries().size() == 2);
    CHECK(in.entries()[1].name == "sub/big.txt");
    CHECK(read_all(in, in.entries()[1]) == big);
    CHECK(in.head(in.entries()[1], 10) == "xxxxxxxxxx");
    CHECK(in.describe(in.entries()[0]) == (dir / "export.zip").string() + "!ENT_Eleve_0000.xml");
}

TEST_CASE("a zip bomb meets the entry size limit") {
    test::temp_dir dir("input-bomb");
    write_zip(dir / "bomb.zip", {{"zeros", std::string(2000000, '\0')}});
    const auto in = io::input::open(dir / "bomb.zip", {.max_entries = 10, .max_entry_bytes = 100000});
    CHECK_THROWS_WITH_AS(read_all(in, in.entries()[0]), doctest::Contains("larger than 100000 bytes once unpacked"), io_error);
}

TEST_CASE("missing paths and damaged archives are io errors naming the file") {
    test::temp_dir dir("input-errors");
    CHECK_THROWS_WITH_AS(io::input::open(dir / "nope.xml"), doctest::Contains("nope.xml: no such file"), io_error);
    write_zip(dir / "good.zip", {{"a.txt", std::string(100000, 'a')}, {"b.txt", "b"}});
    const auto bytes = test::read_file(dir / "good.zip");
    test::write_file(dir / "cut.zip", bytes.substr(0, bytes.size() / 2));
    CHECK_THROWS_WITH_AS(
        [&] {
            const auto in = io::input::open(dir / "cut.zip");
            for (const auto& e : in.entries()) read_all(in, e);
        }(),
        doctest::Contains("cut.zip"), io_error);
    const auto in = io::input::open(dir / "good.zip");
    CHECK_THROWS_AS(in.open_entry({"absent.txt", 0}), io_error);
}

TEST_CASE("a memory input is one named entry") {
    const auto in = io::input::from_memory("body.json", "{\"a\":1}");
    CHECK(in.type() == io::input::kind::memory);
    CHECK(read_all(in, in.entries()[0]) == "{\"a\":1}");
    CHECK(in.head(in.entries()[0], 3) == "{\"a");
}
