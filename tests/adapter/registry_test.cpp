#include <doctest/doctest.h>

#include "mock_adapter.hpp"
#include "support.hpp"

#include <interop/adapters.hpp>

#include <chrono>
#include <thread>

using namespace interop;

namespace {

registry full_registry() {
    registry r;
    register_all_adapters(r);
    test::register_mock(r);
    return r;
}

model::dataset read_with(const registry& r, const io::input& in, diagnostics& diags) {
    model::dataset ds;
    io::dataset_sink sink(ds);
    r.identify(in).make_reader({})->read(in, sink, diags);
    return ds;
}

/** Reads with the identified adapter and writes with the named one, as `interop convert` does. */
void convert(const registry& r, const std::filesystem::path& in_path, const std::string& to, const std::filesystem::path& out) {
    const auto in = io::input::open(in_path);
    io::loss_log losses;
    auto writer = open_writer(r.get(to), out, {losses});
    diagnostics diags;
    r.identify(in).make_reader({})->read(in, *writer, diags);
}

} // namespace

TEST_CASE("registration is explicit and idempotent") {
    registry r;
    register_all_adapters(r);
    const auto count = r.all().size();
    CHECK(count >= 2);
    register_all_adapters(r);
    CHECK(r.all().size() == count);
    CHECK(r.all()[0].name == "json");
    CHECK(r.all()[1].name == "ndjson");
    CHECK(r.find("json")->can_read());
    CHECK(r.find("json")->can_write());
    adapter_info duplicate;
    duplicate.name = "json";
    duplicate.title = "another";
    CHECK_FALSE(r.add(duplicate));
    CHECK(r.get("json").title != "another");
}

TEST_CASE("an unknown format name is a typed error listing the known ones") {
    const auto r = full_registry();
    CHECK(r.find("pronote") == nullptr);
    try {
        (void)r.get("pronote");
        FAIL("expected an error");
    } catch (const unsupported_format_error& e) {
        CHECK(std::string(e.what()).find("known formats: json, ndjson") != std::string::npos);
    }
}

TEST_CASE("identify picks the only yes, else the only unsure, and says why it cannot") {
    const auto r = full_registry();
    CHECK(r.identify(io::input::from_memory("a.json", R"({"interop_schema":"1.0"})")).name == "json");
    CHECK(r.identify(io::input::from_memory("a.txt", "{\"kind\":\"dataset\",\"interop_schema\":\"1.0\"}\n")).name == "ndjson");
    CHECK(r.identify(io::input::from_memory("a", "MOCK\nstudent E1\n")).name == "mock");
    CHECK(r.identify(io::input::from_memory("a", "MOCK?\n")).name == "mock");
    CHECK_THROWS_WITH_AS(r.identify(io::input::from_memory("x.bin", "\x01\x02garbage")), doctest::Contains("no registered format reads"),
                         unsupported_format_error);

    auto twice = full_registry();
    test::register_mock(twice, "mock2");
    CHECK_THROWS_WITH_AS(twice.identify(io::input::from_memory("a", "MOCK\n")), doctest::Contains("several formats claim this input (mock, mock2)"),
                         unsupported_format_error);
    CHECK_THROWS_WITH_AS(twice.identify(io::input::from_memory("a", "MOCK?\n")), doctest::Contains("it may be mock, mock2"),
                         unsupported_format_error);
}

TEST_CASE("a reader's diagnostics and provenance come through") {
    const auto r = full_registry();
    diagnostics diags;
    const auto ds = read_with(r, io::input::from_memory("m.mock", "MOCK\nstudent E1\nodd\nstudent E2\n"), diags);
    REQUIRE(ds.all<model::student>().size() == 2);
    CHECK(ds.all<model::student>()[1].provenance.line == 4);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].to_string() == "m.mock:3: warning: [mock.odd] odd line skipped");
}

TEST_CASE("a reader failing half way leaves no output file") {
    const auto r = full_registry();
    test::temp_dir dir("registry-failing-reader");
    test::write_file(dir / "in.mock", "MOCK\nstudent E1\nfail\nstudent E2\n");
    CHECK_THROWS_WITH_AS(convert(r, dir / "in.mock", "json", dir / "out.json"), doctest::Contains("in.mock:3:1: mock: told to fail"), parse_error);
    CHECK_FALSE(std::filesystem::exists(dir / "out.json"));
    CHECK_FALSE(std::filesystem::exists(dir / "out.json.partial"));
}

