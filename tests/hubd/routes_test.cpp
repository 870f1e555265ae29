// The routes, called through the router without sockets.
#include "hub_fixture.hpp"

#include <interop/calendar/school_holidays.hpp>

#include <doctest/doctest.h>

using namespace hubd;
using test::parse_json;

namespace {

const std::string school_a = "0449000U", school_b = "0130001F";

using test::str;

/** A hub holding both schools, imported by an admin-like writer. */
struct two_schools {
    test::test_hub h{"hubd-routes"};
    std::string writer = h.token({"roster:write", "roster:read", "timetable:read"}, {"*"});
    two_schools() {
        REQUIRE(h.call("POST", "/v1/imports?school=" + school_a, test::school_document(school_a, 3), writer).status == 201);
        REQUIRE(h.call("POST", "/v1/imports?school=" + school_b, test::school_document(school_b, 2), writer).status == 201);
    }
};

} // namespace

TEST_CASE("health answers without a token; unknown paths 404, wrong methods 405 with Allow") {
    test::test_hub h("hubd-routes-health");
    CHECK(h.call("GET", "/healthz").status == 200);
    CHECK(parse_json(h.call("GET", "/readyz").body)["last_seq"].GetInt() == 0);
    CHECK(h.call("GET", "/nowhere").status == 404);
    auto res = h.call("DELETE", "/v1/imports");
    CHECK(res.status == 405);
    CHECK(res.header("Allow") == "POST");
}

TEST_CASE("readyz warns when the school holidays hubd ships do not reach today") {
    test::test_hub h("hubd-routes-holidays");
    const auto until = interop::calendar::official_holidays().known_until();
    REQUIRE(until);
    h.now = interop::model::days_since_epoch(*until) * 86'400'000 + 12 * 3'600'000; // their last day: known
    CHECK(parse_json(h.call("GET", "/readyz").body)["warnings"].Empty());
    h.now += 86'400'000; // the day after
    const auto ready = parse_json(h.call("GET", "/readyz").body);
    REQUIRE(ready["warnings"].Size() == 1);
    CHECK(str(ready["warnings"][0]).find("end on " + interop::model::to_string(*until)) != std::string::npos);
}

TEST_CASE("the token endpoint: client credentials by form or Basic, and its errors") {
    test::test_hub h("hubd-routes-token");
    auto [id, secret] = h.client({"roster:read", "timetable:read"}, {school_a});
    auto ok = h.call("POST", "/oauth/token", "grant_type=client_credentials&scope=roster%3Aread&client_id=" + id + "&client_secret=" + secret);
    REQUIRE(ok.status == 200);
    CHECK(ok.header("Cache-Control") == "no-store");
    auto body = parse_json(ok.body);
    CHECK(str(body["token_type"]) == "Bearer");
    CHECK(str(body["scope"]) == "roster:read");
    CHECK(body["expires_in"].GetInt() == 900);

    std::string basic = id + ":" + secret, encoded;
    {
        static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (std::size_t i = 0; i < basic.size(); i += 3) {
            const std::uint32_t n = (static_cast<unsigned char>(basic[i]) << 16) |
                                    (i + 1 < basic.size() ? static_cast<unsigned char>(basic[i + 1]) << 8 : 0) |
                                    (i + 2 < basic.size() ? static_cast<unsigned char>(basic[i + 2]) : 0);
            encoded += table[(n >> 18) & 63];
            encoded += table[(n >> 12) & 63];
            encoded += i + 1 < basic.size() ? table[(n >> 6) & 63] : '=';
            encoded += i + 2 < basic.size() ? table[n & 63] : '=';
        }
    }
    auto by_basic = h->handle(http::make_request("POST", "/oauth/token", "grant_type=client_credentials", {{"Authorization", "Basic " + encoded}}));
    CHECK(by_basic.status == 200);
    CHECK(str(parse_json(by_basic.body)["scope"]) == "roster:read timetable:read");

    CHECK(h.call("POST", "/oauth/token", "grant_type=password&client_id=" + id + "&client_secret=" + secret).status == 400);
    auto wrong = h.call("POST", "/oauth/token", "grant_type=client_credentials&client_id=" + id + "&client_secret=nope");
    CHECK(wrong.status == 401);
    CHECK(str(parse_json(wrong.body)["error"]) == "invalid_client");
    auto beyond = h.call("POST", "/oauth/token", "grant_type=client_credentials&scope=admin&client_id=" + id + "&client_secret=" + secret);
    CHECK(str(parse_json(beyond.body)["error"]) == "invalid_scope");
    CHECK(h.call("GET", "/.well-known/jwks.json").body.find(h->auth().key().id()) != std::string::npos);
}

