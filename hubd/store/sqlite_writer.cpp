#include "store/sqlite_writer.hpp"

#include "store/sqlite_store_impl.hpp"

namespace hubd::sqlite {

writer::writer(connection_pool::lease db)
    : m_db(std::move(db)), m_tx(*m_db),
      m_insert_change(m_db->prepare("INSERT INTO changes (op, school, kind, id, at, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                                    "RETURNING seq")),
      m_insert_record(m_db->prepare(
          "INSERT OR REPLACE INTO records (school, kind, id, json, hash, first_day, last_day, seq, updated_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")),
      m_delete_refs(m_db->prepare("DELETE FROM record_refs WHERE school = ?1 AND kind = ?2 AND id = ?3")),
      m_insert_ref(m_db->prepare("INSERT INTO record_refs (school, kind, id, field, value) VALUES (?1, ?2, ?3, ?4, ?5)")) {}

std::vector<std::pair<std::string, std::string>> writer::hashes(const std::string& school, const std::string& kind) {
    auto st = m_db->prepare("SELECT id, hash FROM records WHERE school = ?1 AND kind = ?2");
    st.bind(1, school).bind(2, kind);
    std::vector<std::pair<std::string, std::string>> out;
    while (st.step()) out.emplace_back(st.text(0), st.text(1));
    return out;
}

std::uint64_t writer::append_change(change_kind op, const record_key& k, const std::string& import_id, millis at) {
    auto& st = m_insert_change;
    st.reset();
    st.bind(1, to_string(op)).bind(2, k.school).bind(3, k.kind).bind(4, k.id).bind(5, at).bind(6, import_id);
    st.step();
    const auto seq = static_cast<std::uint64_t>(st.integer(0));
    st.reset();
    return seq;
}

void writer::drop_refs(const record_key& k) {
    m_delete_refs.reset();
    m_delete_refs.bind(1, k.school).bind(2, k.kind).bind(3, k.id);
    m_delete_refs.run();
}

std::uint64_t writer::put(const stored_record& r, change_kind op, const std::string& import_id, millis at) {
    const record_key key{r.kind, r.school, r.id};
    const auto seq = append_change(op, key, import_id, at);
    auto& st = m_insert_record;
    st.reset();
    st.bind(1, r.school).bind(2, r.kind).bind(3, r.id).bind(4, r.json).bind(5, r.hash);
    st.bind_maybe(6, r.first_day).bind_maybe(7, r.last_day).bind(8, static_cast<std::int64_t>(seq)).bind(9, at);
    st.run();
    drop_refs(key);
    for (const auto& [field, value] : r.refs) {
        m_insert_ref.reset();
        m_insert_ref.bind(1, r.school).bind(2, r.kind).bind(3, r.id).bind(4, field).bind(5, value);
        m_insert_ref.run();
    }
    return seq;
}

std::optional<std::uint64_t> writer::announce(const record_key& k, const std::string& import_id, millis at) {
    auto exists = m_db->prepare("SELECT 1 FROM records WHERE school = ?1 AND kind = ?2 AND id = ?3");
    exists.bind(1, k.school).bind(2, k.kind).bind(3, k.id);
    if (!exists.step()) return std::nullopt;
    const auto seq = append_change(change_kind::updated, k, import_id, at);
    auto st = m_db->prepare("UPDATE records SET seq = ?4 WHERE school = ?1 AND kind = ?2 AND id = ?3");
    st.bind(1, k.school).bind(2, k.kind).bind(3, k.id).bind(4, static_cast<std::int64_t>(seq));
    st.run();
    return seq;
}

std::optional<std::uint64_t> writer::erase(const record_key& k, const std::string& import_id, millis at) {
    auto st = m_db->prepare("DELETE FROM records WHERE school = ?1 AND kind = ?2 AND id = ?3");
    st.bind(1, k.school).bind(2, k.kind).bind(3, k.id);
    st.run();
    if (m_db->changes() == 0) return std::nullopt;
    drop_refs(k);
    return append_change(change_kind::deleted, k, import_id, at);
}

std::vector<record_key> writer::referring(const std::string& school, const std::string& id) {
    auto st = m_db->prepare("SELECT DISTINCT kind, id FROM record_refs WHERE school = ?1 AND value = ?2");
    st.bind(1, school).bind(2, id);
    std::vector<record_key> out;
    while (st.step()) out.push_back({st.text(0), school, st.text(1)});
    return out;
}

std::vector<subscription_row> writer::subscriptions() {
    auto st = m_db->prepare("SELECT id, client, url, secret, kinds, schools, created_at, active FROM subscriptions WHERE active = 1");
    std::vector<subscription_row> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), split_list(st.text(4)), split_list(st.text(5)), st.integer(6), true});
    return out;
}

void writer::add_delivery(const delivery_row& d) {
    auto st = m_db->prepare("INSERT INTO deliveries (id, subscription, first_seq, last_seq, payload, attempts, next_attempt_at, status, "
                            "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    st.bind(1, d.id).bind(2, d.subscription).bind(3, static_cast<std::int64_t>(d.first_seq)).bind(4, static_cast<std::int64_t>(d.last_seq));
    st.bind(5, d.payload).bind(6, std::int64_t{d.attempts}).bind(7, d.next_attempt_at).bind(8, d.status).bind(9, d.created_at);
    st.run();
}

audit_entry writer::append_audit(audit_entry e) { return append_audit_entry(*m_db, std::move(e)); }

void writer::put_import(const import_row& row) {
    auto st = m_db->prepare(
        "INSERT OR REPLACE INTO imports (id, school, client, format, status, report, received_at, finished_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, row.id).bind(2, row.school).bind(3, row.client).bind(4, row.format).bind(5, row.status);
    st.bind(6, row.report_json).bind(7, row.received_at).bind(8, row.finished_at);
    st.run();
}

void writer::commit() { m_tx.commit(); }

} // namespace hubd::sqlite
