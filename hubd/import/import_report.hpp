#pragma once
/** @file The report of one import, as stored and served at GET /v1/imports/{id}. */

#include <interop/diagnostics.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace hubd {

struct kind_counts {
    std::size_t created = 0, updated = 0, deleted = 0, unchanged = 0;
};

struct import_report {
    std::string format, source, scope;
    std::string spooled_as; ///< where the hub keeps the file; diagnostics name it `source` instead
    std::size_t records = 0;
    std::map<std::string, kind_counts> kinds;
    std::uint64_t first_seq = 0, last_seq = 0;
    std::optional<std::string> error;
    interop::diagnostics diags;

    kind_counts totals() const;
    /** JSON with the import's id, school, status and times around these fields. */
    std::string to_json(const std::string& id, const std::string& school, const std::string& status, std::int64_t received_at,
                        std::int64_t finished_at) const;
};

} // namespace hubd
