// `interop policy check`: what the school policies hold, and until when, on a dataset.
#include <doctest/doctest.h>

#include "support.hpp"

#include <rapidjson/document.h>

namespace {

const test::fs::path data = test::source_dir() / "tests/data/policy";

test::run_result run_policy(const std::string& args) {
    static test::temp_dir scratch("policy-cli");
    return test::run_cli(args, scratch.path());
}

std::string check_args(const std::string& extra = "") {
    return "policy check --at 2025-11-20T18:00:00+01:00 --settings " + (data / "settings.json").string() + " " + extra + " " +
           (data / "school-life.json").string();
}

} // namespace

TEST_CASE("policy check reports held items, grade release, late homework and erasure dates") {
    const auto r = run_policy(check_args());
    CHECK(r.code == 1); // D2 shows guardians the grades first
    CHECK(r.err.find("[grades.guardians-first] assessment/D2") != std::string::npos);
    CHECK(test::matches_golden(data / "golden/check.txt", r.out));
    // The staff window of the settings file (21:00) lets N2 out; without it, the default holds it.
    CHECK(r.out.find("news_item/N2: sends at 2025-11-20T20:30:00+01:00") != std::string::npos);
    const auto defaults = run_policy("policy check --at 2025-11-20T18:00:00+01:00 " + (data / "school-life.json").string());
    CHECK(defaults.out.find("news_item/N2: held by night (20:00-07:00) until 2025-11-21T07:00:00+01:00") != std::string::npos);
    // The school's own calendar closes 25 November: N5 waits for the 26th.
    CHECK(r.out.find("news_item/N5: held by night (20:00-07:00) until 2025-11-26T07:00:00+01:00") != std::string::npos);
    CHECK(r.out.find("N4") == std::string::npos); // drafts are not published
}

TEST_CASE("policy check --json lists one object per finding") {
    const auto r = run_policy(check_args("--json"));
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    REQUIRE(doc.IsArray());
    CHECK(doc.Size() == 10); // N1 N2 N3 N5 X1 D1 D2 H1 S1 S2
    CHECK(std::string(doc[0]["record"].GetString()) == "news_item/N1");
    CHECK(doc[2]["notes"].Size() == 1);
}

TEST_CASE("policy check usage and input errors") {
    CHECK(run_policy("policy check " + (data / "school-life.json").string()).code == 2); // no --at
    CHECK(run_policy("policy check --at yesterday " + (data / "school-life.json").string()).code == 2);
    CHECK(run_policy("policy audit --at 2025-11-20T18:00:00Z " + (data / "school-life.json").string()).code == 2);
    static test::temp_dir scratch("policy-settings");
    test::write_file(scratch / "bad.json", R"({"families": {"night": {"from": "8pm", "until": "07:00"}}})");
    const auto r = run_policy("policy check --at 2025-11-20T18:00:00Z --settings " + (scratch / "bad.json").string() + " " +
                       (data / "school-life.json").string());
    CHECK(r.code == 3);
    CHECK(r.err.find("bad.json") != std::string::npos);
    CHECK(r.err.find("families.night.from") != std::string::npos);
}
