#include <doctest/doctest.h>

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include <sstream>

using namespace interop;

namespace {

struct result {
    model::dataset data;
    diagnostics diags;
};

result read_doc(const std::string& text, const json::limits& lim = {}) {
    result r;
    std::istringstream in(text);
    io::dataset_sink sink(r.data);
    json::read_document(in, "doc.json", sink, r.diags, lim);
    return r;
}

result read_lines(const std::string& text, const json::limits& lim = {}) {
    result r;
    std::istringstream in(text);
    io::dataset_sink sink(r.data);
    json::read_ndjson(in, "lines.ndjson", sink, r.diags, lim);
    return r;
}

std::string error_of(auto&& fn) {
    try {
        fn();
    } catch (const parse_error& e) {
        return e.what();
    }
    return "no error";
}

const char* student_line = R"({"id":"E1","school":"0449000U","last_name":"Martin","first_name":"Léa"})";

} // namespace

TEST_CASE("a document reads records of every collection it holds") {
    auto r = read_doc(std::string(R"({"interop_schema":"1.0","generator":"t","students":[)") + student_line + "]}");
    REQUIRE(r.data.all<model::student>().size() == 1);
    CHECK(r.data.all<model::student>()[0].first_name == "Léa");
    CHECK(r.data.metadata.generator == "t");
}

TEST_CASE("a byte order mark is accepted") {
    CHECK(read_doc("\xEF\xBB\xBF{\"interop_schema\":\"1.0\"}").data.size() == 0);
    CHECK(read_lines("\xEF\xBB\xBF{\"kind\":\"dataset\",\"interop_schema\":\"1.0\"}\n").data.size() == 0);
}

TEST_CASE("another major schema version is refused; a newer minor is read with a warning") {
    CHECK_THROWS_AS(read_doc(R"({"interop_schema":"2.0","students":[]})"), schema_version_error);
    CHECK(error_of([] { read_doc(R"({"interop_schema":"2.0"})"); }).find("this library reads 1.x") != std::string::npos);
    CHECK_THROWS_AS(read_lines("{\"kind\":\"dataset\",\"interop_schema\":\"0.9\"}\n"), schema_version_error);
    auto r = read_doc(R"({"interop_schema":"1.7"})");
    REQUIRE(r.diags.items().size() == 1);
    CHECK(r.diags.items()[0].code == "json.newer-minor");
    CHECK_THROWS_AS(read_doc(R"({"interop_schema":"one"})"), parse_error);
}

TEST_CASE("errors name the file, the line and the problem") {
    const std::string doc = "{\"interop_schema\":\"1.0\",\n\"students\":[\n{\"id\":\"E1\",\"school\":\"0449000U\",\"last_name\":\"M\",\"first_name\":\"L\",\n\"birth_date\":\"12/03/2012\"}]}";
    const auto message = error_of([&] { read_doc(doc); });
    CHECK(message.find("doc.json:4") == 0);
    CHECK(message.find("birth_date: expected a date YYYY-MM-DD") != std::string::npos);

    const auto missing = error_of([] { read_doc(R"({"interop_schema":"1.0","students":[{"id":"E1","school":"X"}]})"); });
    CHECK(missing.find("last_name: required field is missing") != std::string::npos);

    const auto ndjson = error_of([] { read_lines("{\"kind\":\"dataset\",\"interop_schema\":\"1.0\"}\n\n{\"kind\":\"student\",\"id\":3}\n"); });
    CHECK(ndjson.find("lines.ndjson:3") == 0);
    CHECK(ndjson.find("id: expected a string") != std::string::npos);
}

TEST_CASE("malformed documents are refused with a clear error") {
    CHECK(error_of([] { read_doc(""); }).find("empty") != std::string::npos);
    CHECK(error_of([] { read_doc("[1,2]"); }).find("must be an object") != std::string::npos);
    CHECK(error_of([] { read_doc("\"interop_schema\""); }).find("must be an object") != std::string::npos);
    CHECK(error_of([] { read_doc("42"); }).find("must be an object") != std::string::npos);
    CHECK(error_of([] { read_doc(R"({"interop_schema":"1.0","students":[)"); }).find("doc.json:1") == 0);
    CHECK(error_of([] { read_doc(R"({"interop_schema":"1.0","students":[1]})"); }).find("records must be objects") != std::string::npos);
    CHECK(error_of([] { read_doc(R"({"students":[]})"); }).find("interop_schema must come before") != std::string::npos);
    CHECK(error_of([] { read_doc(R"({"generator":"x"})"); }).find("no interop_schema") != std::string::npos);
    CHECK(error_of([] { read_doc("{\"interop_schema\":\"1.0\",\"generator\":\"\xC3\x28\"}"); }).find("Invalid encoding") != std::string::npos);
    CHECK(error_of([] { read_doc(R"({"interop_schema":"1.0","scope":"partial"})"); }).find("scope: expected full or delta") != std::string::npos);
    CHECK(error_of([] { read_doc(R"({"interop_schema":"1.0"} trailing)"); }).find("doc.json") == 0);
}

