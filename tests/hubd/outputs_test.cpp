// What leaves the hub: exports through any writer, and calendar feeds behind capability URLs.
#include "hub_fixture.hpp"

#include <interop/io/input.hpp>

#include <doctest/doctest.h>

using namespace hubd;
using test::parse_json;

namespace {

/** A hub holding the demo school, and a token that reads and writes everything of it. */
struct demo_hub {
    test::test_hub h{"hubd-outputs"};
    std::string token = h.token({"roster:read", "roster:write", "timetable:read", "timetable:write", "attendance:write", "grades:write",
                                 "homework:write", "discipline:write", "news:write", "notifications:write"},
                                {"0449000U"});
    demo_hub() {
        const auto doc = test::read_file(test::source_dir() / "examples/demo-school/demo-school.json");
        REQUIRE(h.call("POST", "/v1/imports?school=0449000U", doc, token).status == 201);
    }
};

std::string feed_path(test::test_hub& h, const std::string& token, const std::string& body) {
    auto res = h.call("POST", "/v1/schools/0449000U/calendars", body, token);
    REQUIRE(res.status == 201);
    return parse_json(res.body)["path"].GetString();
}

} // namespace

TEST_CASE("export through a writer: what the client may read, in the asked format; folders come zipped") {
    demo_hub d;
    auto json = d.h.call("GET", "/v1/schools/0449000U/export?format=json", "", d.token);
    REQUIRE(json.status == 200);
    CHECK(json.header("Content-Type") == d.h->formats().get("json").media_type);
    const auto doc = parse_json(json.body);
    CHECK(doc["students"].Size() == 601);
    CHECK(doc["courses"].Size() == 570);
    CHECK_FALSE(doc.HasMember("grade_results")); // grades:read is not among its scopes
    CHECK_FALSE(json.header("Interop-Losses")); // canonical JSON carries everything

    auto untis = d.h.call("GET", "/v1/schools/0449000U/export?format=untis", "", d.token);
    REQUIRE(untis.status == 200);
    CHECK(untis.header("Content-Type") == "application/zip");
    // What Untis has no place for is said, by reason, as `interop convert` says it.
    const auto losses = untis.header("Interop-Losses").value_or("");
    CHECK(losses.find("loss.kind ") == 0);
    CHECK(losses.find("loss.field.functions ") != std::string::npos); // staff functions, among others
    test::temp_dir dir("hubd-outputs-untis");
    test::write_file(dir / "untis.zip", untis.body);
    const auto in = interop::io::input::open(dir / "untis.zip");
    bool has_gpu001 = false;
    for (const auto& e : in.entries()) has_gpu001 |= e.name.find("GPU001") != std::string::npos;
    CHECK(has_gpu001);

    CHECK(d.h.call("GET", "/v1/schools/0449000U/export?format=aaf", "", d.token).status == 400); // read-only format
    CHECK(d.h.call("GET", "/v1/schools/0130001F/export?format=json", "", d.token).status == 404);
    d.h->audit().flush();
    CHECK(d.h->db().audit_head()->action == "export");
}

TEST_CASE("calendar feeds: a capability URL per audience, ETag and If-None-Match, new content after a change, revocation") {
    demo_hub d;
    const auto path = feed_path(d.h, d.token, R"({"audience":"class","id":"6A"})");
    CHECK(path.starts_with("/v1/calendars/"));
    auto first = d.h.call("GET", path);
    REQUIRE(first.status == 200);
    CHECK(first.header("Content-Type") == "text/calendar; charset=utf-8");
    CHECK(first.body.starts_with("BEGIN:VCALENDAR"));
    CHECK(first.body.find("BEGIN:VEVENT") != std::string::npos);
    const auto etag = *first.header("ETag");
    auto again = d.h->handle(http::make_request("GET", path, "", {{"If-None-Match", etag}}));
    CHECK(again.status == 304);
    CHECK(again.body.empty());

    // The school's whole timetable, and a teacher's.
    CHECK(d.h.call("GET", feed_path(d.h, d.token, R"({"audience":"school"})")).status == 200);
    const auto courses = parse_json(d.h.call("GET", "/v1/schools/0449000U/courses?limit=1&class=6A", "", d.token).body);
    const std::string teacher = courses["items"][0]["teachers"][0].GetString();
    CHECK(d.h.call("GET", feed_path(d.h, d.token, R"({"audience":"teacher","id":")" + teacher + R"("})")).status == 200);

    // A change to the timetable gives a new feed and a new ETag.
    const std::string delta = R"({"interop_schema":"1.1","scope":"delta","sessions":[{"id":"S-new","school":"0449000U","course":")" +
                              std::string(courses["items"][0]["id"].GetString()) +
                              R"(","date":"2025-10-06","start":"08:00","duration_minutes":55,"status":"cancelled"}]})";
    REQUIRE(d.h.call("POST", "/v1/imports?school=0449000U", delta, d.token).status == 201);
    auto changed = d.h->handle(http::make_request("GET", path, "", {{"If-None-Match", etag}}));
    CHECK(changed.status == 200);
    CHECK(changed.header("ETag") != etag);

    CHECK(d.h.call("POST", "/v1/schools/0449000U/calendars", R"({"audience":"class","id":"9Z"})", d.token).status == 404);
    CHECK(d.h.call("POST", "/v1/schools/0449000U/calendars", R"({"audience":"planet"})", d.token).status == 400);
    CHECK(d.h.call("POST", "/v1/schools/0449000U/calendars", R"({"audience":"school"})", d.h.token({"roster:read"}, {"*"})).status == 403);
    CHECK(d.h.call("GET", "/v1/calendars/0000.ics").status == 404);
    auto listed = parse_json(d.h.call("GET", "/v1/schools/0449000U/calendars", "", d.token).body);
    REQUIRE(listed["calendars"].Size() == 3);
    std::string id;
    for (const auto& c : listed["calendars"].GetArray())
        if (std::string(c["audience"].GetString()) == "class") id = c["id"].GetString();
    CHECK(d.h.call("GET", "/v1/schools/0449000U/calendars", "", d.token).body.find(path.substr(14, 64)) == std::string::npos);
    CHECK(d.h.call("DELETE", "/v1/schools/0449000U/calendars/" + id, "", d.token).status == 204);
    CHECK(d.h.call("GET", path).status == 404);
}

TEST_CASE("a feed whose courses cannot be laid on dates answers 409 feed_unavailable, saying why (was a 500)") {
    test::test_hub h{"hubd-feed-unbounded"};
    const auto token = h.token({"roster:read", "roster:write", "timetable:read", "timetable:write"}, {"0449000U"});
    const auto doc = R"({"interop_schema": "1.4", "scope": "delta",
      "classes": [{"id": "6A", "school": "0449000U", "code": "6A", "label": "6A"}],
      "subjects": [{"id": "maths", "school": "0449000U", "code": "061300", "short_label": "MATHS", "long_label": "MATHEMATIQUES"}],
      "courses": [{"id": "c1", "school": "0449000U", "subject": "maths", "classes": ["6A"], "weekday": 1, "start": "08:00", "duration_minutes": 55}]})";
    REQUIRE(h.call("POST", "/v1/imports?school=0449000U&format=json", doc, token).status == 201);
    const auto res = h.call("GET", feed_path(h, token, R"({"audience":"class","id":"6A"})"));
    CHECK(res.status == 409);
    CHECK(res.body.find("feed_unavailable") != std::string::npos);
    CHECK(res.body.find("no academic_year") != std::string::npos);
}
