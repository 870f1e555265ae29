// Imports: diffed against the store, applied in one transaction, reported.
#include "hub_fixture.hpp"

#include <doctest/doctest.h>

using namespace hubd;

namespace {

import_result import_text(test::test_hub& h, const std::string& text, const std::string& school = "0449000U",
                          const std::string& format = "") {
    static int n = 0;
    const auto file = h.data() / ("in-" + std::to_string(++n) + ".json");
    test::write_file(file, text);
    import_request req{"imp_" + std::to_string(n), school, "cl_test", format, file, file.filename().string(), {}};
    return h->imports().run(req);
}

rapidjson::Document report(const import_result& r) { return test::parse_json(r.row.report_json); }

int changes_of(const rapidjson::Document& rep, const char* op) { return rep["changes"][op].GetInt(); }

std::size_t all_changes(test::test_hub& h) {
    change_query q;
    q.limit = 1000000;
    return h->db().changes(q).size();
}

} // namespace

TEST_CASE("a first import creates every record, and the same file again changes nothing") {
    test::test_hub h("hubd-import-first");
    auto first = import_text(h, test::school_document("0449000U", 3));
    INFO(first.row.report_json);
    CHECK(first.failure == import_failure::none);
    auto rep = report(first);
    CHECK(std::string(rep["status"].GetString()) == "succeeded");
    CHECK(std::string(rep["format"].GetString()) == "json");
    CHECK(rep["records"].GetInt() == 8);
    CHECK(changes_of(rep, "created") == 8);
    CHECK(rep["kinds"]["student"]["created"].GetInt() == 3);
    CHECK(rep["first_seq"].GetInt() == 1);
    CHECK(rep["last_seq"].GetInt() == 8);
    CHECK(all_changes(h) == 8);

    auto again = report(import_text(h, test::school_document("0449000U", 3)));
    CHECK(changes_of(again, "created") == 0);
    CHECK(changes_of(again, "unchanged") == 8);
    CHECK(all_changes(h) == 8);
    CHECK(h->db().import(first.row.id)->status == "succeeded");
}

TEST_CASE("a full snapshot updates what changed and deletes what is missing") {
    test::test_hub h("hubd-import-snapshot");
    import_text(h, test::school_document("0449000U", 3));
    auto rep = report(import_text(h, test::school_document("0449000U", 2, "full", "Durand")));
    CHECK(rep["kinds"]["student"]["updated"].GetInt() == 2);
    CHECK(rep["kinds"]["student"]["deleted"].GetInt() == 1);
    CHECK(rep["kinds"]["membership"]["deleted"].GetInt() == 1);
    CHECK(rep["kinds"]["class"]["unchanged"].GetInt() == 1);
    CHECK_FALSE(h->db().record({"student", "0449000U", "E3"}));
    CHECK(h->db().record({"student", "0449000U", "E1"})->json.find("Durand") != std::string::npos);
}

TEST_CASE("a full snapshot that says which kinds it holds whole deletes only those") {
    test::test_hub h("hubd-import-covers");
    import_text(h, test::school_document("0449000U", 3));
    // A roster of pupils alone (a OneRoster package with users only): classes and memberships are not its to delete.
    const std::string pupils = R"({"interop_schema":"1.4","scope":"full","covers":["school","student"],
        "schools":[{"id":"0449000U","school":"0449000U","uai":"0449000U","name":"Collège 0449000U","time_zone":"Europe/Paris"}],
        "students":[{"id":"E1","school":"0449000U","last_name":"Martin","first_name":"P1","birth_date":"2014-03-02"},
                    {"id":"E2","school":"0449000U","last_name":"Martin","first_name":"P2","birth_date":"2014-03-03"}]})";
    const auto result = import_text(h, pupils);
    INFO(result.row.report_json);
    auto rep = report(result);
    CHECK(rep["kinds"]["student"]["deleted"].GetInt() == 1);
    CHECK_FALSE(rep["kinds"].HasMember("class"));
    CHECK(h->db().record({"class", "0449000U", "6A"}));
    CHECK(h->db().record({"membership", "0449000U", "M1"}));
}

