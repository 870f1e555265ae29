#include <doctest/doctest.h>

#include "generator.hpp"
#include "support.hpp"

#include <interop/json/canonical.hpp>
#include <interop/json/schema.hpp>

#include <sstream>

using namespace interop;

namespace {

std::string committed(const std::string& name) { return test::read_file(test::source_dir() / "schemas/canonical/v1" / name); }

} // namespace

TEST_CASE("the committed demo school validates against the committed document schema") {
    const auto problems = json::validate_against_schema(committed("document.schema.json"),
                                                        test::read_file(test::source_dir() / "examples/demo-school/demo-school.json"));
    CHECK_MESSAGE(problems.empty(), (problems.empty() ? "" : problems.front()));
}

TEST_CASE("each NDJSON line validates against its kind's committed schema") {
    std::ostringstream out;
    auto writer = json::make_ndjson_writer(out);
    generator::generate({.schools = 1, .seed = 3, .classes_per_level = 1}, *writer);
    std::istringstream lines(out.str());
    std::string line;
    std::map<std::string, std::string> schemas;
    std::size_t checked = 0;
    while (std::getline(lines, line)) {
        const auto kind = json::kind_of_line(line);
        REQUIRE(kind);
        const std::string file = *kind == "dataset" ? "header.schema.json" : *kind + ".schema.json";
        if (!schemas.contains(file)) schemas[file] = committed(file);
        const auto problems = json::validate_against_schema(schemas[file], line);
        REQUIRE_MESSAGE(problems.empty(), line.substr(0, 200), " ", (problems.empty() ? "" : problems.front()));
        ++checked;
    }
    CHECK(checked > 1000);
    CHECK(schemas.size() == model::kind_names().size()); // every kind but deletion, plus the header
    const auto deletion = committed("deletion.schema.json");
    CHECK(json::validate_against_schema(deletion, R"({"kind":"deletion","id":"student/1","school":"","target_kind":"student","target_id":"1"})").empty());
}

TEST_CASE("the schemas reject what the reader rejects") {
    const auto student = committed("student.schema.json");
    CHECK(json::validate_against_schema(student, R"({"id":"E1","school":"S","last_name":"M","first_name":"L"})").empty());
    CHECK_FALSE(json::validate_against_schema(student, R"({"id":"E1","school":"S","last_name":"M"})").empty());
    CHECK_FALSE(json::validate_against_schema(student, R"({"id":"E1","school":"S","last_name":"M","first_name":"L","regime":"boarding"})").empty());
    CHECK_FALSE(json::validate_against_schema(student, R"({"id":"E1","school":"S","last_name":"M","first_name":"L","birth_date":"2012-3-1"})").empty());
    CHECK_FALSE(json::validate_against_schema(student, R"({"id":"E1","school":"S","last_name":"M","first_name":"L","shoe_size":38})").empty());
    const auto document = committed("document.schema.json");
    CHECK(json::validate_against_schema(document, R"({"interop_schema":"1.3"})").empty());
    CHECK_FALSE(json::validate_against_schema(document, R"({"interop_schema":"2.0"})").empty());
    CHECK_FALSE(json::validate_against_schema(document, R"({"interop_schema":"1.0","students":[{"id":1}]})").empty());
}
