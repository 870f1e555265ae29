#pragma once
/**
 * @file JSON Schema (draft-04) of the canonical model, generated from the model's own field
 * lists so that it cannot drift from the code. The committed copies live in
 * `schemas/canonical/v1/`; a test checks they are current.
 */

#include <string>
#include <string_view>
#include <vector>

namespace interop::json {

/** Schema of one record kind, as written in a document or an NDJSON line. */
std::string record_schema(std::string_view kind);
/** Schema of a whole canonical document. */
std::string document_schema();
/** Schema of the NDJSON header line. */
std::string header_schema();

struct schema_file {
    std::string name; ///< file name: document.schema.json, student.schema.json, …
    std::string text;
};
/** Every schema file of `schemas/canonical/v1/`. */
std::vector<schema_file> all_schema_files();

/**
 * Validates JSON text against schema text. Returns the problems found, empty when valid.
 * Uses RapidJSON's draft-04 validator.
 */
std::vector<std::string> validate_against_schema(std::string_view schema, std::string_view json_text);

} // namespace interop::json
