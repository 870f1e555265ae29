#pragma once
/** @file Structured diagnostics: what a reader skipped, what validation found. */

#include <interop/errors.hpp>

#include <string>
#include <vector>

namespace interop {

enum class severity { info, warning, error };
std::string_view to_string(severity s);

struct diagnostic {
    interop::severity severity = severity::warning;
    std::string code;    ///< stable, dotted: `uai.check-letter`, `ref.missing`, …
    std::string record;  ///< `kind/id` of the record concerned, if any
    std::string message;
    position where;
    /** One line: `file:line: severity: [code] kind/id: message`. */
    std::string to_string() const;
};

/** Collects diagnostics, keeping at most `limit` of them and counting the rest. */
class diagnostics {
public:
    explicit diagnostics(std::size_t limit = 10000) : m_limit(limit) {}

    void add(diagnostic d);
    void add(severity s, std::string code, std::string record, std::string message, position where = {});

    const std::vector<diagnostic>& items() const { return m_items; }
    std::size_t count(severity s) const;
    std::size_t dropped() const { return m_dropped; }
    /** Turns every warning into an error (strict mode). */
    void promote_warnings();
    bool has_errors() const { return count(severity::error) > 0; }

private:
    std::size_t m_limit;
    std::vector<diagnostic> m_items;
    std::size_t m_counts[3] = {0, 0, 0};
    std::size_t m_dropped = 0;
};

} // namespace interop
