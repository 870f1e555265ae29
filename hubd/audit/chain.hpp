#pragma once
/**
 * @file The audit log's hash chain: each entry's hash covers the previous hash and the entry's
 * canonical line, so changing, removing or reordering any entry breaks every hash after it.
 */

#include <cstdint>
#include <string>

namespace hubd {

struct audit_entry {
    std::uint64_t seq = 0;
    std::int64_t at = 0;   ///< milliseconds since the epoch
    std::string actor;     ///< client id, `cli`, `drop-folder`, `hubd`
    std::string action;    ///< import, export, read, delivery, client.add, …
    std::string school, kind;
    std::uint64_t count = 0; ///< records concerned
    std::string detail;    ///< import id, delivery id, query, …
    std::string prev_hash, hash;
};

/** The hash before the first entry. */
inline const std::string audit_genesis(64, '0');

/** `seq|at|actor|action|school|kind|count|detail`, each field with `|` and `\` escaped. */
std::string audit_line(const audit_entry& e);
/** Hex SHA-256 of `prev_hash` + newline + the entry's line. */
std::string audit_hash(const std::string& prev_hash, const audit_entry& e);

} // namespace hubd
