// Webhooks: the outbox filled with the changes, signatures, retries, dead letters, the routes.
#include "hub_fixture.hpp"

#include "delivery/deliverer.hpp"
#include "delivery/outbox.hpp"
#include "delivery/signature.hpp"

#include <doctest/doctest.h>

using namespace hubd;
using test::parse_json;

namespace {

struct recorded {
    std::string url, body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string header(const std::string& name) const {
        for (const auto& [k, v] : headers)
            if (k == name) return v;
        return {};
    }
};

/** A sender that records each post and answers with the next status in `answers` (200 once they run out). */
struct fake_receiver {
    std::vector<recorded> posts;
    std::vector<int> answers;
    webhook_sender sender() {
        return [this](const std::string& url, const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
            posts.push_back({url, body, headers});
            const int status = answers.empty() ? 200 : answers.front();
            if (!answers.empty()) answers.erase(answers.begin());
            return post_result{status, status ? "" : "connection refused"};
        };
    }
};

std::string subscribe(test::test_hub& h, const std::string& token, const std::string& body) {
    auto res = h.call("POST", "/v1/subscriptions", body, token);
    REQUIRE(res.status == 201);
    return parse_json(res.body)["id"].GetString();
}

} // namespace

TEST_CASE("signatures: t and v1 over the timestamp and body; wrong secret, body, age or shape refused") {
    const auto header = sign_delivery("secret-0123456789", 1'800'000'000, R"({"a":1})");
    CHECK(header.starts_with("t=1800000000,v1="));
    CHECK(verify_delivery_signature(header, "secret-0123456789", R"({"a":1})", 1'800'000'100));
    CHECK_FALSE(verify_delivery_signature(header, "other-secret-0000", R"({"a":1})", 1'800'000'100));
    CHECK_FALSE(verify_delivery_signature(header, "secret-0123456789", R"({"a":2})", 1'800'000'100));
    CHECK_FALSE(verify_delivery_signature(header, "secret-0123456789", R"({"a":1})", 1'800'001'000)); // replayed later
    CHECK(verify_delivery_signature("v1=00," + header, "secret-0123456789", R"({"a":1})", 1'800'000'000)); // rotation: any v1
    for (const char* bad : {"", "t=1800000000", "v1=abc", "t=x,v1=abc", "garbage", "t=1800000000,v1"})
        CHECK_FALSE(verify_delivery_signature(bad, "secret-0123456789", R"({"a":1})", 1'800'000'000));
}

TEST_CASE("backoff doubles from the first step, stays within [half, full], and is capped") {
    delivery_settings s;
    s.first_backoff = 1000;
    s.max_backoff = 60000;
    for (std::uint64_t r : {0ULL, 7ULL, 999999ULL}) {
        CHECK(backoff_for(1, s, r) >= 500);
        CHECK(backoff_for(1, s, r) <= 1000);
        CHECK(backoff_for(3, s, r) >= 2000);
        CHECK(backoff_for(3, s, r) <= 4000);
        CHECK(backoff_for(30, s, r) <= 60000);
        CHECK(backoff_for(30, s, r) >= 30000);
    }
}

TEST_CASE("an import fills the outbox in its own transaction: one delivery per subscription, its kinds and schools only") {
    test::test_hub h("hubd-delivery-outbox");
    const auto token = h.token({"roster:read", "roster:write"}, {"0449000U", "0130001F"});
    const auto students = subscribe(h, token, R"({"url":"http://127.0.0.1:9/hook","kinds":["students"],"schools":["0449000U"]})");
    const auto everything = subscribe(h, token, R"({"url":"http://127.0.0.1:9/all","secret":"0123456789abcdef0123"})");
    REQUIRE(h.call("POST", "/v1/imports?school=0449000U", test::school_document("0449000U", 3), token).status == 201);
    REQUIRE(h.call("POST", "/v1/imports?school=0130001F", test::school_document("0130001F", 2), token).status == 201);
    const auto due = h->db().due_deliveries(h.now, 100);
    REQUIRE(due.size() == 3);
    std::map<std::string, std::vector<std::uint64_t>> seqs;
    for (const auto& d : due) {
        const auto payload = parse_json(d.payload); // named: the loop reads into it
        for (const auto& c : payload["changes"].GetArray()) seqs[d.subscription].push_back(c["seq"].GetUint64());
    }
    CHECK(seqs[students] == std::vector<std::uint64_t>{3, 4, 5});
    CHECK(seqs[everything].size() == 14);

    // A failed import adds nothing to the outbox.
    CHECK(h.call("POST", "/v1/imports?school=0449000U&format=json", "{", token).status == 422);
    CHECK(h->db().due_deliveries(h.now, 100).size() == 3);
}

TEST_CASE("the deliverer signs, retries failures with backoff, marks 2xx delivered and dead-letters the last failure") {
    test::test_hub h("hubd-delivery-retry");
    const auto token = h.token({"roster:read", "roster:write"}, {"0449000U"});
    const auto sub = subscribe(h, token, R"({"url":"http://127.0.0.1:9/hook","kinds":["students"],"secret":"0123456789abcdef0123"})");
    REQUIRE(h.call("POST", "/v1/imports?school=0449000U", test::school_document("0449000U", 2), token).status == 201);
    fake_receiver receiver;
    receiver.answers = {500, 0, 200};
    delivery_settings settings;
    settings.max_attempts = 3;
    deliverer d(h->db(), h->changes(), receiver.sender(), settings, [&] { return h.now; });

    CHECK(d.run_once() == 1);
    REQUIRE(receiver.posts.size() == 1);
    const auto& first = receiver.posts[0];
    CHECK(first.url == "http://127.0.0.1:9/hook");
    CHECK(verify_delivery_signature(first.header("Interop-Signature"), "0123456789abcdef0123", first.body, h.now / 1000));
    const auto delivery_id = first.header("Interop-Delivery");
    CHECK(delivery_id == parse_json(first.body)["delivery_id"].GetString());
    CHECK(d.run_once() == 0); // backing off
    h.now += 1000;
    CHECK(d.run_once() == 1); // connection refused
    h.now += 2000;
    CHECK(d.run_once() == 1); // 200
    REQUIRE(receiver.posts.size() == 3);
    CHECK(receiver.posts[2].header("Interop-Delivery") == delivery_id); // the same id on every retry
    CHECK(receiver.posts[2].header("Interop-Attempt") == "3");
    auto log = parse_json(h.call("GET", "/v1/subscriptions/" + sub + "/deliveries", "", token).body);
    REQUIRE(log["deliveries"].Size() == 1);
    CHECK(std::string(log["deliveries"][0]["status"].GetString()) == "delivered");
    CHECK(log["deliveries"][0]["log"].Size() == 3);
    CHECK(log["deliveries"][0]["log"][1]["status"].GetInt() == 0);

    REQUIRE(h.call("POST", "/v1/imports?school=0449000U", test::school_document("0449000U", 3), token).status == 201);
    receiver.answers = {503, 503, 503};
    for (int i = 0; i < 3; ++i) {
        h.now += 10'000'000;
        d.run_once();
    }
    h.now += 10'000'000;
    CHECK(d.run_once() == 0);
    const auto fresh = h.token({"admin"}, {"*"}); // the first token expired hours ago
    const auto after = parse_json(h.call("GET", "/v1/subscriptions/" + sub + "/deliveries", "", fresh).body);
    REQUIRE(after["deliveries"].Size() == 2);
    CHECK(std::string(after["deliveries"][0]["status"].GetString()) == "dead");
    CHECK(std::string(after["deliveries"][0]["last_error"].GetString()) == "HTTP 503");
}

TEST_CASE("subscription routes: scopes, schools, ownership, deletion stops deliveries") {
    test::test_hub h("hubd-delivery-routes");
    const auto token = h.token({"roster:read", "roster:write"}, {"0449000U"});
    const auto other = h.token({"roster:read"}, {"0449000U"});
    CHECK(h.call("POST", "/v1/subscriptions", R"({"url":"http://x/h","kinds":["grade_results"]})", token).status == 403);
    CHECK(h.call("POST", "/v1/subscriptions", R"({"url":"http://x/h","schools":["0130001F"]})", token).status == 404);
    CHECK(h.call("POST", "/v1/subscriptions", R"({"url":"ftp://x/h"})", token).status == 400);
    CHECK(h.call("POST", "/v1/subscriptions", R"({"url":"http://x/h","secret":"short"})", token).status == 400);
    CHECK(h.call("POST", "/v1/subscriptions", R"({"url":"http://x/h","kinds":["unicorns"]})", token).status == 400);
    auto created = parse_json(h.call("POST", "/v1/subscriptions", R"({"url":"http://x/h"})", token).body);
    const std::string id = created["id"].GetString();
    CHECK(std::string(created["secret"].GetString()).size() == 64);
    CHECK(created["kinds"].Size() == 17); // every roster kind
    CHECK(h.call("GET", "/v1/subscriptions/" + id, "", other).status == 404);
    CHECK(h.call("GET", "/v1/subscriptions/" + id, "", token).body.find("secret") == std::string::npos);
    CHECK(parse_json(h.call("GET", "/v1/subscriptions", "", other).body)["subscriptions"].Size() == 0);
    CHECK(h.call("DELETE", "/v1/subscriptions/" + id, "", other).status == 404);
    CHECK(h.call("DELETE", "/v1/subscriptions/" + id, "", token).status == 204);
    REQUIRE(h.call("POST", "/v1/imports?school=0449000U", test::school_document("0449000U", 1), token).status == 201);
    CHECK(h->db().due_deliveries(h.now, 10).empty());
}
