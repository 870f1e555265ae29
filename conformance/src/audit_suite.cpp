// The audit suite: the hub's audit log recomputed from outside (hash chain, signed checkpoints).
#include "api/hub_session.hpp"
#include "api/signature.hpp"
#include "api_suite.hpp"
#include "corpus.hpp"

#include <interop/json/bounded.hpp>
#include <algorithm>
#include <fstream>

namespace conformance {

namespace {

using api::hub_session;
using api::json_of;

const std::string genesis(64, '0');

struct entry {
    std::uint64_t seq = 0;
    std::string line, prev_hash, hash, action, detail;
};

void escaped_field(std::string& out, const std::string& s) {
    out += '|';
    for (char c : s) {
        if (c == '|' || c == '\\') out += '\\';
        out += c;
    }
}

std::string text(const rapidjson::Value& v, const char* name) { return v.HasMember(name) && v[name].IsString() ? v[name].GetString() : ""; }
std::string number(const rapidjson::Value& v, const char* name) {
    return v.HasMember(name) && v[name].IsNumber() ? std::to_string(v[name].IsUint64() ? v[name].GetUint64() : static_cast<std::uint64_t>(v[name].GetInt64())) : "";
}

/** An entry and its canonical line: `seq|at|actor|action|school|kind|count|detail`, `|` and `\` escaped in each field after seq. */
entry entry_of(const rapidjson::Value& v) {
    entry e;
    e.seq = v["seq"].GetUint64();
    e.line = std::to_string(e.seq);
    escaped_field(e.line, number(v, "at"));
    for (const char* f : {"actor", "action", "school", "kind"}) escaped_field(e.line, text(v, f));
    escaped_field(e.line, number(v, "count"));
    escaped_field(e.line, text(v, "detail"));
    e.prev_hash = text(v, "prev_hash");
    e.hash = text(v, "hash");
    e.action = text(v, "action");
    e.detail = text(v, "detail");
    return e;
}

std::vector<entry> whole_log(hub_session& hub, const api::client& auditor) {
    std::vector<entry> out;
    for (std::uint64_t after = 0;;) {
        const auto answer = hub.get(auditor, "/v1/audit?after=" + std::to_string(after) + "&limit=1000");
        const auto d = json_of(answer, "the audit log");
        if (answer.status != 200 || !d.IsObject() || !d.HasMember("entries") || !d["entries"].IsArray())
            throw std::runtime_error("GET /v1/audit: HTTP " + std::to_string(answer.status) + " " + answer.body.substr(0, 200));
        for (const auto& v : d["entries"].GetArray()) out.push_back(entry_of(v));
        if (d["entries"].Empty() || out.back().seq == after) return out;
        after = out.back().seq;
    }
}

outcome check_chain(hub_session& hub, const api::client& auditor) {
    const auto chain = whole_log(hub, auditor);
    std::string prev = genesis;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        const auto& e = chain[i];
        if (e.seq != i + 1) return outcome::failed("entry " + std::to_string(i + 1) + " is numbered " + std::to_string(e.seq) + " (a gap or a reorder)");
        if (e.prev_hash != prev) return outcome::failed("entry " + std::to_string(e.seq) + ": prev_hash is not the previous entry's hash");
        if (api::sha256_hex(prev + "\n" + e.line) != e.hash) return outcome::failed("entry " + std::to_string(e.seq) + ": its hash does not cover its content");
        prev = e.hash;
    }
    return outcome::passed(std::to_string(chain.size()) + " entries, each hash recomputed");
}

/** The checkpoint's payload when its JWS verifies with a key of the hub's JWKS. */
outcome verify_checkpoint(hub_session& hub, const rapidjson::Value& cp, rapidjson::Document& payload) {
    const auto jwks = json_of(hub.http().get("/.well-known/jwks.json"), "the JWKS");
    if (!jwks.IsObject() || !jwks.HasMember("keys") || !jwks["keys"].IsArray()) return outcome::failed("no keys at /.well-known/jwks.json");
    for (const auto& k : jwks["keys"].GetArray()) {
        if (text(k, "kid") != text(cp, "key_id")) continue;
        const auto body = api::verify_es256(text(cp, "checkpoint"), text(k, "x"), text(k, "y"));
        if (!body) return outcome::failed("the checkpoint's ES256 signature does not verify with key " + text(k, "kid"));
        if (interop::json::parse_bounded(*body, payload) || !payload.IsObject() || number(payload, "seq") != number(cp, "seq") || text(payload, "hash") != text(cp, "hash"))
            return outcome::failed("the signed payload differs from the checkpoint's seq and hash");
        return outcome::passed();
    }
    return outcome::failed("no key " + text(cp, "key_id") + " in the JWKS");
}

/** The checkpoint's entry is in the chain with the same hash (a checkpoint at 0 is the empty log). */
outcome held_by_chain(hub_session& hub, const api::client& auditor, const rapidjson::Value& cp) {
    const auto seq = std::strtoull(number(cp, "seq").c_str(), nullptr, 10);
    if (seq == 0) return outcome::passed();
    const auto chain = whole_log(hub, auditor);
    if (chain.size() < seq) return outcome::failed("the log ends at " + std::to_string(chain.size()) + ", before the checkpoint's entry " + std::to_string(seq) + " (truncated)");
    if (chain[seq - 1].hash != text(cp, "hash")) return outcome::failed("entry " + std::to_string(seq) + " no longer has the checkpointed hash");
    return outcome::passed();
}

outcome check_checkpoint(hub_session& hub, const api::client& auditor, const audit_config& cfg) {
    const auto answer = hub.get(auditor, "/v1/audit/checkpoint");
    const auto cp = json_of(answer, "the checkpoint");
    if (answer.status != 200 || !cp.IsObject()) return outcome::failed("GET /v1/audit/checkpoint: HTTP " + std::to_string(answer.status));
    rapidjson::Document payload;
    if (auto v = verify_checkpoint(hub, cp, payload); v.status == status::fail) return v;
    if (auto held = held_by_chain(hub, auditor, cp); held.status == status::fail) return held;
    if (!cfg.save_checkpoint.empty()) std::ofstream(cfg.save_checkpoint, std::ios::binary) << answer.body;
    return outcome::passed("signed head at entry " + number(cp, "seq") + (cfg.save_checkpoint.empty() ? "" : ", saved to " + cfg.save_checkpoint.string()));
}

outcome check_saved_checkpoint(hub_session& hub, const api::client& auditor, const audit_config& cfg) {
    if (cfg.checkpoint.empty()) return outcome::not_applicable("no saved checkpoint given (--checkpoint FILE)");
    rapidjson::Document cp, payload;
    if (interop::json::parse_bounded(file_text(cfg.checkpoint), cp) || !cp.IsObject()) return outcome::failed(cfg.checkpoint.string() + " is not a saved checkpoint");
    if (auto v = verify_checkpoint(hub, cp, payload); v.status == status::fail) return v;
    if (auto held = held_by_chain(hub, auditor, cp); held.status == status::fail) return held;
    return outcome::passed("entry " + number(cp, "seq") + " still holds the saved hash");
}

outcome check_imports_recorded(hub_session& hub, const api::client& auditor) {
    if (hub.import_ids().empty()) return outcome::not_applicable("the api suite made no import in this run: none to look for in the log");
    const auto chain = whole_log(hub, auditor);
    for (const auto& id : hub.import_ids()) {
        const bool found = std::any_of(chain.begin(), chain.end(), [&](const entry& e) { return e.action == "import" && e.detail.rfind(id, 0) == 0; });
        if (!found) return outcome::failed("import " + id + " is not in the audit log");
    }
    return outcome::passed(std::to_string(hub.import_ids().size()) + " imports of this run in the log");
}

} // namespace

std::vector<test_case> audit_cases(const std::shared_ptr<hub_session>& hub, const audit_config& cfg) {
    auto needs_auditor = [hub](auto check) {
        return [hub, check] {
            if (!hub->settings().auditor) return outcome::skipped("no auditor client (clients.auditor, scope audit)");
            return check(*hub, *hub->settings().auditor);
        };
    };
    return {
        {"audit", "chain", "every entry's hash covers the previous hash and the entry; no gap, no reorder", true,
         needs_auditor([](hub_session& h, const api::client& a) { return check_chain(h, a); })},
        {"audit", "checkpoint", "the signed head verifies with the hub's published key and is in the chain", true,
         needs_auditor([cfg](hub_session& h, const api::client& a) { return check_checkpoint(h, a, cfg); })},
        {"audit", "saved-checkpoint", "a checkpoint saved earlier is still held by the chain (nothing edited or truncated since)", true,
         needs_auditor([cfg](hub_session& h, const api::client& a) { return check_saved_checkpoint(h, a, cfg); })},
        {"audit", "imports-recorded", "each import the api suite made is in the log", true,
         needs_auditor([](hub_session& h, const api::client& a) { return check_imports_recorded(h, a); })},
    };
}

} // namespace conformance
