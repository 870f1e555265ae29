#pragma once
/**
 * @file Canonical JSON: one document (`{"interop_schema": "1.0", "students": [...]}`) or
 * NDJSON (one record a line with its `kind`, after an optional `"kind": "dataset"` header).
 */

#include <interop/diagnostics.hpp>
#include <interop/io/sink.hpp>

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

namespace interop::json {

/** Bounds every parse; hostile input meets these before it meets memory or the stack. */
struct limits {
    std::size_t max_depth = 64;                          ///< nesting of arrays and objects
    std::uint64_t max_input_bytes = 16ULL << 30;         ///< whole input
    std::size_t max_record_bytes = 16U << 20;            ///< one record, or one NDJSON line
};

/**
 * Reads a canonical JSON document and streams its records into `sink`, one at a time.
 * `interop_schema` must come before the first collection.
 * @throws parse_error naming file, line and column; schema_version_error for another major version.
 */
void read_document(std::istream& in, const std::string& file, io::record_sink& sink, diagnostics& diags,
                   const limits& lim = {});

/** Reads canonical NDJSON into `sink`, line by line. @throws parse_error, schema_version_error */
void read_ndjson(std::istream& in, const std::string& file, io::record_sink& sink, diagnostics& diags,
                 const limits& lim = {});

/** Writes a canonical document. Records are grouped by kind, so they are held until on_end. */
std::unique_ptr<io::record_sink> make_document_writer(std::ostream& out);

/** Writes NDJSON as records arrive: a header line, then one record a line. */
std::unique_ptr<io::record_sink> make_ndjson_writer(std::ostream& out);

/** One record as a compact JSON object with its `kind`. */
std::string to_json(const model::any_record& r);

/** Reads one record from a compact JSON object with its `kind`. @throws parse_error */
model::any_record record_from_json(std::string_view text, const std::string& file = "<string>");

/** The `kind` member of a one-line JSON object, or nullopt if it is not one. Never throws. */
std::optional<std::string> kind_of_line(std::string_view line);

/** Convenience: whole dataset to and from a document string. */
std::string to_document(const model::dataset& ds);
model::dataset dataset_from_document(std::string_view text, const std::string& file = "<string>");

} // namespace interop::json
