// Hostile JSON against every route that parses one: nesting a million deep, in request bodies,
// in an import and in a bearer token. Each is refused (400, 422 or 401) without a crash, and the
// hub answers normally afterwards.
#include "hub_fixture.hpp"

#include "auth/encoding.hpp"

#include <doctest/doctest.h>

namespace {

const std::string a = "0449000U";
const std::string or_scope = "https://purl.imsglobal.org/spec/or/v1p2/scope/";

std::string deep(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

/** A body whose value nests `levels` deep under an otherwise plausible member. */
std::string deep_member(const std::string& before, std::size_t levels) { return "{" + before + "\"x\":" + deep(levels) + "}"; }

} // namespace

TEST_CASE("JSON nested a million deep is refused by every route that reads JSON") {
    test::test_hub h("hubd-hostile-bodies", [](hubd::hub_settings& s) { s.test_clock = true; });
    const auto token = h.token({"roster:read", "roster:write", "timetable:read", "admin", "audit", "notifications:write",
                                or_scope + "gradebook.createput", or_scope + "gradebook.readonly"},
                               {a});
    REQUIRE(h.call("POST", "/v1/imports?school=" + a, test::school_document(a, 2), token).status == 201);
    const std::size_t levels = 1'000'000;
    const std::vector<std::pair<std::string, std::string>> routes = {
        {"POST", "/v1/subscriptions"},
        {"POST", "/v1/clients"},
        {"PUT", "/v1/clients/cl_x/profile"},
        {"POST", "/v1/schools/" + a + "/calendars"},
        {"POST", "/v1/notifications"},
        {"PUT", "/v1/schools/" + a + "/settings/policy"},
        {"PUT", "/v1/schools/" + a + "/settings/notifications"},
        {"PUT", "/v1/test/clock"},
        {"PUT", "/ims/oneroster/gradebook/v1p2/lineItems/li-1"},
    };
    for (const auto& entry : routes) {
        const auto& [method, target] = entry;
        CAPTURE(entry.second); // clang 14 cannot capture a structured binding
        for (const auto& body : {deep(levels), deep_member(R"("url":"http://127.0.0.1:9/h","name":"n","audience":"school",)", levels)}) {
            const auto res = h.call(method, target, body, token);
            CHECK(res.status >= 400);
            CHECK(res.status < 500);
        }
    }
    // An import in canonical JSON: refused with the reader's position and its bound.
    const auto import = h.call("POST", "/v1/imports?school=" + a + "&format=json",
                               R"({"interop_schema":"1.1","students":[{"id":"E9","extensions":{"x":)" + deep(levels) + "}}]}", token);
    CHECK(import.status == 422);
    CHECK(import.body.find("nesting deeper than") != std::string::npos);
    // A bearer token whose header and payload nest deep: not a token.
    const auto nested = hubd::base64url_encode(deep(levels));
    CHECK(h.call("GET", "/v1/schools", "", nested + "." + nested + ".AAAA").status == 401);
    // The hub still answers.
    CHECK(h.call("GET", "/v1/schools/" + a + "/students", "", token).status == 200);
}

TEST_CASE("an import past the operator's record bound fails whole, naming the record reached") {
    test::test_hub h("hubd-import-bound", [](hubd::hub_settings& s) { s.max_import_records = 5; });
    const auto token = h.token({"roster:read", "roster:write"}, {a});
    // 1 school + 1 class + 3 pupils + 3 memberships = 8 records.
    const auto res = h.call("POST", "/v1/imports?school=" + a, test::school_document(a, 3), token);
    CHECK(res.status == 422);
    CHECK(res.body.find("record 6: more than 5 records") != std::string::npos);
    CHECK(test::parse_json(h.call("GET", "/v1/changes", "", token).body)["changes"].Size() == 0);
    CHECK(h.call("POST", "/v1/imports?school=" + a, test::school_document(a, 1), token).status == 201); // 4 records
}
