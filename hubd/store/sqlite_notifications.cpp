// The SQLite store: school settings, releases, notifications and SMS spending.
#include "store/sqlite_notifications.hpp"

namespace hubd::sqlite {

namespace {

constexpr const char* notification_columns =
    "SELECT id, school, event, subject_record, recipient, recipient_kind, channel, address, language, subject, body, urgent, reason, "
    "actor, status, held_by, send_at, attempts, last_error, route, segments, cost_millicents, external_id, created_at, sent_at, "
    "delivered_at FROM notifications";

std::optional<millis> maybe_integer(statement& st, int col) {
    if (st.is_null(col)) return std::nullopt;
    return st.integer(col);
}

notification_row notification_of(statement& st) {
    notification_row n;
    n.id = st.text(0), n.school = st.text(1), n.event = st.text(2), n.subject_record = st.text(3);
    n.recipient = st.text(4), n.recipient_kind = st.text(5), n.channel = st.text(6), n.address = st.text(7);
    n.language = st.text(8), n.subject = st.text(9), n.body = st.text(10), n.urgent = st.integer(11) != 0;
    n.reason = st.text(12), n.actor = st.text(13), n.status = st.text(14), n.held_by = st.text(15), n.send_at = st.integer(16);
    n.attempts = static_cast<int>(st.integer(17)), n.last_error = st.text(18), n.route = st.text(19);
    n.segments = static_cast<int>(st.integer(20)), n.cost_millicents = st.integer(21), n.external_id = st.text(22);
    n.created_at = st.integer(23), n.sent_at = maybe_integer(st, 24), n.delivered_at = maybe_integer(st, 25);
    return n;
}

void bind_maybe_integer(statement& st, int i, const std::optional<millis>& v) {
    if (v) st.bind(i, *v);
    else st.bind_null(i);
}

/** Inserts unless the same event already reached the same person through the same channel; true when added. */
bool insert_notification(database& db, const notification_row& n) {
    auto st = db.prepare(
        "INSERT OR IGNORE INTO notifications (id, school, event, subject_record, recipient, recipient_kind, channel, address, language, "
        "subject, body, urgent, reason, actor, status, held_by, send_at, attempts, last_error, route, segments, cost_millicents, "
        "external_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
        "?21, ?22, ?23, ?24)");
    st.bind(1, n.id).bind(2, n.school).bind(3, n.event).bind(4, n.subject_record).bind(5, n.recipient).bind(6, n.recipient_kind);
    st.bind(7, n.channel).bind(8, n.address).bind(9, n.language).bind(10, n.subject).bind(11, n.body);
    st.bind(12, std::int64_t{n.urgent}).bind(13, n.reason).bind(14, n.actor).bind(15, n.status).bind(16, n.held_by);
    st.bind(17, n.send_at).bind(18, std::int64_t{n.attempts}).bind(19, n.last_error).bind(20, n.route);
    st.bind(21, std::int64_t{n.segments}).bind(22, n.cost_millicents).bind(23, n.external_id).bind(24, n.created_at);
    st.run();
    return db.changes() > 0;
}

} // namespace

std::optional<std::pair<std::string, millis>> sqlite_notifications::school_setting(const std::string& school, const std::string& name) {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT json, updated_at FROM school_settings WHERE school = ?1 AND name = ?2");
    st.bind(1, school).bind(2, name);
    if (!st.step()) return std::nullopt;
    return std::make_pair(st.text(0), st.integer(1));
}

void sqlite_notifications::put_school_setting(const std::string& school, const std::string& name, const std::string& json, millis at) {
    auto db = m_pool.borrow();
    auto st = db->prepare("INSERT OR REPLACE INTO school_settings (school, name, json, updated_at) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, school).bind(2, name).bind(3, json).bind(4, at);
    st.run();
}

std::uint64_t sqlite_notifications::cursor(const std::string& name) {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT value FROM cursors WHERE name = ?1");
    st.bind(1, name);
    return st.step() ? static_cast<std::uint64_t>(st.integer(0)) : 0;
}

std::size_t sqlite_notifications::commit_events(const std::vector<notification_row>& added, const std::vector<release_row>& releases,
                                                const std::string& cursor_name, std::uint64_t cursor) {
    auto db = m_pool.borrow();
    transaction tx(*db);
    std::size_t count = 0;
    for (const auto& n : added) count += insert_notification(*db, n) ? 1 : 0;
    for (const auto& r : releases) {
        auto st = db->prepare("INSERT OR REPLACE INTO releases (school, kind, id, visible_at) VALUES (?1, ?2, ?3, ?4)");
        st.bind(1, r.school).bind(2, r.kind).bind(3, r.id).bind(4, r.visible_at);
        st.run();
    }
    auto st = db->prepare("INSERT OR REPLACE INTO cursors (name, value) VALUES (?1, ?2)");
    st.bind(1, cursor_name).bind(2, static_cast<std::int64_t>(cursor));
    st.run();
    tx.commit();
    return count;
}

void sqlite_notifications::add_notifications(const std::vector<notification_row>& added) {
    auto db = m_pool.borrow();
    transaction tx(*db);
    for (const auto& n : added) insert_notification(*db, n);
    tx.commit();
}

std::vector<release_row> sqlite_notifications::due_releases(millis now, std::size_t limit) {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT school, kind, id, visible_at FROM releases WHERE visible_at <= ?1 ORDER BY visible_at LIMIT ?2");
    st.bind(1, now).bind(2, static_cast<std::int64_t>(limit));
    std::vector<release_row> out;
    while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.integer(3)});
    return out;
}

