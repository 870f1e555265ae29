#pragma once
/**
 * @file What hubd keeps: records per school and kind, the change feed, imports, clients.
 * Routes and the importer see only this interface; SQLite implements it (sqlite_store), and a
 * PostgreSQL implementation can take its place without touching them.
 */

#include "audit/chain.hpp"
#include "store/notification_store.hpp"

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
    std::string profile;       ///< JSON `{"kind": ["field", …]}`: the only fields it receives; empty: all
    bool pseudonymous = false; ///< receives people's ids as per-client pseudonyms
    std::string audience;      ///< "families": a family-facing client (an app for guardians); empty: any other
};

struct subscription_row {
    std::string id, client, url, secret;
    std::vector<std::string> kinds, schools;
    millis created_at = 0;
    bool active = true;
};

/** One webhook delivery in the outbox: a batch of changes for one subscription. */
struct delivery_row {
    std::string id, subscription;
    std::uint64_t first_seq = 0, last_seq = 0;
    std::string payload;
    int attempts = 0;
    millis next_attempt_at = 0;
    std::string status = "pending"; ///< pending, delivered, dead
    std::string last_error;
    millis created_at = 0;
    std::optional<millis> delivered_at;
};

struct delivery_attempt {
    std::string delivery;
    int attempt = 0;
    millis at = 0;
    int status_code = 0; ///< 0: no HTTP answer
    std::string error;
    millis duration_ms = 0;
};

/** A capability for one calendar feed: whoever holds the URL reads that audience's timetable. */
struct calendar_token_row {
    std::string id, token_hash, school, audience, audience_id, client;
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
    /**
     * Appends an `updated` change for a record left as it is (its content and `updated_at`
     * unchanged): the feed announces it again. nullopt when it is not there.
     */
    virtual std::optional<std::uint64_t> announce(const record_key& k, const std::string& import_id, millis at) = 0;
    /** Deletes a record and appends the change; nullopt when it was not there. */
    virtual std::optional<std::uint64_t> erase(const record_key& k, const std::string& import_id, millis at) = 0;
    /** Active subscriptions, to fill the outbox in the same transaction as the changes. */
    virtual std::vector<subscription_row> subscriptions() = 0;
    virtual void add_delivery(const delivery_row& d) = 0;
    /** Appends to the audit chain (seq, prev_hash and hash are set here); returns the entry. */
    virtual audit_entry append_audit(audit_entry e) = 0;
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

    /** Sets a client's field profile and pseudonymous flag; false when there is no such client. */
    virtual bool set_client_profile(const std::string& id, const std::string& profile, bool pseudonymous) = 0;
    /** Sets whom a client serves ("families" or empty); false when there is no such client. */
    virtual bool set_client_audience(const std::string& id, const std::string& audience) = 0;

    virtual void add_subscription(const subscription_row& s) = 0;
    virtual std::optional<subscription_row> subscription(const std::string& id) = 0;
    /** A client's subscriptions (all of them when `client` is empty). */
    virtual std::vector<subscription_row> subscriptions(const std::string& client) = 0;
    virtual bool deactivate_subscription(const std::string& id) = 0;

    /** Pending deliveries due at `now`, oldest first. */
    virtual std::vector<delivery_row> due_deliveries(millis now, std::size_t limit) = 0;
    /** Records an attempt and the delivery's new state in one transaction. */
    virtual void record_attempt(const delivery_row& updated, const delivery_attempt& attempt) = 0;
    virtual std::vector<delivery_row> deliveries(const std::string& subscription, std::size_t limit) = 0;
    virtual std::vector<delivery_attempt> attempts(const std::string& delivery) = 0;
    /** Deliveries per status (pending, delivered, dead). */
    virtual std::vector<std::pair<std::string, std::uint64_t>> delivery_counts() = 0;
    /** Pending deliveries and the earliest due time among them. */
    virtual std::pair<std::size_t, std::optional<millis>> outbox_state() = 0;

    /** Entries with seq > after, in order. */
    virtual std::vector<audit_entry> audit(std::uint64_t after, std::size_t limit) = 0;
    /** The last entry, if any. */
    virtual std::optional<audit_entry> audit_head() = 0;
    /** Appends entries in one transaction (reads of personal data are batched this way). */
    virtual void append_audit(const std::vector<audit_entry>& entries) = 0;

    virtual void add_calendar_token(const calendar_token_row& t) = 0;
    virtual std::optional<calendar_token_row> calendar_token_by_hash(const std::string& token_hash) = 0;
    virtual std::optional<calendar_token_row> calendar_token(const std::string& id) = 0;
    virtual std::vector<calendar_token_row> calendar_tokens(const std::string& school) = 0;
    virtual bool revoke_calendar_token(const std::string& id) = 0;
    /** The highest sequence number among a school's changes to these kinds (0: none). */
    virtual std::uint64_t last_seq_of(const std::string& school, const std::vector<std::string>& kinds) = 0;

    /** Notifications, releases, school settings. */
    virtual notification_store& notifications() = 0;

    /** "ok" or what SQLite's integrity check (or its equivalent) found. */
    virtual std::string integrity_check() = 0;
    virtual std::uint64_t size_bytes() = 0;
};

} // namespace hubd
