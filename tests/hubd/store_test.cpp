// The SQLite store: migrations, transactions, the change sequence, record queries, clients.
#include "support.hpp"

#include "store/migrations.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>

using namespace hubd;

namespace {

stored_record rec(std::string kind, std::string id, std::vector<std::pair<std::string, std::string>> refs = {},
                  std::optional<std::string> day = {}) {
    stored_record r;
    r.kind = std::move(kind);
    r.school = "0449000U";
    r.id = std::move(id);
    r.json = R"({"kind":")" + r.kind + R"(","id":")" + r.id + R"("})";
    r.hash = "h-" + r.id;
    r.refs = std::move(refs);
    r.first_day = r.last_day = std::move(day);
    return r;
}

record_query query(std::string kind, std::size_t limit = 10) {
    record_query q;
    q.school = "0449000U";
    q.kind = std::move(kind);
    q.limit = limit;
    return q;
}

std::vector<std::string> ids(const std::vector<stored_record>& records) {
    std::vector<std::string> out;
    for (const auto& r : records) out.push_back(r.id);
    return out;
}

} // namespace

TEST_CASE("opening a store creates it at the latest schema, and opening again changes nothing") {
    test::temp_dir dir("hubd-store-open");
    { auto s = open_sqlite_store(dir / "hub.sqlite"); }
    auto s = open_sqlite_store(dir / "hub.sqlite");
    CHECK(s->integrity_check() == "ok");
    sqlite::database db(dir / "hub.sqlite");
    auto st = db.prepare("PRAGMA user_version");
    REQUIRE(st.step());
    CHECK(st.integer(0) == sqlite::latest_schema_version());
    auto mode = db.prepare("PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.text(0) == "wal");
}

TEST_CASE("a store written by a newer hubd is refused with the reason") {
    test::temp_dir dir("hubd-store-newer");
    {
        sqlite::database db(dir / "hub.sqlite");
        db.exec("PRAGMA user_version=999");
    }
    CHECK_THROWS_WITH_AS(open_sqlite_store(dir / "hub.sqlite"), doctest::Contains("newer than this hubd"), sqlite::error);
}

TEST_CASE("writes are invisible until commit, and an abandoned transaction leaves nothing") {
    test::temp_dir dir("hubd-store-tx");
    auto s = open_sqlite_store(dir / "hub.sqlite");
    {
        auto w = s->write();
        w->put(rec("student", "E1"), change_kind::created, "imp_1", 1000);
        CHECK(s->last_seq() == 0); // another connection does not see it yet
    }
    CHECK(s->last_seq() == 0);
    CHECK_FALSE(s->record({"student", "0449000U", "E1"}));
    auto w = s->write();
    CHECK(w->put(rec("student", "E1"), change_kind::created, "imp_2", 1000) == 1);
    w->commit();
    CHECK(s->last_seq() == 1);
    CHECK(s->record({"student", "0449000U", "E1"})->json == R"({"kind":"student","id":"E1"})");
}

TEST_CASE("sequence numbers follow each other without gaps, rolled-back transactions included") {
    test::temp_dir dir("hubd-store-seq");
    auto s = open_sqlite_store(dir / "hub.sqlite");
    {
        auto w = s->write();
        w->put(rec("student", "E1"), change_kind::created, "imp_1", 1000);
        w->put(rec("student", "E2"), change_kind::created, "imp_1", 1000);
        w->commit();
    }
    {
        auto w = s->write(); // rolled back: its numbers are given again
        w->put(rec("student", "E3"), change_kind::created, "imp_2", 2000);
    }
    auto w = s->write();
    CHECK(w->put(rec("student", "E3"), change_kind::created, "imp_3", 3000) == 3);
    CHECK(w->erase({"student", "0449000U", "E1"}, "imp_3", 3000) == std::optional<std::uint64_t>(4));
    CHECK_FALSE(w->erase({"student", "0449000U", "nobody"}, "imp_3", 3000));
    w->commit();
    change_query q;
    const auto all = s->changes(q);
    REQUIRE(all.size() == 4);
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].seq == i + 1);
    CHECK(all[3].op == change_kind::deleted);
    q.after = 2;
    q.limit = 1;
    const auto page = s->changes(q);
    REQUIRE(page.size() == 1);
    CHECK(page[0].id == "E3");
    CHECK(page[0].import_id == "imp_3");
    q.after = 0;
    q.limit = 10;
    q.schools = {"0130001F"};
    CHECK(s->changes(q).empty());
    q.schools = {"0449000U"};
    q.kinds = {"class"};
    CHECK(s->changes(q).empty());
}

TEST_CASE("record queries: cursor, class membership, person, day range") {
    test::temp_dir dir("hubd-store-query");
    auto s = open_sqlite_store(dir / "hub.sqlite");
    auto w = s->write();
    for (auto r : {rec("student", "E1"), rec("student", "E2"), rec("student", "E3"),
                   rec("membership", "M1", {{"person", "E1"}, {"group", "6A"}}), rec("membership", "M2", {{"person", "E3"}, {"group", "6B"}}),
                   rec("course", "C1", {{"classes", "6A"}, {"teachers", "T1"}}), rec("session", "S1", {{"course", "C1"}}, "2026-12-01"),
                   rec("session", "S2", {{"classes", "6B"}}, "2026-12-08"),
                   rec("attendance_event", "A1", {{"student", "E2"}}, "2026-12-02")})
        w->put(r, change_kind::created, "imp", 1000);
    w->commit();

    auto q = query("student", 2);
    CHECK(ids(s->records(q)) == std::vector<std::string>{"E1", "E2"});
    q.after_id = "E2";
    CHECK(ids(s->records(q)) == std::vector<std::string>{"E3"});

    q = query("student");
    q.member_of = "6A";
    CHECK(ids(s->records(q)) == std::vector<std::string>{"E1"}); // through the membership
    q.kind = "session";
    CHECK(ids(s->records(q)) == std::vector<std::string>{"S1"}); // through the course

    q = query("session");
    q.person = "T1";
    CHECK(ids(s->records(q)) == std::vector<std::string>{"S1"});
    q = query("attendance_event");
    q.person = "E2";
    CHECK(ids(s->records(q)) == std::vector<std::string>{"A1"});

    q = query("session");
    q.from = "2026-12-05";
    CHECK(ids(s->records(q)) == std::vector<std::string>{"S2"});
    q.to = "2026-12-07";
    CHECK(s->records(q).empty());

    q = query("student");
    q.updated_after = 1000;
    CHECK(s->records(q).empty());
    q.updated_after = 999;
    CHECK(s->records(q).size() == 3);
}

TEST_CASE("clients are stored with their scopes and schools, and revoked") {
    test::temp_dir dir("hubd-store-clients");
    auto s = open_sqlite_store(dir / "hub.sqlite");
    s->add_client({"cl_1", "ENT", "hash", {"roster:read", "timetable:read"}, {"0449000U", "0130001F"}, 5, false, R"({"student":["id"]})", true, ""});
    const auto c = s->client("cl_1");
    REQUIRE(c);
    CHECK(c->scopes == std::vector<std::string>{"roster:read", "timetable:read"});
    CHECK(c->schools == std::vector<std::string>{"0449000U", "0130001F"});
    CHECK(c->profile == R"({"student":["id"]})");
    CHECK(c->pseudonymous);
    CHECK(s->revoke_client("cl_1"));
    CHECK(s->client("cl_1")->revoked);
    CHECK_FALSE(s->revoke_client("cl_2"));
    CHECK(s->clients().size() == 1);
}