TEST_CASE("a delta changes only what it states; deleting a pupil ends its memberships") {
    test::test_hub h("hubd-import-delta");
    import_text(h, test::school_document("0449000U", 3));
    const std::string delta = R"({"interop_schema":"1.1","scope":"delta",
        "students":[{"id":"E4","school":"0449000U","last_name":"Petit","first_name":"Léa"}],
        "deletions":[{"id":"D1","school":"0449000U","target_kind":"student","target_id":"E2"}]})";
    auto rep = report(import_text(h, delta));
    CHECK(std::string(rep["scope"].GetString()) == "delta");
    CHECK(rep["kinds"]["student"]["created"].GetInt() == 1);
    CHECK(rep["kinds"]["student"]["deleted"].GetInt() == 1);
    CHECK(rep["kinds"]["membership"]["deleted"].GetInt() == 1);
    CHECK(h->db().record({"student", "0449000U", "E1"}));
    CHECK(h->db().record({"membership", "0449000U", "M1"}));
    CHECK_FALSE(h->db().record({"membership", "0449000U", "M2"}));
}

TEST_CASE("a file that does not parse fails with its position and changes nothing") {
    test::test_hub h("hubd-import-bad");
    import_text(h, test::school_document("0449000U", 2));
    const auto before = all_changes(h);
    auto doc = test::school_document("0449000U", 5);
    doc.resize(doc.size() - 40); // truncated mid-record
    auto bad = import_text(h, doc, "0449000U", "json");
    CHECK(bad.failure == import_failure::unreadable);
    auto rep = report(bad);
    CHECK(std::string(rep["status"].GetString()) == "failed");
    CHECK(std::string(rep["error"].GetString()).find(".json:1:") != std::string::npos);
    CHECK_FALSE(rep.HasMember("last_seq"));
    CHECK(all_changes(h) == before);
    CHECK_FALSE(h->db().record({"student", "0449000U", "E3"}));
    CHECK(h->db().import(bad.row.id)->status == "failed");
}

TEST_CASE("records of another school than the import's fail the whole import") {
    test::test_hub h("hubd-import-other-school");
    auto r = import_text(h, test::school_document("0130001F", 2), "0449000U");
    CHECK(r.failure == import_failure::invalid);
    CHECK(std::string(report(r)["error"].GetString()).find("belongs to school 0130001F") != std::string::npos);
    CHECK(all_changes(h) == 0);
}

TEST_CASE("an unknown format or unidentifiable file is a bad request") {
    test::test_hub h("hubd-import-format");
    CHECK(import_text(h, "just some words\n").failure == import_failure::bad_request);
    CHECK(import_text(h, "{}", "0449000U", "no-such-format").failure == import_failure::bad_request);
}

TEST_CASE("a sender without the write scope of a kind in the file changes nothing") {
    test::test_hub h("hubd-import-scope");
    const auto file = h.data() / "in.json";
    test::write_file(file, test::school_document("0449000U", 2));
    import_request req{"imp_x", "0449000U", "cl", "", file, "in.json", [](const std::string& kind) { return kind != "student"; }};
    auto r = h->imports().run(req);
    CHECK(r.failure == import_failure::forbidden);
    CHECK(all_changes(h) == 0);
}

TEST_CASE("the demo school imports whole, and its class filter finds its pupils") {
    test::test_hub h("hubd-import-demo");
    const auto demo = test::source_dir() / "examples/demo-school/demo-school.json";
    import_request req{"imp_demo", "0449000U", "cl", "", demo, "demo-school.json", {}};
    auto r = h->imports().run(req);
    REQUIRE(r.failure == import_failure::none);
    auto rep = report(r);
    CHECK(rep["records"].GetInt() > 25000);
    CHECK(changes_of(rep, "created") == rep["records"].GetInt());
    record_query q;
    q.school = "0449000U";
    q.kind = "student";
    q.limit = 1000;
    q.member_of = "6A";
    CHECK(h->db().records(q).size() > 20);
}