TEST_CASE("every protected route: no token or a bad one 401, missing scope 403") {
    two_schools t;
    const auto reader = t.h.token({"timetable:read"}, {school_a});
    const char* protected_routes[][2] = {{"GET", "/v1/schools"}, {"GET", "/v1/schools/0449000U/students"},
                                         {"GET", "/v1/schools/0449000U/students/E1"}, {"GET", "/v1/changes"},
                                         {"POST", "/v1/imports?school=0449000U"}, {"GET", "/v1/imports/imp_x"},
                                         {"GET", "/v1/clients"}, {"POST", "/v1/clients"}, {"DELETE", "/v1/clients/cl_x"}};
    for (const auto& [method, target] : protected_routes) {
        const std::string route = target; // clang 14 cannot capture a structured binding
        CAPTURE(route);
        auto none = t.h.call(method, target, "x");
        CHECK(none.status == 401);
        CHECK(none.header("WWW-Authenticate"));
        CHECK(t.h.call(method, target, "x", "not.a.token").status == 401);
        CHECK(t.h.call(method, target, "x", t.writer + "x").status == 401);
    }
    CHECK(t.h.call("GET", "/v1/schools/0449000U/students", "", reader).status == 403);
    CHECK(t.h.call("GET", "/v1/schools/0449000U/students/E1", "", reader).status == 403);
    CHECK(t.h.call("GET", "/v1/changes?kinds=student", "", reader).status == 403);
    CHECK(t.h.call("POST", "/v1/imports?school=0449000U", "{}", reader).status == 403);
    CHECK(t.h.call("GET", "/v1/clients", "", reader).status == 403);
    t.h.now += 901'000 + 30'000; // every token has expired
    CHECK(t.h.call("GET", "/v1/schools", "", t.writer).status == 401);
}

TEST_CASE("a client sees only its schools: another school's data is 404, like absent data") {
    two_schools t;
    const auto a_only = t.h.token({"roster:read", "roster:write"}, {school_a});
    CHECK(t.h.call("GET", "/v1/schools/0449000U/students/E1", "", a_only).status == 200);
    const auto other = t.h.call("GET", "/v1/schools/0130001F/students/E1", "", a_only);
    const auto absent = t.h.call("GET", "/v1/schools/0999999Z/students/E1", "", a_only);
    CHECK(other.status == 404);
    CHECK(other.body == absent.body);
    CHECK(t.h.call("GET", "/v1/schools/0130001F/students", "", a_only).status == 404);
    CHECK(t.h.call("POST", "/v1/imports?school=0130001F", test::school_document(school_b, 1), a_only).status == 404);
    auto schools = parse_json(t.h.call("GET", "/v1/schools", "", a_only).body);
    REQUIRE(schools["schools"].Size() == 1);
    CHECK(str(schools["schools"][0]["uai"]) == school_a);
    auto changes = parse_json(t.h.call("GET", "/v1/changes?limit=1000", "", a_only).body);
    for (const auto& c : changes["changes"].GetArray()) CHECK(str(c["school"]) == school_a);
    CHECK(changes["changes"].Size() == 8);
    CHECK(t.h.call("GET", "/v1/changes?school=0130001F", "", a_only).status == 404);
    const auto all = parse_json(t.h.call("GET", "/v1/changes?limit=1000", "", t.writer).body);
    const std::string import_b = all["changes"][9]["import"].GetString();
    CHECK(t.h.call("GET", "/v1/imports/" + import_b, "", a_only).status == 404);
}

TEST_CASE("imports over HTTP: 201 with the report, then GET; bad input 422 and nothing changes") {
    test::test_hub h("hubd-routes-imports");
    const auto writer = h.token({"roster:write", "roster:read"}, {school_a});
    auto created = h.call("POST", "/v1/imports?school=0449000U&name=export.json", test::school_document(school_a, 2), writer);
    REQUIRE(created.status == 201);
    const auto location = *created.header("Location");
    auto report = parse_json(h.call("GET", location, "", writer).body);
    CHECK(str(report["status"]) == "succeeded");
    CHECK(str(report["source"]) == "export.json");
    CHECK(report["changes"]["created"].GetInt() == 6);
    auto bad = h.call("POST", "/v1/imports?school=0449000U&format=json", "{\"interop_schema\":\"1.1\",\"students\":[{", writer);
    CHECK(bad.status == 422);
    CHECK(str(parse_json(bad.body)["status"]) == "failed");
    CHECK(h.call("POST", "/v1/imports?school=0449000U&format=nope", "{}", writer).status == 400);
    CHECK(h.call("POST", "/v1/imports", "{}", writer).status == 400);
    CHECK(h.call("POST", "/v1/imports?school=0449000U", "", writer).status == 400);
    CHECK(parse_json(h.call("GET", "/v1/changes", "", writer).body)["changes"].Size() == 6);
    CHECK(std::filesystem::is_empty(h->spool()));
}

TEST_CASE("the change feed pages by sequence and filters by kind; an empty answer asks to be held") {
    two_schools t;
    auto page = parse_json(t.h.call("GET", "/v1/changes?after=2&limit=3", "", t.writer).body);
    REQUIRE(page["changes"].Size() == 3);
    CHECK(page["changes"][0]["seq"].GetInt() == 3);
    CHECK(page["next_after"].GetInt() == 5);
    auto students = parse_json(t.h.call("GET", "/v1/changes?kinds=students&school=0130001F", "", t.writer).body);
    CHECK(students["changes"].Size() == 2);
    CHECK(t.h.call("GET", "/v1/changes?kinds=nope", "", t.writer).status == 400);
    CHECK(t.h.call("GET", "/v1/changes?after=x", "", t.writer).status == 400);
    CHECK(t.h.call("GET", "/v1/changes?limit=100000", "", t.writer).status == 400);
    auto end = t.h.call("GET", "/v1/changes?after=100&wait=5", "", t.writer);
    CHECK(end.status == 200);
    CHECK(end.hold_until);
    CHECK_FALSE(t.h.call("GET", "/v1/changes?after=1&wait=5", "", t.writer).hold_until);
}

