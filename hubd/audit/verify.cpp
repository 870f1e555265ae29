#include "audit/verify.hpp"

#include "auth/jwt.hpp"

#include <interop/json/bounded.hpp>
#include <rapidjson/document.h>

namespace hubd {

namespace {

struct checkpoint_claim {
    std::uint64_t seq = 0;
    std::string hash;
};

std::optional<checkpoint_claim> read_checkpoint(const std::string& jws, const signing_key& key) {
    const auto payload = verify_jws(jws, key);
    if (!payload) return std::nullopt;
    rapidjson::Document d;
    if (interop::json::parse_bounded(*payload, d) || !d.IsObject() || !d.HasMember("seq") || !d["seq"].IsUint64() || !d.HasMember("hash") || !d["hash"].IsString()) return std::nullopt;
    return checkpoint_claim{d["seq"].GetUint64(), d["hash"].GetString()};
}

void fail(audit_verdict& v, std::uint64_t seq, std::string problem) {
    if (!v.ok) return;
    v.ok = false;
    v.bad_seq = seq;
    v.problem = std::move(problem);
}

} // namespace

audit_verdict verify_audit(store& s, const std::optional<std::string>& checkpoint, const signing_key& key) {
    audit_verdict v;
    std::optional<checkpoint_claim> claim;
    if (checkpoint) {
        claim = read_checkpoint(*checkpoint, key);
        if (!claim) {
            v.ok = false;
            v.problem = "the checkpoint's signature does not verify with this hub's key";
            return v;
        }
    }
    std::uint64_t after = 0;
    for (;;) {
        const auto page = s.audit(after, 10000);
        if (page.empty()) break;
        for (const auto& e : page) {
            if (e.seq != v.head_seq + 1) fail(v, e.seq, "entry " + std::to_string(v.head_seq + 1) + " is missing");
            else if (e.prev_hash != v.head_hash) fail(v, e.seq, "its prev_hash is not the hash of the entry before");
            else if (e.hash != audit_hash(e.prev_hash, e)) fail(v, e.seq, "its content does not match its hash");
            if (claim && e.seq == claim->seq) {
                v.checkpoint_checked = true;
                if (e.hash != claim->hash) fail(v, e.seq, "the checkpoint names another hash for this entry");
            }
            v.head_seq = e.seq;
            v.head_hash = e.hash;
            ++v.entries;
        }
        after = page.back().seq;
    }
    if (claim && !v.checkpoint_checked && claim->seq != 0) fail(v, claim->seq, "the chain ends before the checkpoint's entry");
    if (claim) v.checkpoint_checked = true;
    return v;
}

} // namespace hubd
