// The SQLite store: webhook subscriptions, the outbox of deliveries, their attempts.
#include "store/sqlite_store_impl.hpp"

namespace hubd::sqlite {

namespace {

constexpr const char* subscription_columns = "SELECT id, client, url, secret, kinds, schools, created_at, active FROM subscriptions";

subscription_row subscription_of(statement& st) {
    return subscription_row{st.text(0), st.text(1), st.text(2), st.text(3), split_list(st.text(4)), split_list(st.text(5)),
                            st.integer(6), st.integer(7) != 0};
}

constexpr const char* delivery_columns = "SELECT id, subscription, first_seq, last_seq, payload, attempts, next_attempt_at, status, "
                                         "last_error, created_at, delivered_at FROM deliveries";

delivery_row delivery_of(statement& st) {
    delivery_row d{st.text(0), st.text(1), static_cast<std::uint64_t>(st.integer(2)), static_cast<std::uint64_t>(st.integer(3)),
                   st.text(4), static_cast<int>(st.integer(5)), st.integer(6), st.text(7), st.text(8), st.integer(9), std::nullopt};
    if (!st.is_null(10)) d.delivered_at = st.integer(10);
    return d;
}

} // namespace

void sqlite_store::add_subscription(const subscription_row& s) {
    auto db = m_pool.borrow();
    auto st = db->prepare("INSERT INTO subscriptions (id, client, url, secret, kinds, schools, created_at, active) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, s.id).bind(2, s.client).bind(3, s.url).bind(4, s.secret).bind(5, join_list(s.kinds)).bind(6, join_list(s.schools));
    st.bind(7, s.created_at).bind(8, std::int64_t{s.active});
    st.run();
}

std::optional<subscription_row> sqlite_store::subscription(const std::string& id) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(subscription_columns) + " WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return subscription_of(st);
}

std::vector<subscription_row> sqlite_store::subscriptions(const std::string& client) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(subscription_columns) + (client.empty() ? "" : " WHERE client = ?1") + " ORDER BY created_at, id");
    if (!client.empty()) st.bind(1, client);
    std::vector<subscription_row> out;
    while (st.step()) out.push_back(subscription_of(st));
    return out;
}

bool sqlite_store::deactivate_subscription(const std::string& id) {
    auto db = m_pool.borrow();
    auto st = db->prepare("UPDATE subscriptions SET active = 0 WHERE id = ?1 AND active = 1");
    st.bind(1, id);
    st.run();
    return db->changes() > 0;
}

std::vector<delivery_row> sqlite_store::due_deliveries(millis now, std::size_t limit) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(delivery_columns) +
                          " WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, first_seq LIMIT ?2");
    st.bind(1, now).bind(2, static_cast<std::int64_t>(limit));
    std::vector<delivery_row> out;
    while (st.step()) out.push_back(delivery_of(st));
    return out;
}

void sqlite_store::record_attempt(const delivery_row& d, const delivery_attempt& a) {
    auto db = m_pool.borrow();
    transaction tx(*db);
    auto up = db->prepare("UPDATE deliveries SET attempts = ?2, next_attempt_at = ?3, status = ?4, last_error = ?5, delivered_at = ?6 "
                          "WHERE id = ?1");
    up.bind(1, d.id).bind(2, std::int64_t{d.attempts}).bind(3, d.next_attempt_at).bind(4, d.status).bind(5, d.last_error);
    if (d.delivered_at) up.bind(6, *d.delivered_at);
    up.run();
    auto ins = db->prepare("INSERT OR REPLACE INTO delivery_attempts (delivery, attempt, at, status_code, error, duration_ms) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    ins.bind(1, a.delivery).bind(2, std::int64_t{a.attempt}).bind(3, a.at).bind(4, std::int64_t{a.status_code}).bind(5, a.error);
    ins.bind(6, a.duration_ms);
    ins.run();
    audit_entry e;
    e.at = a.at;
    e.actor = "hubd";
    e.action = "delivery." + d.status;
    e.count = d.last_seq - d.first_seq + 1;
    e.detail = d.id + " to " + d.subscription + " attempt " + std::to_string(a.attempt) + " status " + std::to_string(a.status_code);
    append_audit_entry(*db, e);
    tx.commit();
}

std::vector<delivery_row> sqlite_store::deliveries(const std::string& subscription, std::size_t limit) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(delivery_columns) + " WHERE subscription = ?1 ORDER BY created_at DESC, first_seq DESC LIMIT ?2");
    st.bind(1, subscription).bind(2, static_cast<std::int64_t>(limit));
    std::vector<delivery_row> out;
    while (st.step()) out.push_back(delivery_of(st));
    return out;
}

std::vector<delivery_attempt> sqlite_store::attempts(const std::string& delivery) {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT delivery, attempt, at, status_code, error, duration_ms FROM delivery_attempts WHERE delivery = ?1 "
                          "ORDER BY attempt");
    st.bind(1, delivery);
    std::vector<delivery_attempt> out;
    while (st.step())
        out.push_back({st.text(0), static_cast<int>(st.integer(1)), st.integer(2), static_cast<int>(st.integer(3)), st.text(4), st.integer(5)});
    return out;
}

std::pair<std::size_t, std::optional<millis>> sqlite_store::outbox_state() {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT COUNT(*), MIN(next_attempt_at) FROM deliveries WHERE status = 'pending'");
    st.step();
    std::optional<millis> next;
    if (!st.is_null(1)) next = st.integer(1);
    return {static_cast<std::size_t>(st.integer(0)), next};
}

std::vector<std::pair<std::string, std::uint64_t>> sqlite_store::delivery_counts() {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT status, COUNT(*) FROM deliveries GROUP BY status ORDER BY status");
    std::vector<std::pair<std::string, std::uint64_t>> out;
    while (st.step()) out.emplace_back(st.text(0), static_cast<std::uint64_t>(st.integer(1)));
    return out;
}

} // namespace hubd::sqlite
