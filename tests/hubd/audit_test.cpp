// The audit log: what is recorded, the chain, checkpoints, offline verification of tampering.
#include "hub_fixture.hpp"

#include "audit/verify.hpp"
#include "auth/jwt.hpp"
#include "store/sqlite_db.hpp"

#include <doctest/doctest.h>

using namespace hubd;
using test::parse_json;

namespace {

std::vector<std::string> actions(test::test_hub& h) {
    h->audit().flush();
    std::vector<std::string> out;
    for (const auto& e : h->db().audit(0, 1000)) out.push_back(e.action + (e.kind.empty() ? "" : ":" + e.kind));
    return out;
}

} // namespace

TEST_CASE("imports, reads of personal data and admin actions are audited; reads of other data are not") {
    test::test_hub h("hubd-audit-record");
    const auto admin = h.token({"admin", "roster:read", "roster:write", "audit"}, {"*"});
    h.call("POST", "/v1/imports?school=0449000U", test::school_document("0449000U", 2), admin);
    h.call("POST", "/v1/imports?school=0449000U&format=json", "{", admin);
    h.call("GET", "/v1/schools/0449000U/students", "", admin);
    h.call("GET", "/v1/schools/0449000U/students/E1", "", admin);
    h.call("GET", "/v1/schools/0449000U/classes", "", admin);
    h.call("POST", "/v1/clients", R"({"name":"x","scopes":[],"schools":[]})", admin);
    CHECK(actions(h) == std::vector<std::string>{"import", "import.failed", "read:student", "read:student", "client.add"});
    const auto entries = h->db().audit(0, 10);
    CHECK(entries[2].count == 2);
    CHECK(entries[2].school == "0449000U");
    CHECK(entries[0].detail.find("created 6") != std::string::npos);
}

TEST_CASE("the chain verifies, with a signed checkpoint; any tampering is pinpointed") {
    test::test_hub h("hubd-audit-verify");
    const auto auditor = h.token({"audit", "roster:read", "roster:write"}, {"*"});
    for (int i = 0; i < 3; ++i) h.call("POST", "/v1/imports?school=0449000U", test::school_document("0449000U", 2 + i), auditor);
    auto cp = parse_json(h.call("GET", "/v1/audit/checkpoint", "", auditor).body);
    CHECK(cp["seq"].GetInt() == 3);
    const std::string jws = cp["checkpoint"].GetString();
    CHECK(verify_jws(jws, h->auth().key())->find(R"("seq":3)") != std::string::npos);
    auto v = verify_audit(h->db(), jws, h->auth().key());
    CHECK(v.ok);
    CHECK(v.entries == 3);
    CHECK(v.checkpoint_checked);
    CHECK_FALSE(verify_audit(h->db(), jws, signing_key::generate()).ok);
    CHECK(h.call("GET", "/v1/audit?after=1", "", auditor).body.find(R"("seq":2)") != std::string::npos);
    CHECK(h.call("GET", "/v1/audit", "", h.token({"roster:read"}, {"*"})).status == 403);

    sqlite::database db(h.data() / "hub.sqlite");
    db.exec("UPDATE audit SET count = count + 1 WHERE seq = 2");
    v = verify_audit(h->db(), std::nullopt, h->auth().key());
    CHECK_FALSE(v.ok);
    CHECK(v.bad_seq == std::optional<std::uint64_t>(2));
    CHECK(v.problem == "its content does not match its hash");
    db.exec("UPDATE audit SET count = count - 1 WHERE seq = 2");
    CHECK(verify_audit(h->db(), jws, h->auth().key()).ok);

    db.exec("DELETE FROM audit WHERE seq = 3"); // the last entry gone: only the checkpoint tells
    CHECK(verify_audit(h->db(), std::nullopt, h->auth().key()).ok);
    v = verify_audit(h->db(), jws, h->auth().key());
    CHECK_FALSE(v.ok);
    CHECK(v.problem == "the chain ends before the checkpoint's entry");

    db.exec("DELETE FROM audit WHERE seq = 1"); // a hole at the start
    v = verify_audit(h->db(), std::nullopt, h->auth().key());
    CHECK(v.bad_seq == std::optional<std::uint64_t>(2));
    CHECK(v.problem == "entry 1 is missing");
}
