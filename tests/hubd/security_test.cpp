// Every protected route against: no token, an expired token, a forged signature, `alg: none`,
// a missing scope, another school's data.
#include "hub_fixture.hpp"

#include "auth/encoding.hpp"
#include "auth/jwt.hpp"

#include <doctest/doctest.h>

using namespace hubd;
using test::parse_json;

namespace {

const std::string guarded_school = "0449000U";

struct case_row {
    std::string method, target, body;
    std::string missing_scope_token; ///< which token lacks the scope this route needs
    int other_school;                ///< what a client of another school gets; 0: not school-bound
};

/** Claims for an existing client, valid from `from` for `seconds`. */
token_claims claims_for(const std::string& client, std::int64_t from, std::int64_t seconds) {
    return {"hubd", "hubd", client, {"roster:read", "roster:write", "admin", "audit", "timetable:read"}, from, from, from + seconds, "x"};
}

} // namespace

TEST_CASE("every protected route: 401 without a valid token, 403 without the scope, 404 for another school") {
    test::test_hub h("hubd-security");
    const std::vector<std::string> everything = {"roster:read", "roster:write", "timetable:read", "admin", "audit"};
    auto [client_id, secret] = h.client(everything, {guarded_school});
    (void)secret;
    const auto good = h.token(everything, {guarded_school});
    REQUIRE(h.call("POST", "/v1/imports?school=" + guarded_school, test::school_document(guarded_school, 2), good).status == 201);
    const auto import_id = std::string(parse_json(h.call("GET", "/v1/changes", "", good).body)["changes"][0]["import"].GetString());
    const auto sub = parse_json(h.call("POST", "/v1/subscriptions", R"({"url":"http://127.0.0.1:9/h"})", good).body);
    const auto sub_id = std::string(sub["id"].GetString());

    std::map<std::string, std::string> tokens = {
        {"audit-only", h.token({"audit"}, {guarded_school})},
        {"roster-only", h.token({"roster:read"}, {guarded_school})},
    };
    const auto other = h.token({"roster:read", "roster:write", "timetable:read", "audit"}, {"0130001F"});
    const auto now = h.now / 1000;
    const std::vector<std::pair<std::string, std::string>> bad_tokens = {
        {"expired", issue_token(claims_for(client_id, now - 3600, 900), h->auth().key())},
        {"not yet valid", issue_token(claims_for(client_id, now + 3600, 900), h->auth().key())},
        {"forged signature", issue_token(claims_for(client_id, now, 900), signing_key::generate())},
        {"alg none", base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                         base64url_encode(R"({"iss":"hubd","aud":"hubd","sub":")" + client_id +
                                          R"(","scope":"admin","nbf":0,"exp":9999999999})") + "."},
        {"garbage", "a.b.c"},
    };

    const std::vector<case_row> routes = {
        {"GET", "/v1/schools", "", "audit-only", 0},
        {"GET", "/v1/schools/" + guarded_school + "/students", "", "audit-only", 404},
        {"GET", "/v1/schools/" + guarded_school + "/students/E1", "", "audit-only", 404},
        {"GET", "/v1/schools/" + guarded_school + "/export?format=json", "", "audit-only", 404},
        {"POST", "/v1/schools/" + guarded_school + "/calendars", R"({"audience":"school"})", "roster-only", 404},
        {"GET", "/v1/schools/" + guarded_school + "/calendars", "", "roster-only", 404},
        {"DELETE", "/v1/schools/" + guarded_school + "/calendars/cal_x", "", "roster-only", 404},
        {"GET", "/v1/changes?school=" + guarded_school, "", "audit-only", 404},
        {"POST", "/v1/imports?school=" + guarded_school, test::school_document(guarded_school, 1), "audit-only", 404},
        {"GET", "/v1/imports/" + import_id, "", "audit-only", 404},
        {"GET", "/v1/clients", "", "roster-only", 0},
        {"POST", "/v1/clients", R"({"name":"x","scopes":[],"schools":[]})", "roster-only", 0},
        {"DELETE", "/v1/clients/cl_x", "", "roster-only", 0},
        {"PUT", "/v1/clients/cl_x/profile", "{}", "roster-only", 0},
        {"POST", "/v1/subscriptions", R"({"url":"http://127.0.0.1:9/h","schools":[")" + guarded_school + R"("]})", "audit-only", 404},
        {"GET", "/v1/subscriptions/" + sub_id, "", "", 404},
        {"DELETE", "/v1/subscriptions/" + sub_id + "x", "", "", 0},
        {"GET", "/v1/subscriptions/" + sub_id + "/deliveries", "", "", 404},
        {"GET", "/v1/audit", "", "roster-only", 0},
        {"GET", "/v1/audit/checkpoint", "", "roster-only", 0},
    };
    for (const auto& r : routes) {
        CAPTURE(r.method + " " + r.target);
        CHECK(h.call(r.method, r.target, r.body).status == 401);
        for (const auto& entry : bad_tokens) {
            const auto& [why, token] = entry;
            CAPTURE(entry.first); // clang 14 cannot capture a structured binding
            const auto res = h.call(r.method, r.target, r.body, token);
            CHECK(res.status == 401);
            CHECK(res.header("WWW-Authenticate"));
        }
        if (!r.missing_scope_token.empty()) {
            const auto res = h.call(r.method, r.target, r.body, tokens[r.missing_scope_token]);
            CHECK(res.status == 403);
            CHECK(res.header("WWW-Authenticate")->find("insufficient_scope") != std::string::npos);
        }
        if (r.other_school) CHECK(h.call(r.method, r.target, r.body, other).status == r.other_school);
    }
    // The good token passes each of them (what it gets depends on the route, never 401/403).
    for (const auto& r : routes) {
        CAPTURE(r.method + " " + r.target);
        const auto status = h.call(r.method, r.target, r.body, good).status;
        CHECK(status != 401);
        CHECK(status != 403);
    }
}
