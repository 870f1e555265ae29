// Data minimisation: field profiles per client, pseudonymous ids, opaque cursors.
#include "hub_fixture.hpp"

#include <doctest/doctest.h>

using namespace hubd;
using test::parse_json;

namespace {

using test::str;

struct school_hub {
    test::test_hub h{"hubd-privacy"};
    std::string admin = h.token({"admin", "roster:read", "roster:write"}, {"*"});
    school_hub() { REQUIRE(h.call("POST", "/v1/imports?school=0449000U", test::school_document("0449000U", 3), admin).status == 201); }

    /** A client made through the admin API with this profile body; returns a token for it. */
    std::string client(const std::string& extra) {
        auto res = h.call("POST", "/v1/clients", R"({"name":"vendor","scopes":["roster:read"],"schools":["0449000U"])" + extra + "}", admin);
        REQUIRE(res.status == 201);
        const auto body = parse_json(res.body);
        const auto token = parse_json(h.call("POST", "/oauth/token", "grant_type=client_credentials&client_id=" + str(body["client_id"]) +
                                                                         "&client_secret=" + str(body["client_secret"]))
                                          .body);
        return str(token["access_token"]);
    }
};

} // namespace

TEST_CASE("a field profile limits what a client receives, in lists, single records and exports") {
    school_hub s;
    const auto canteen = s.client(R"(,"fields":{"students":["first_name","last_name"]})");
    auto list = parse_json(s.h.call("GET", "/v1/schools/0449000U/students", "", canteen).body);
    const auto& first = list["items"][0];
    CHECK(first.HasMember("last_name"));
    CHECK(first.HasMember("id"));
    CHECK_FALSE(first.HasMember("birth_date"));
    CHECK_FALSE(parse_json(s.h.call("GET", "/v1/schools/0449000U/students/E1", "", canteen).body).HasMember("birth_date"));
    CHECK(s.h.call("GET", "/v1/schools/0449000U/export?format=json", "", canteen).body.find("birth_date") == std::string::npos);
    CHECK(parse_json(s.h.call("GET", "/v1/schools/0449000U/classes", "", canteen).body)["items"][0].HasMember("label")); // no profile for classes
    CHECK(s.h.call("POST", "/v1/clients", R"({"name":"x","scopes":[],"schools":[],"fields":{"students":["shoe_size"]}})", s.admin).status == 400);
}

TEST_CASE("pseudonymous clients see stable per-client pseudonyms for people, everywhere, and can use them") {
    school_hub s;
    const auto a = s.client(R"(,"pseudonymous":true)");
    const auto b = s.client(R"(,"pseudonymous":true)");
    auto students = parse_json(s.h.call("GET", "/v1/schools/0449000U/students", "", a).body);
    const auto pseudo = str(students["items"][0]["id"]);
    CHECK(pseudo.starts_with("p"));
    CHECK(pseudo != "E1");
    CHECK(str(parse_json(s.h.call("GET", "/v1/schools/0449000U/students", "", a).body)["items"][0]["id"]) == pseudo); // stable
    CHECK(str(parse_json(s.h.call("GET", "/v1/schools/0449000U/students", "", b).body)["items"][0]["id"]) != pseudo); // per client
    // The membership names the same pseudonym; the class keeps its id.
    auto memberships = parse_json(s.h.call("GET", "/v1/schools/0449000U/memberships?person=" + pseudo, "", a).body);
    REQUIRE(memberships["items"].Size() == 1);
    CHECK(str(memberships["items"][0]["person"]) == pseudo);
    CHECK(str(memberships["items"][0]["group"]) == "6A");
    CHECK(s.h.call("GET", "/v1/schools/0449000U/students/" + pseudo, "", a).status == 200);
    CHECK(s.h.call("GET", "/v1/schools/0449000U/students/E1", "", a).status == 404);
    const auto changes = s.h.call("GET", "/v1/changes?kinds=students", "", a).body;
    CHECK(changes.find(pseudo) != std::string::npos);
    CHECK(changes.find("\"E1\"") == std::string::npos);
}

TEST_CASE("cursors are opaque and cannot be forged") {
    school_hub s;
    auto page = parse_json(s.h.call("GET", "/v1/schools/0449000U/students?limit=1", "", s.admin).body);
    const auto cursor = str(page["next_cursor"]);
    CHECK(cursor.find("E1") == std::string::npos);
    CHECK(str(parse_json(s.h.call("GET", "/v1/schools/0449000U/students?limit=1&cursor=" + cursor, "", s.admin).body)["items"][0]["id"]) == "E2");
    // Any edited character is refused: the last one (whose low bits may be padding) and one inside.
    for (const auto at : {cursor.size() - 1, cursor.size() / 2}) {
        auto forged = cursor;
        forged[at] = forged[at] == 'A' ? 'B' : 'A';
        CHECK(s.h.call("GET", "/v1/schools/0449000U/students?cursor=" + forged, "", s.admin).status == 400);
    }
    CHECK(s.h.call("GET", "/v1/schools/0449000U/students?cursor=RTE", "", s.admin).status == 400);
}
