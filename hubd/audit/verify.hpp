#pragma once
/** @file Offline verification of the audit chain, and of a signed checkpoint against it. */

#include "auth/signing_key.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>

namespace hubd {

struct audit_verdict {
    bool ok = true;
    std::uint64_t entries = 0;
    std::uint64_t head_seq = 0;
    std::string head_hash = audit_genesis;
    std::optional<std::uint64_t> bad_seq; ///< the first entry that does not hold
    std::string problem;
    bool checkpoint_checked = false;
};

/**
 * Walks the whole chain: sequence without gaps, each prev_hash the hash before it, each hash
 * recomputed. With a checkpoint (the JWS from GET /v1/audit/checkpoint), also checks its
 * signature and that the chain holds the entry it names with the hash it names.
 */
audit_verdict verify_audit(store& s, const std::optional<std::string>& checkpoint, const signing_key& key);

} // namespace hubd
