#pragma once
/**
 * @file Imports: a vendor file read through any registered adapter, diffed against the store
 * and applied in one transaction, with its report.
 */

#include "store/store.hpp"

#include <interop/adapter/registry.hpp>

#include <filesystem>
#include <functional>

namespace hubd {

struct import_request {
    std::string id;     ///< chosen by the caller (unique)
    std::string school; ///< UAI every record must belong to
    std::string client; ///< who sent it
    std::string format; ///< adapter name; empty: identified from content
    std::filesystem::path file;
    std::string source_name; ///< how messages name the file
    /** Whether the sender may write records of this kind; empty: every kind. */
    std::function<bool(const std::string& kind)> may_write;
};

/** Why an import failed, as HTTP sees it: the input (422), the request (400), the sender's scopes (403). */
enum class import_failure { none, unreadable, invalid, bad_request, forbidden };

struct import_result {
    import_row row;
    import_failure failure = import_failure::none;
};

class importer {
public:
    /** `bounds`: what each read is held to (records, time, nesting, record size). */
    importer(store& s, const interop::registry& formats, std::function<millis()> clock, interop::read_options bounds = {})
        : m_store(s), m_formats(formats), m_clock(std::move(clock)), m_bounds(std::move(bounds)) {}

    /**
     * Reads, diffs and applies the file. Bad input never throws: the import fails, changes
     * nothing, and its report says why. Store failures throw (nothing is applied then either).
     */
    import_result run(const import_request& req);

private:
    store& m_store;
    const interop::registry& m_formats;
    std::function<millis()> m_clock;
    interop::read_options m_bounds;
};

} // namespace hubd
