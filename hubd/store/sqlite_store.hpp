#pragma once
/** @file The store on one SQLite file (WAL): many readers, one writer at a time. */

#include "store/store.hpp"

#include <filesystem>

namespace hubd {

/**
 * Opens (creating and migrating if needed) the store in `file`.
 * @throws sqlite::error when the file cannot be opened or is of a newer schema.
 */
std::unique_ptr<store> open_sqlite_store(const std::filesystem::path& file);

} // namespace hubd
