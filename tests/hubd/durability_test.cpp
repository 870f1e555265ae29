// kill -9 at random moments during imports and deliveries, again and again: what hubd
// acknowledged is there, whole; nothing half-applied; no gap in the sequence; every change is
// delivered at least once; the database is intact.
#include "daemon.hpp"
#include "hub_fixture.hpp"
#include "receiver.hpp"

#include "delivery/signature.hpp"
#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>

#include <random>
#include <set>

using namespace std::chrono_literals;

namespace {

struct http_reply {
    int status = 0;
    std::string body;
};

http_reply post(int port, const std::string& target, const std::string& body, const std::string& token) try {
    test::raw_connection c(port);
    if (!c.send_bytes("POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + token +
                      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body))
        return {};
    const auto raw = c.receive(5000ms);
    if (raw.size() < 12 || test::raw_connection::complete_responses(raw) < 1) return {};
    return {std::stoi(raw.substr(9, 3)), raw.substr(raw.find("\r\n\r\n") + 4)};
} catch (const std::runtime_error&) { // hubd is gone: not acknowledged
    return {};
}

std::string token_for(const test::fs::path& data, int port, const std::string& scopes) {
    const auto out = test::add_test_client(data, "--name t --scopes " + scopes + " --schools '*'");
    const auto json = test::parse_json(out);
    const auto body = std::string("grant_type=client_credentials&client_id=") + json["client_id"].GetString() +
                      "&client_secret=" + json["client_secret"].GetString();
    test::raw_connection c(port);
    c.send_bytes("POST /oauth/token HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) +
                 "\r\n\r\n" + body);
    const auto raw = c.receive(30000ms); // the secret's slow hash takes seconds under the sanitizers on a loaded machine
    REQUIRE(raw.find("\r\n\r\n") != std::string::npos);
    return test::parse_json(raw.substr(raw.find("\r\n\r\n") + 4))["access_token"].GetString();
}

/** What the test knows of each import it sent. */
struct sent_import {
    int students = 0;
    bool acknowledged = false;
    std::string id;
};

/** Checks the store after a crash. */
void check_after_crash(const test::fs::path& data, const std::vector<sent_import>& sent) {
    auto store = hubd::open_sqlite_store(data / "hub.sqlite");
    CHECK(store->integrity_check() == "ok");
    hubd::change_query all;
    all.limit = 10'000'000;
    const auto changes = store->changes(all);
    std::map<std::string, std::size_t> per_import;
    std::size_t gaps = 0;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        gaps += changes[i].seq != i + 1;
        ++per_import[changes[i].import_id];
    }
    CHECK(gaps == 0);
    for (const auto& [id, count] : per_import) {
        const auto row = store->import(id);
        REQUIRE(row); // no change without its committed import
        CHECK(row->status == "succeeded");
        const auto report = test::parse_json(row->report_json);
        const auto& c = report["changes"];
        CHECK(count == c["created"].GetUint64() + c["updated"].GetUint64() + c["deleted"].GetUint64()); // whole
    }
    for (const auto& s : sent) {
        if (!s.acknowledged) continue;
        const auto row = store->import(s.id);
        REQUIRE(row);
        CHECK(row->status == "succeeded");
    }
    // The records are those of the last import that committed: a snapshot whose pupils we know.
    hubd::record_query q;
    q.school = "0449000U";
    q.kind = "student";
    q.limit = 100000;
    const auto students = store->records(q).size();
    bool matches_a_sent_snapshot = false;
    for (const auto& s : sent) matches_a_sent_snapshot |= static_cast<int>(students) == s.students;
    CHECK((matches_a_sent_snapshot || students == 0));
}

} // namespace

TEST_CASE("kill -9 during imports and deliveries, 50 times: nothing acknowledged is lost, nothing is half-applied") {
    test::temp_dir dir("hubd-durability");
    const auto data = dir / "data";
    test::webhook_receiver receiver;
    std::string token;
    {
        test::daemon d(data);
        token = token_for(data, d.port(), "roster:read,roster:write");
        REQUIRE(post(d.port(), "/v1/subscriptions", R"({"url":")" + receiver.url() + R"(","secret":"0123456789abcdef0123"})", token).status ==
                201);
    }
    std::mt19937 random(20261129);
    std::vector<sent_import> sent;
    const int rounds = 50;
    for (int round = 0; round < rounds; ++round) {
        CAPTURE(round);
        test::daemon d(data);
        std::atomic<bool> killed{false};
        std::mutex sent_mutex;
        std::thread client([&] {
            for (int i = 0; !killed && i < 20; ++i) {
                const int students = 20 + static_cast<int>((round * 31 + i * 17) % 180);
                const auto doc = test::school_document("0449000U", students, "full", "R" + std::to_string(round) + "-" + std::to_string(i));
                const auto reply = post(d.port(), "/v1/imports?school=0449000U", doc, token);
                std::lock_guard lock(sent_mutex);
                sent_import s{students, reply.status == 201, ""};
                if (s.acknowledged) s.id = test::parse_json(reply.body)["id"].GetString();
                sent.push_back(s);
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(10, 400)(random)));
        d.signal_and_wait(SIGKILL, 5000ms);
        killed = true;
        client.join();
        std::lock_guard lock(sent_mutex);
        check_after_crash(data, sent);
    }
    std::size_t acknowledged = 0;
    for (const auto& s : sent) acknowledged += s.acknowledged;
    MESSAGE("imports sent: " << sent.size() << ", acknowledged: " << acknowledged << " over " << rounds << " crashes");
    CHECK(acknowledged > 0);

    // Restarted once more, hubd delivers what the crashes left in the outbox.
    test::daemon d(data);
    auto store = hubd::open_sqlite_store(data / "hub.sqlite");
    const auto until = std::chrono::steady_clock::now() + 120s;
    while (store->outbox_state().first > 0 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(100ms);
    CHECK(store->outbox_state().first == 0);
    std::set<std::uint64_t> delivered;
    for (const auto& p : receiver.posts()) {
        CHECK(hubd::verify_delivery_signature(p.header("Interop-Signature"), "0123456789abcdef0123", p.body,
                                              hubd::system_clock_millis() / 1000, 3600));
        const auto body = test::parse_json(p.body); // named: the loop reads into it
        for (const auto& c : body["changes"].GetArray()) delivered.insert(c["seq"].GetUint64());
    }
    const auto last = store->last_seq();
    CHECK(last > 0);
    CHECK(delivered.size() == last); // every change at least once
    CHECK((delivered.empty() || (*delivered.begin() == 1 && *delivered.rbegin() == last)));
}