void sqlite_notifications::drop_release(const release_row& r) {
    auto db = m_pool.borrow();
    auto st = db->prepare("DELETE FROM releases WHERE school = ?1 AND kind = ?2 AND id = ?3 AND visible_at = ?4");
    st.bind(1, r.school).bind(2, r.kind).bind(3, r.id).bind(4, r.visible_at);
    st.run();
}

std::vector<notification_row> sqlite_notifications::claim_due(millis now, std::size_t limit) {
    auto db = m_pool.borrow();
    { // most rounds find nothing due: no write transaction (and no fsync) for them
        auto any = db->prepare("SELECT 1 FROM notifications WHERE status IN ('held', 'pending') AND send_at <= ?1 LIMIT 1");
        any.bind(1, now);
        if (limit == 0 || !any.step()) return {};
    }
    transaction tx(*db);
    auto st = db->prepare(std::string(notification_columns) +
                          " WHERE status IN ('held', 'pending') AND send_at <= ?1 ORDER BY send_at, id LIMIT ?2");
    st.bind(1, now).bind(2, static_cast<std::int64_t>(limit));
    std::vector<notification_row> out;
    while (st.step()) out.push_back(notification_of(st));
    auto mark = db->prepare("UPDATE notifications SET status = 'sending' WHERE id = ?1");
    for (auto& n : out) {
        mark.reset();
        mark.bind(1, n.id);
        mark.run();
        n.status = "sending";
    }
    tx.commit();
    return out;
}

std::size_t sqlite_notifications::requeue_sending() {
    auto db = m_pool.borrow();
    db->exec("UPDATE notifications SET status = 'pending' WHERE status = 'sending'");
    return static_cast<std::size_t>(db->changes());
}

std::optional<millis> sqlite_notifications::next_due() {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT MIN(send_at) FROM notifications WHERE status IN ('held', 'pending')");
    st.step();
    return maybe_integer(st, 0);
}

void sqlite_notifications::update_notification(const notification_row& n) {
    auto db = m_pool.borrow();
    // A delivery report can come before the sender records the send: what it said stays.
    auto st = db->prepare(
        "UPDATE notifications SET "
        "last_error = CASE WHEN status IN ('delivered', 'failed') AND ?2 = 'sent' THEN last_error ELSE ?6 END, "
        "status = CASE WHEN status IN ('delivered', 'failed') AND ?2 = 'sent' THEN status ELSE ?2 END, "
        "held_by = ?3, send_at = ?4, attempts = ?5, route = ?7, segments = ?8, cost_millicents = ?9, external_id = ?10, sent_at = ?11, "
        "delivered_at = COALESCE(?12, delivered_at), channel = ?13, address = ?14 WHERE id = ?1");
    st.bind(1, n.id).bind(2, n.status).bind(3, n.held_by).bind(4, n.send_at).bind(5, std::int64_t{n.attempts}).bind(6, n.last_error);
    st.bind(7, n.route).bind(8, std::int64_t{n.segments}).bind(9, n.cost_millicents).bind(10, n.external_id);
    bind_maybe_integer(st, 11, n.sent_at);
    bind_maybe_integer(st, 12, n.delivered_at);
    st.bind(13, n.channel).bind(14, n.address);
    st.run();
}