TEST_CASE("a writer failing leaves no output file; a good run leaves a complete one") {
    const auto r = full_registry();
    test::temp_dir dir("registry-failing-writer");
    test::write_file(dir / "in.mock", "MOCK\nstudent E1\nstudent boom\n");
    CHECK_THROWS_AS(convert(r, dir / "in.mock", "mock", dir / "out.mock"), io_error);
    CHECK_FALSE(std::filesystem::exists(dir / "out.mock"));

    test::write_file(dir / "good.mock", "MOCK\nstudent E1\nstudent E2\n");
    convert(r, dir / "good.mock", "ndjson", dir / "good.ndjson");
    convert(r, dir / "good.ndjson", "mock", dir / "again.mock");
    CHECK(test::read_file(dir / "again.mock") == "MOCK\nstudent E1\nstudent E2\n");
}

TEST_CASE("the read options reach the canonical readers") {
    const auto r = full_registry();
    read_options small;
    small.max_record_bytes = 60;
    const std::string student = R"({"id":"E1","school":"0449000U","last_name":"Martin-Dupont","first_name":"Léa"})";
    const auto doc = io::input::from_memory("d.json", R"({"interop_schema":"1.0","students":[)" + student + "]}");
    const auto lines = io::input::from_memory("d.ndjson", R"({"kind":"student",)" + student.substr(1) + "\n");
    for (const auto* in : {&doc, &lines}) {
        model::dataset ds;
        io::dataset_sink sink(ds);
        diagnostics diags;
        CHECK_NOTHROW(r.identify(*in).make_reader({})->read(*in, sink, diags));
        CHECK_THROWS_AS(r.identify(*in).make_reader(small)->read(*in, sink, diags), parse_error);
    }
}

namespace {

/** Counts records, and takes `pause` over each: a slow consumer, or a slow reader. */
struct slow_sink : io::record_sink {
    std::chrono::milliseconds pause{0};
    std::size_t records = 0;
    void on_record(model::any_record&&) override {
        ++records;
        std::this_thread::sleep_for(pause);
    }
};

io::input five_students() {
    std::string lines = "{\"kind\":\"dataset\",\"interop_schema\":\"1.0\"}\n";
    for (int i = 1; i <= 5; ++i)
        lines += R"({"kind":"student","id":"E)" + std::to_string(i) + R"(","school":"0449000U","last_name":"M","first_name":"L"})" + "\n";
    return io::input::from_memory("five.ndjson", lines);
}

} // namespace

TEST_CASE("read_bounded refuses an input past its record count, naming it and the record reached") {
    const auto r = full_registry();
    const auto in = five_students();
    diagnostics diags;
    read_options opt;
    opt.max_records = 5;
    slow_sink all;
    read_bounded(r.get("ndjson"), in, all, diags, opt);
    CHECK(all.records == 5);
    opt.max_records = 3;
    slow_sink cut;
    CHECK_THROWS_WITH_AS(read_bounded(r.get("ndjson"), in, cut, diags, opt),
                         "five.ndjson: ndjson: record 4: more than 3 records: the file is refused (read_options::max_records)", limit_error);
    CHECK(cut.records == 3);
}

TEST_CASE("read_bounded refuses an input that takes longer than its time") {
    const auto r = full_registry();
    const auto in = five_students();
    diagnostics diags;
    read_options opt;
    opt.max_seconds = 0.05;
    slow_sink sink;
    sink.pause = std::chrono::milliseconds(30);
    CHECK_THROWS_WITH_AS(read_bounded(r.get("ndjson"), in, sink, diags, opt), doctest::Contains(": reading took longer than 0.05 s: the file is refused"),
                         limit_error);
    CHECK(sink.records >= 2);
    CHECK(sink.records < 5);
    opt.max_seconds = 0; // no bound
    slow_sink patient;
    patient.pause = std::chrono::milliseconds(30);
    read_bounded(r.get("ndjson"), in, patient, diags, opt);
    CHECK(patient.records == 5);
}

TEST_CASE("read_bounded refuses a format that cannot be read") {
    const auto r = full_registry();
    slow_sink sink;
    diagnostics diags;
    CHECK_THROWS_AS(read_bounded(r.get("jcal"), five_students(), sink, diags, {}), unsupported_format_error);
}
