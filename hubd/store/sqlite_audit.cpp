// The SQLite store: the hash-chained audit log.
#include "store/sqlite_store_impl.hpp"

namespace hubd::sqlite {

audit_entry append_audit_entry(database& db, audit_entry e) {
    auto last = db.prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    e.seq = 1;
    e.prev_hash = audit_genesis;
    if (last.step()) {
        e.seq = static_cast<std::uint64_t>(last.integer(0)) + 1;
        e.prev_hash = last.text(1);
    }
    e.hash = audit_hash(e.prev_hash, e);
    auto st = db.prepare("INSERT INTO audit (seq, at, actor, action, school, kind, count, detail, prev_hash, hash) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    st.bind(1, static_cast<std::int64_t>(e.seq)).bind(2, e.at).bind(3, e.actor).bind(4, e.action).bind(5, e.school).bind(6, e.kind);
    st.bind(7, static_cast<std::int64_t>(e.count)).bind(8, e.detail).bind(9, e.prev_hash).bind(10, e.hash);
    st.run();
    return e;
}

namespace {

constexpr const char* audit_columns = "SELECT seq, at, actor, action, school, kind, count, detail, prev_hash, hash FROM audit";

audit_entry entry_of(statement& st) {
    return {static_cast<std::uint64_t>(st.integer(0)), st.integer(1), st.text(2), st.text(3), st.text(4), st.text(5),
            static_cast<std::uint64_t>(st.integer(6)), st.text(7), st.text(8), st.text(9)};
}

} // namespace

std::vector<audit_entry> sqlite_store::audit(std::uint64_t after, std::size_t limit) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(audit_columns) + " WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    st.bind(1, static_cast<std::int64_t>(after)).bind(2, static_cast<std::int64_t>(limit));
    std::vector<audit_entry> out;
    while (st.step()) out.push_back(entry_of(st));
    return out;
}

std::optional<audit_entry> sqlite_store::audit_head() {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(audit_columns) + " ORDER BY seq DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    return entry_of(st);
}

void sqlite_store::append_audit(const std::vector<audit_entry>& entries) {
    if (entries.empty()) return;
    auto db = m_pool.borrow();
    transaction tx(*db);
    for (const auto& e : entries) append_audit_entry(*db, e);
    tx.commit();
}

} // namespace hubd::sqlite