TEST_CASE("unknown members are reported, not silently dropped") {
    auto r = read_doc(std::string(R"({"interop_schema":"1.0","mystery":{"a":[1,{"b":2}]},"students":[)") +
                      R"({"id":"E1","school":"0449000U","last_name":"M","first_name":"L","shoe_size":38}]})");
    CHECK(r.data.all<model::student>().size() == 1);
    REQUIRE(r.diags.items().size() == 2);
    CHECK(r.diags.items()[0].code == "json.unknown-member");
    CHECK(r.diags.items()[1].code == "json.unknown-field");
    CHECK(r.diags.items()[1].record == "student/E1");
    CHECK(r.diags.items()[1].message.find("shoe_size") != std::string::npos);
    // Inside nested values, an unknown field is an error: the value would be misread.
    CHECK_THROWS_AS(read_doc(R"({"interop_schema":"1.0","guardians":[{"id":"R","school":"S","last_name":"a","first_name":"b","contacts":[{"type":"email","value":"x","rank":1}]}]})"),
                    parse_error);
}

TEST_CASE("nesting, record size and input size are bounded") {
    const std::string deep = std::string(R"({"interop_schema":"1.0","mystery":)") + std::string(100000, '[') + std::string(100000, ']') + "}";
    CHECK(error_of([&] { read_doc(deep); }).find("nesting deeper than 64") != std::string::npos);
    const std::string deep_line = "{\"kind\":\"student\",\"x\":" + std::string(5000, '[') + std::string(5000, ']') + "}\n";
    CHECK(error_of([&] { read_lines(deep_line); }).find("nesting deeper than 64") != std::string::npos);

    json::limits small;
    small.max_record_bytes = 100;
    const std::string big_student = R"({"id":"E1","school":"0449000U","last_name":")" + std::string(200, 'x') + R"(","first_name":"L"})";
    CHECK(error_of([&] { read_doc(R"({"interop_schema":"1.0","students":[)" + big_student + "]}", small); }).find("larger than 100 bytes") != std::string::npos);
    CHECK(error_of([&] { read_lines(R"({"kind":"student",)" + big_student.substr(1) + "\n", small); }).find("longer than 100 bytes") != std::string::npos);

    json::limits tiny_input;
    tiny_input.max_input_bytes = 1 << 16;
    const std::string padded = R"({"interop_schema":"1.0","generator":")" + std::string(200000, 'x') + "\"}";
    CHECK(error_of([&] { read_doc(padded, tiny_input); }).find("input larger than") != std::string::npos);
}

TEST_CASE("NDJSON lines: kinds, header position, blank lines, CRLF") {
    auto r = read_lines(std::string("{\"kind\":\"dataset\",\"interop_schema\":\"1.0\",\"scope\":\"delta\"}\r\n\r\n") +
                        R"({"kind":"student",)" + std::string(student_line).substr(1) + "\r\n");
    CHECK(r.data.metadata.scope == model::scope::delta);
    CHECK(r.data.all<model::student>().size() == 1);
    CHECK(error_of([] { read_lines("{\"kind\":\"pupil\"}\n"); }).find("unknown kind \"pupil\"") != std::string::npos);
    CHECK(error_of([] { read_lines("[1]\n"); }).find("must be a JSON object") != std::string::npos);
    CHECK(error_of([] { read_lines(std::string(R"({"kind":"student",)") + std::string(student_line).substr(1) +
                                   "\n{\"kind\":\"dataset\",\"interop_schema\":\"1.0\"}\n"); })
              .find("header must be the first line") != std::string::npos);
    // Without a header the stream is read as the current version.
    CHECK(read_lines(std::string(R"({"kind":"student",)") + std::string(student_line).substr(1)).data.size() == 1);
}