TEST_CASE("records: cursor paging, fields, class filter, unknown kind or field") {
    two_schools t;
    auto first = parse_json(t.h.call("GET", "/v1/schools/0449000U/students?limit=2&fields=id,last_name", "", t.writer).body);
    REQUIRE(first["items"].Size() == 2);
    CHECK(first["items"][0].MemberCount() == 2);
    CHECK(str(first["items"][0]["last_name"]) == "Martin");
    const auto cursor = str(first["next_cursor"]);
    auto second = parse_json(t.h.call("GET", "/v1/schools/0449000U/students?limit=2&cursor=" + cursor, "", t.writer).body);
    REQUIRE(second["items"].Size() == 1);
    CHECK(str(second["items"][0]["id"]) == "E3");
    CHECK_FALSE(second.HasMember("next_cursor"));
    CHECK(parse_json(t.h.call("GET", "/v1/schools/0449000U/students?class=6A", "", t.writer).body)["items"].Size() == 3);
    CHECK(parse_json(t.h.call("GET", "/v1/schools/0449000U/students?class=6B", "", t.writer).body)["items"].Size() == 0);
    CHECK(t.h.call("GET", "/v1/schools/0449000U/students?fields=shoe_size", "", t.writer).status == 400);
    CHECK(t.h.call("GET", "/v1/schools/0449000U/unicorns", "", t.writer).status == 404);
    CHECK(t.h.call("GET", "/v1/schools/0449000U/students?updated_after=yesterday", "", t.writer).status == 400);
    CHECK(t.h.call("GET", "/v1/schools/0449000U/sessions?from=2026-13", "", t.writer).status == 400);
    auto later = t.h.call("GET", "/v1/schools/0449000U/students?updated_after=2027-01-15T08:00:00Z", "", t.writer);
    CHECK(parse_json(later.body)["items"].Size() == 0);
    auto earlier = t.h.call("GET", "/v1/schools/0449000U/students?updated_after=2027-01-15T07:59:59.5Z", "", t.writer);
    CHECK(parse_json(earlier.body)["items"].Size() == 3);
    auto one = parse_json(t.h.call("GET", "/v1/schools/0449000U/students/E2", "", t.writer).body);
    CHECK(str(one["first_name"]) == "P2");
    CHECK(t.h.call("GET", "/v1/schools/0449000U/students/E9", "", t.writer).status == 404);
}

TEST_CASE("admin API: clients created with a secret shown once, listed without it, revoked at once") {
    test::test_hub h("hubd-routes-clients");
    const auto admin = h.token({"admin"}, {"*"});
    auto created = h.call("POST", "/v1/clients", R"({"name":"Cantine","scopes":["roster:read"],"schools":["0449000U"]})", admin);
    REQUIRE(created.status == 201);
    auto body = parse_json(created.body);
    const auto id = str(body["client_id"]), secret = str(body["client_secret"]);
    CHECK(h.call("GET", "/v1/clients", "", admin).body.find(secret) == std::string::npos);
    auto token = parse_json(h.call("POST", "/oauth/token", "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret).body);
    const std::string bearer = token["access_token"].GetString();
    CHECK(h.call("GET", "/v1/schools", "", bearer).status == 200);
    CHECK(h.call("DELETE", "/v1/clients/" + id, "", admin).status == 204);
    CHECK(h.call("GET", "/v1/schools", "", bearer).status == 401);
    CHECK(h.call("DELETE", "/v1/clients/cl_none", "", admin).status == 404);
    CHECK(h.call("POST", "/v1/clients", R"({"name":"x","scopes":["root"],"schools":[]})", admin).status == 400);
    CHECK(h.call("POST", "/v1/clients", "[", admin).status == 400);
}

TEST_CASE("answers kept between commits are never stale: the next import shows at once") {
    test::test_hub h("hubd-routes-cache");
    const auto token = h.token({"roster:write", "roster:read"}, {school_a});
    REQUIRE(h.call("POST", "/v1/imports?school=0449000U", test::school_document(school_a, 2), token).status == 201);
    const auto before = h.call("GET", "/v1/schools/0449000U/students", "", token).body;
    CHECK(h.call("GET", "/v1/schools/0449000U/students", "", token).body == before);
    REQUIRE(h.call("POST", "/v1/imports?school=0449000U", test::school_document(school_a, 2, "full", "Durand"), token).status == 201);
    const auto after = h.call("GET", "/v1/schools/0449000U/students", "", token).body;
    CHECK(after.find("Durand") != std::string::npos);
    CHECK(after.find("Martin") == std::string::npos);
}
