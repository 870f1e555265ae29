#pragma once
/**
 * @file What hubd keeps: records per school and kind, the change feed, imports, clients.
 * Routes and the importer see only this interface; SQLite implements it (sqlite_store), and a
 * PostgreSQL implementation can take its place without touching them.
 */

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hubd {

/** Milliseconds since the Unix epoch. */
using millis = std::int64_t;

struct record_key {
    std::string kind, school, id;
};

/** A record as stored: its canonical JSON and what queries filter on. */
struct stored_record {
    std::string kind, school, id;
    std::string json;
    std::string hash;                                  ///< of `json`; equal hashes, equal content
    std::vector<std::pair<std::string, std::string>> refs; ///< (field, id) for class/group/person filters
    std::optional<std::string> first_day, last_day;    ///< dates it covers, for date-range filters
    std::uint64_t seq = 0;                             ///< last change that touched it
    millis updated_at = 0;
};

enum class change_kind { created, updated, deleted };
std::string_view to_string(change_kind c);

struct change_entry {
    std::uint64_t seq = 0;
    change_kind op = change_kind::created;
    std::string kind, school, id;
    millis at = 0;
    std::string import_id;
};

struct change_query {
    std::uint64_t after = 0;
    std::vector<std::string> kinds;   ///< empty: every kind
    std::vector<std::string> schools; ///< empty: every school
    std::size_t limit = 100;
};

struct record_query {
    std::string school, kind;
    std::string after_id;                  ///< cursor: ids sort after this one
    std::size_t limit = 100;
    std::optional<millis> updated_after;
    std::optional<std::string> member_of;  ///< records referring to this class or group, people in it
    std::optional<std::string> person;     ///< records referring to this person
    std::optional<std::string> from, to;   ///< overlapping this day range (YYYY-MM-DD)
};

struct import_row {
    std::string id, school, client, format, status; ///< status: succeeded, failed
    std::string report_json;
    millis received_at = 0, finished_at = 0;
};

struct client_row {
    std::string id, name, secret_hash;
    std::vector<std::string> scopes, schools; ///< schools may hold "*": every school
    millis created_at = 0;
    bool revoked = false;
};

/** One write transaction: nothing it did is visible or durable before commit(). */
class store_writer {
public:
    store_writer() = default;
    store_writer(const store_writer&) = delete;
    store_writer& operator=(const store_writer&) = delete;
    virtual ~store_writer() = default;

    /** Id → content hash of a school's records of one kind. */
    virtual std::vector<std::pair<std::string, std::string>> hashes(const std::string& school, const std::string& kind) = 0;
    /** Creates or replaces a record and appends the change; returns its sequence number. */
    virtual std::uint64_t put(const stored_record& r, change_kind op, const std::string& import_id, millis at) = 0;
    /** Deletes a record and appends the change; nullopt when it was not there. */
    virtual std::optional<std::uint64_t> erase(const record_key& k, const std::string& import_id, millis at) = 0;
    /** Records of the school that refer to `id` through any indexed field. */
    virtual std::vector<record_key> referring(const std::string& school, const std::string& id) = 0;
    virtual void put_import(const import_row& row) = 0;
    /** Makes everything durable. @throws on failure, leaving nothing done */
    virtual void commit() = 0;
};

class store {
public:
    store() = default;
    store(const store&) = delete;
    store& operator=(const store&) = delete;
    virtual ~store() = default;

    virtual std::unique_ptr<store_writer> write() = 0;

    virtual std::vector<change_entry> changes(const change_query& q) = 0;
    virtual std::uint64_t last_seq() = 0;
    /** Schools that hold at least one record. */
    virtual std::vector<std::string> schools() = 0;
    virtual std::vector<stored_record> records(const record_query& q) = 0;
    virtual std::optional<stored_record> record(const record_key& k) = 0;

    virtual std::optional<import_row> import(const std::string& id) = 0;

    virtual void add_client(const client_row& c) = 0;
    virtual std::optional<client_row> client(const std::string& id) = 0;
    virtual std::vector<client_row> clients() = 0;
    /** False when there is no such client. */
    virtual bool revoke_client(const std::string& id) = 0;

    /** "ok" or what SQLite's integrity check (or its equivalent) found. */
    virtual std::string integrity_check() = 0;
    virtual std::uint64_t size_bytes() = 0;
};

} // namespace hubd
