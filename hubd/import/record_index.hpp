#pragma once
/** @file A record made ready for the store: canonical JSON, content hash, what filters look at. */

#include "store/store.hpp"

#include <interop/model/dataset.hpp>

namespace hubd {

/**
 * The stored form of a record of `school`: its canonical JSON without provenance (so the same
 * content read from another file hashes the same), the SHA-256 of that JSON, the ids it refers
 * to through class, group, person and course fields, and the days it covers.
 */
stored_record index_record(interop::model::any_record&& r, const std::string& school);

/** Hex SHA-256 of `text`. */
std::string sha256_hex(std::string_view text);

} // namespace hubd
