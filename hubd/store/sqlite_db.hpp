#pragma once
/** @file A thin RAII layer over the SQLite C API: a connection, prepared statements, errors. */

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace hubd::sqlite {

/** A failed SQLite call, with SQLite's own message and the statement it ran. */
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class statement;

/** One connection: WAL, full synchronous commits, foreign keys, a busy timeout. */
class database {
public:
    explicit database(const std::filesystem::path& file);
    database(const database&) = delete;
    database& operator=(const database&) = delete;
    ~database();

    /** Runs one or more statements that return no rows. @throws error */
    void exec(std::string_view sql);
    statement prepare(std::string_view sql);
    std::int64_t changes() const;
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

/** A prepared statement; bind by 1-based index, step, read columns by 0-based index. */
class statement {
public:
    statement(sqlite3* db, std::string_view sql);
    statement(statement&& o) noexcept;
    statement& operator=(statement&&) = delete;
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    ~statement();

    statement& bind(int i, std::string_view text);
    statement& bind(int i, std::int64_t value);
    statement& bind_null(int i);
    statement& bind_maybe(int i, const std::optional<std::string>& text);
    /** True while a row is available. @throws error */
    bool step();
    /** Steps to completion, for statements without rows. */
    void run();
    void reset();

    std::string text(int col) const;
    std::int64_t integer(int col) const;
    bool is_null(int col) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_sql;
};

/** BEGIN IMMEDIATE … COMMIT; rolled back when destroyed uncommitted. */
class transaction {
public:
    explicit transaction(database& db);
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;
    ~transaction();
    void commit();

private:
    database& m_db;
    bool m_open = true;
};

} // namespace hubd::sqlite
