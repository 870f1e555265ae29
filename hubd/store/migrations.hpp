#pragma once
/** @file The SQLite schema, versioned in code: each migration runs once, in order, in its own transaction. */

#include "store/sqlite_db.hpp"

namespace hubd::sqlite {

/** Brings the database to the latest schema version; returns that version. @throws error */
int migrate(database& db);

/** The schema version this build writes. */
int latest_schema_version();

} // namespace hubd::sqlite
