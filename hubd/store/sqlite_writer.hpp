#pragma once
/** @file One write transaction on the SQLite store. */

#include "store/connection_pool.hpp"
#include "store/store.hpp"

namespace hubd::sqlite {

class writer : public store_writer {
public:
    explicit writer(connection_pool::lease db);

    std::vector<std::pair<std::string, std::string>> hashes(const std::string& school, const std::string& kind) override;
    std::uint64_t put(const stored_record& r, change_kind op, const std::string& import_id, millis at) override;
    std::optional<std::uint64_t> announce(const record_key& k, const std::string& import_id, millis at) override;
    std::optional<std::uint64_t> erase(const record_key& k, const std::string& import_id, millis at) override;
    std::vector<subscription_row> subscriptions() override;
    void add_delivery(const delivery_row& d) override;
    audit_entry append_audit(audit_entry e) override;
    std::vector<record_key> referring(const std::string& school, const std::string& id) override;
    void put_import(const import_row& row) override;
    void commit() override;

private:
    std::uint64_t append_change(change_kind op, const record_key& k, const std::string& import_id, millis at);
    void drop_refs(const record_key& k);

    connection_pool::lease m_db;
    transaction m_tx;
    // Prepared once per transaction: an import runs them once per record.
    statement m_insert_change, m_insert_record, m_delete_refs, m_insert_ref;
};

} // namespace hubd::sqlite
