#pragma once
/**
 * @file What a writer could not carry. Every writer declares each record, or part of a
 * record, that its format cannot hold, under a stable reason code; `interop convert` prints
 * the count per reason and `--strict` fails on any.
 */

#include <interop/diagnostics.hpp>
#include <interop/io/output.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interop::io {

/**
 * How losses name a record: `kind/school/id` (`course/0130001F/C12`), or `kind/id` for a record
 * of no school. The school keeps apart the records of two schools that share an id (`staff/P1`).
 */
std::string record_name(std::string_view kind, std::string_view school, std::string_view id);
template <class K> std::string record_name(const K& r) { return record_name(K::kind, r.school, r.id); }

class loss_log {
public:
    /** How many records each reason keeps by name; past it, only the count grows. */
    static constexpr std::size_t kept_per_reason = 100000;

    struct reason {
        std::string code;    ///< `loss.kind`, `loss.weekday`, …
        std::string message; ///< what was lost and why, the same for every record of the reason
        bool whole = true;   ///< the records were left out, not only part of them
        std::size_t count = 0;
        std::vector<std::string> records; ///< `record_name`s, the first `kept_per_reason`
    };

    /** A record left out of the output. */
    void record(std::string_view code, std::string_view message, std::string name);
    /**
     * Part of a record left out (an extra room, a field the format has no place for); the record
     * is written. The code ends with the field it leaves out (`loss.fet.rooms`, `loss.field.regime`):
     * the oracles read it so.
     */
    void part(std::string_view code, std::string_view message, std::string name);

    const std::vector<reason>& reasons() const { return m_reasons; }
    /** Records left out, over every reason. */
    std::size_t records_lost() const;
    bool empty() const { return m_reasons.empty(); }
    /** One warning per reason, with its count and its first records. */
    void report(diagnostics& d) const;
    /** "loss.kind 12, loss.fet.rooms 3": the count of each code, in the order first met; of whole records, of parts, or (nullopt) both. */
    std::string counts_by_code(std::optional<bool> whole = std::nullopt) const;

private:
    void add(std::string_view code, std::string_view message, bool whole, std::string record);
    std::vector<reason> m_reasons;
};

/** How a writer writes. */
struct write_options {
    /** Where the writer declares what it could not carry. */
    loss_log& losses;
    /** An output folder that holds files already: refused unless told otherwise. */
    existing_folder folder = existing_folder::refuse;
};

} // namespace interop::io
