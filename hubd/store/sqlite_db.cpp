#include "store/sqlite_db.hpp"

#include <sqlite3.h>

namespace hubd::sqlite {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
    throw error("sqlite: " + std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

} // namespace

database::database(const std::filesystem::path& file) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(file.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
        std::string message = "sqlite: cannot open " + file.string() + ": " + (m_db ? sqlite3_errmsg(m_db) : "out of memory");
        sqlite3_close(m_db);
        throw error(message);
    }
    sqlite3_busy_timeout(m_db, 30000);
    // WAL lets readers go on while one writer commits; synchronous=FULL makes every commit
    // durable before it returns, so what hubd acknowledges survives a crash or power loss.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

database::~database() { sqlite3_close(m_db); }

void database::exec(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string what = message ? message : "unknown error";
        sqlite3_free(message);
        throw error("sqlite: " + what + " in: " + text.substr(0, 120));
    }
}

statement database::prepare(std::string_view sql) { return statement(m_db, sql); }

std::int64_t database::changes() const { return sqlite3_changes64(m_db); }

statement::statement(sqlite3* db, std::string_view sql) : m_db(db), m_sql(sql) {
    if (sqlite3_prepare_v2(db, m_sql.c_str(), static_cast<int>(m_sql.size()), &m_stmt, nullptr) != SQLITE_OK)
        fail(db, "prepare " + m_sql.substr(0, 120));
}

statement::statement(statement&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt), m_sql(std::move(o.m_sql)) {
    o.m_stmt = nullptr;
}

statement::~statement() { sqlite3_finalize(m_stmt); }

statement& statement::bind(int i, std::string_view text) {
    if (sqlite3_bind_text(m_stmt, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(m_db, "bind");
    return *this;
}

statement& statement::bind(int i, std::int64_t value) {
    if (sqlite3_bind_int64(m_stmt, i, value) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

statement& statement::bind_null(int i) {
    if (sqlite3_bind_null(m_stmt, i) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

statement& statement::bind_maybe(int i, const std::optional<std::string>& text) {
    return text ? bind(i, std::string_view(*text)) : bind_null(i);
}

bool statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(m_db, "step " + m_sql.substr(0, 120));
}

void statement::run() {
    while (step()) {
    }
}

void statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string statement::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string();
}

std::int64_t statement::integer(int col) const { return sqlite3_column_int64(m_stmt, col); }

bool statement::is_null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

transaction::transaction(database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

transaction::~transaction() {
    if (!m_open) return;
    try {
        m_db.exec("ROLLBACK");
    } catch (const error&) { // the connection is gone: nothing was committed
    }
}

void transaction::commit() {
    m_db.exec("COMMIT");
    m_open = false;
}

} // namespace hubd::sqlite
