#pragma once
/** @file The SQLite notification store: shares the store's connection pool. */

#include "store/sqlite_store_impl.hpp"

namespace hubd::sqlite {

class sqlite_notifications : public notification_store {
public:
    explicit sqlite_notifications(connection_pool& pool) : m_pool(pool) {}

    std::optional<std::pair<std::string, millis>> school_setting(const std::string& school, const std::string& name) override;
    void put_school_setting(const std::string& school, const std::string& name, const std::string& json, millis at) override;
    std::uint64_t cursor(const std::string& name) override;
    std::size_t commit_events(const std::vector<notification_row>& added, const std::vector<release_row>& releases,
                              const std::string& cursor_name, std::uint64_t cursor) override;
    void add_notifications(const std::vector<notification_row>& added) override;
    std::vector<release_row> due_releases(millis now, std::size_t limit) override;
    void drop_release(const release_row& r) override;
    std::vector<notification_row> claim_due(millis now, std::size_t limit) override;
    std::size_t requeue_sending() override;
    std::optional<millis> next_due() override;
    void update_notification(const notification_row& n) override;
    std::optional<notification_row> notification(const std::string& id) override;
    std::optional<notification_row> notification_by_external_id(const std::string& external_id) override;
    std::vector<notification_row> notifications(const notification_query& q) override;
    std::vector<notification_row> digest_items(const std::string& school, millis until) override;
    bool charge_sms(const std::string& school, const std::string& month, const std::string& route, int segments, std::int64_t millicents,
                    std::int64_t budget_millicents) override;
    void refund_sms(const std::string& school, const std::string& month, const std::string& route, int segments,
                    std::int64_t millicents) override;
    std::vector<sms_spending_row> sms_spending(const std::string& school) override;

private:
    connection_pool& m_pool;
};

} // namespace hubd::sqlite
