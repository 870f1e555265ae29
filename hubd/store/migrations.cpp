#include "store/migrations.hpp"

#include <string>
#include <string_view>

namespace hubd::sqlite {

namespace {

// Append only: a released migration never changes; a new schema is a new entry.
constexpr std::string_view migrations[] = {
    // 1: records with their filter columns, the change feed, imports, clients.
    R"sql(
CREATE TABLE records (
  school TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
  json TEXT NOT NULL, hash TEXT NOT NULL,
  first_day TEXT, last_day TEXT,
  seq INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (school, kind, id)) WITHOUT ROWID;
CREATE INDEX records_updated ON records (school, kind, updated_at);
CREATE TABLE record_refs (
  school TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX record_refs_owner ON record_refs (school, kind, id);
CREATE INDEX record_refs_value ON record_refs (school, value, field);
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL,
  school TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
  at INTEGER NOT NULL, import_id TEXT NOT NULL);
CREATE INDEX changes_school ON changes (school, seq);
CREATE TABLE imports (
  id TEXT PRIMARY KEY, school TEXT NOT NULL, client TEXT NOT NULL, format TEXT NOT NULL,
  status TEXT NOT NULL, report TEXT NOT NULL, received_at INTEGER NOT NULL, finished_at INTEGER NOT NULL);
CREATE TABLE clients (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, secret_hash TEXT NOT NULL,
  scopes TEXT NOT NULL, schools TEXT NOT NULL, created_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0);
)sql",
    // 2: webhooks (subscriptions, the outbox, attempts), the audit chain, calendar feed tokens,
    // client field profiles and pseudonymous ids.
    R"sql(
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY, client TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL,
  kinds TEXT NOT NULL, schools TEXT NOT NULL, created_at INTEGER NOT NULL, active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY, subscription TEXT NOT NULL, first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,
  payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,
  status TEXT NOT NULL, last_error TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, delivered_at INTEGER);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_subscription ON deliveries (subscription, created_at);
CREATE TABLE delivery_attempts (
  delivery TEXT NOT NULL, attempt INTEGER NOT NULL, at INTEGER NOT NULL, status_code INTEGER NOT NULL,
  error TEXT NOT NULL, duration_ms INTEGER NOT NULL, PRIMARY KEY (delivery, attempt));
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  school TEXT NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL, detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TABLE calendar_tokens (
  id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, school TEXT NOT NULL, audience TEXT NOT NULL,
  audience_id TEXT NOT NULL, client TEXT NOT NULL, created_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
ALTER TABLE clients ADD COLUMN profile TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN pseudonymous INTEGER NOT NULL DEFAULT 0;
)sql",
    // 3: family-facing clients, per-school settings, releases of items held from families,
    // notifications (held, due, sent, delivered, failed) and SMS spending per school and month.
    R"sql(
ALTER TABLE clients ADD COLUMN audience TEXT NOT NULL DEFAULT '';
CREATE TABLE school_settings (
  school TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (school, name)) WITHOUT ROWID;
CREATE TABLE releases (
  school TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, visible_at INTEGER NOT NULL,
  PRIMARY KEY (school, kind, id)) WITHOUT ROWID;
CREATE INDEX releases_due ON releases (visible_at);
CREATE TABLE notifications (
  id TEXT PRIMARY KEY, school TEXT NOT NULL, event TEXT NOT NULL, subject_record TEXT NOT NULL,
  recipient TEXT NOT NULL, recipient_kind TEXT NOT NULL, channel TEXT NOT NULL, address TEXT NOT NULL,
  language TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
  urgent INTEGER NOT NULL, reason TEXT NOT NULL, actor TEXT NOT NULL,
  status TEXT NOT NULL, held_by TEXT NOT NULL, send_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',
  route TEXT NOT NULL DEFAULT '', segments INTEGER NOT NULL DEFAULT 0, cost_millicents INTEGER NOT NULL DEFAULT 0,
  external_id TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, sent_at INTEGER, delivered_at INTEGER);
CREATE INDEX notifications_due ON notifications (status, send_at);
CREATE INDEX notifications_school ON notifications (school, status, id);
CREATE INDEX notifications_external ON notifications (external_id) WHERE external_id <> '';
CREATE UNIQUE INDEX notifications_once ON notifications (event, subject_record, recipient, channel) WHERE subject_record <> '';
CREATE TABLE sms_spending (
  school TEXT NOT NULL, month TEXT NOT NULL, route TEXT NOT NULL,
  messages INTEGER NOT NULL, segments INTEGER NOT NULL, millicents INTEGER NOT NULL,
  PRIMARY KEY (school, month, route)) WITHOUT ROWID;
CREATE TABLE cursors (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
)sql",
};

int current_version(database& db) {
    auto st = db.prepare("PRAGMA user_version");
    st.step();
    return static_cast<int>(st.integer(0));
}

} // namespace

int latest_schema_version() { return static_cast<int>(std::size(migrations)); }

int migrate(database& db) {
    int version = current_version(db);
    if (version > latest_schema_version())
        throw error("sqlite: the store has schema version " + std::to_string(version) + ", newer than this hubd (" +
                    std::to_string(latest_schema_version()) + "); run a newer hubd");
    for (; version < latest_schema_version(); ++version) {
        transaction tx(db);
        db.exec(migrations[version]);
        db.exec("PRAGMA user_version=" + std::to_string(version + 1));
        tx.commit();
    }
    return version;
}

} // namespace hubd::sqlite
