#pragma once
/** @file The SQLite store's class, implemented across sqlite_*.cpp by area. */

#include "store/connection_pool.hpp"
#include "store/store.hpp"

namespace hubd::sqlite {

/** `a,b,c` lists in one column (ids and scopes hold no commas). */
std::string join_list(const std::vector<std::string>& items);
std::vector<std::string> split_list(const std::string& s);
/** "?N, ?N+1, …" for an IN list of `count` values starting at parameter `first`. */
std::string placeholders(int first, std::size_t count);
/** Appends one audit entry inside an open transaction, chaining it to the last one. */
audit_entry append_audit_entry(database& db, audit_entry e);

class sqlite_store : public store {
public:
    explicit sqlite_store(const std::filesystem::path& file);

    std::unique_ptr<store_writer> write() override;

    std::vector<change_entry> changes(const change_query& q) override;
    std::uint64_t last_seq() override;
    std::vector<std::string> schools() override;
    std::vector<stored_record> records(const record_query& q) override;
    std::optional<stored_record> record(const record_key& k) override;
    std::optional<import_row> import(const std::string& id) override;
    std::uint64_t last_seq_of(const std::string& school, const std::vector<std::string>& kinds) override;

    void add_client(const client_row& c) override;
    std::optional<client_row> client(const std::string& id) override;
    std::vector<client_row> clients() override;
    bool revoke_client(const std::string& id) override;
    bool set_client_profile(const std::string& id, const std::string& profile, bool pseudonymous) override;
    bool set_client_audience(const std::string& id, const std::string& audience) override;

    void add_subscription(const subscription_row& s) override;
    std::optional<subscription_row> subscription(const std::string& id) override;
    std::vector<subscription_row> subscriptions(const std::string& client) override;
    bool deactivate_subscription(const std::string& id) override;
    std::vector<delivery_row> due_deliveries(millis now, std::size_t limit) override;
    void record_attempt(const delivery_row& updated, const delivery_attempt& attempt) override;
    std::vector<delivery_row> deliveries(const std::string& subscription, std::size_t limit) override;
    std::vector<delivery_attempt> attempts(const std::string& delivery) override;
    std::pair<std::size_t, std::optional<millis>> outbox_state() override;
    std::vector<std::pair<std::string, std::uint64_t>> delivery_counts() override;

    std::vector<audit_entry> audit(std::uint64_t after, std::size_t limit) override;
    void append_audit(const std::vector<audit_entry>& entries) override;
    std::optional<audit_entry> audit_head() override;

    void add_calendar_token(const calendar_token_row& t) override;
    std::optional<calendar_token_row> calendar_token_by_hash(const std::string& token_hash) override;
    std::optional<calendar_token_row> calendar_token(const std::string& id) override;
    std::vector<calendar_token_row> calendar_tokens(const std::string& school) override;
    bool revoke_calendar_token(const std::string& id) override;

    notification_store& notifications() override;

    std::string integrity_check() override;
    std::uint64_t size_bytes() override;

private:
    connection_pool m_pool;
    std::unique_ptr<notification_store> m_notifications;
};

} // namespace hubd::sqlite