std::optional<notification_row> sqlite_notifications::notification(const std::string& id) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(notification_columns) + " WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return notification_of(st);
}

std::optional<notification_row> sqlite_notifications::notification_by_external_id(const std::string& external_id) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(notification_columns) + " WHERE external_id = ?1 AND external_id <> ''");
    st.bind(1, external_id);
    if (!st.step()) return std::nullopt;
    return notification_of(st);
}

std::vector<notification_row> sqlite_notifications::notifications(const notification_query& q) {
    auto db = m_pool.borrow();
    std::string sql = std::string(notification_columns) + " WHERE id > ?1 AND (?2 = '' OR status = ?2)";
    std::vector<std::string> schools = q.school.empty() ? q.schools : std::vector<std::string>{q.school};
    if (!schools.empty()) sql += " AND school IN (" + placeholders(4, schools.size()) + ")";
    sql += " ORDER BY id LIMIT ?3";
    auto st = db->prepare(sql);
    st.bind(1, q.after_id).bind(2, q.status).bind(3, static_cast<std::int64_t>(q.limit));
    for (std::size_t i = 0; i < schools.size(); ++i) st.bind(static_cast<int>(4 + i), schools[i]);
    std::vector<notification_row> out;
    while (st.step()) out.push_back(notification_of(st));
    return out;
}

std::vector<notification_row> sqlite_notifications::digest_items(const std::string& school, millis until) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(notification_columns) +
                          " WHERE school = ?1 AND status = 'digest' AND created_at < ?2 ORDER BY recipient, created_at, id");
    st.bind(1, school).bind(2, until);
    std::vector<notification_row> out;
    while (st.step()) out.push_back(notification_of(st));
    return out;
}

bool sqlite_notifications::charge_sms(const std::string& school, const std::string& month, const std::string& route, int segments,
                                      std::int64_t millicents, std::int64_t budget_millicents) {
    auto db = m_pool.borrow();
    transaction tx(*db); // BEGIN IMMEDIATE: charges are serialised, so the check and the charge are one step
    auto spent = db->prepare("SELECT COALESCE(SUM(millicents), 0) FROM sms_spending WHERE school = ?1 AND month = ?2");
    spent.bind(1, school).bind(2, month);
    spent.step();
    if (budget_millicents >= 0 && spent.integer(0) + millicents > budget_millicents) return false;
    auto st = db->prepare(
        "INSERT INTO sms_spending (school, month, route, messages, segments, millicents) VALUES (?1, ?2, ?3, 1, ?4, ?5) "
        "ON CONFLICT (school, month, route) DO UPDATE SET messages = messages + 1, segments = segments + ?4, millicents = millicents + ?5");
    st.bind(1, school).bind(2, month).bind(3, route).bind(4, std::int64_t{segments}).bind(5, millicents);
    st.run();
    tx.commit();
    return true;
}

void sqlite_notifications::refund_sms(const std::string& school, const std::string& month, const std::string& route, int segments,
                                      std::int64_t millicents) {
    auto db = m_pool.borrow();
    auto st = db->prepare("UPDATE sms_spending SET messages = messages - 1, segments = segments - ?4, millicents = millicents - ?5 "
                          "WHERE school = ?1 AND month = ?2 AND route = ?3");
    st.bind(1, school).bind(2, month).bind(3, route).bind(4, std::int64_t{segments}).bind(5, millicents);
    st.run();
}

std::vector<sms_spending_row> sqlite_notifications::sms_spending(const std::string& school) {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT month, route, messages, segments, millicents FROM sms_spending WHERE school = ?1 ORDER BY month, route");
    st.bind(1, school);
    std::vector<sms_spending_row> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), static_cast<std::uint64_t>(st.integer(2)), static_cast<std::uint64_t>(st.integer(3)),
                       st.integer(4)});
    return out;
}

} // namespace hubd::sqlite
