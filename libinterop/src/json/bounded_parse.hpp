#pragma once
// Parsing into a DOM with a nesting limit, so that no recursion downstream can overflow.

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>

namespace interop::json::detail {

struct parse_failure {
    std::size_t offset = 0;
    std::uint64_t line = 1; ///< of `offset`, counted from 1
    std::string message;
};

/** Parses `text` (UTF-8, validated) into `doc`; refuses nesting deeper than `max_depth`. */
std::optional<parse_failure> parse_bounded(std::string_view text, rapidjson::Document& doc, std::size_t max_depth);

/** Checks `interop_schema`; throws schema_version_error or returns a warning text for a newer minor. */
std::optional<std::string> check_schema_version(std::string_view version, const std::string& file, std::uint64_t line);

/** A value as compact JSON text (`true`, `"absent"`, `{"status":"absent"}`), for comparing and copying values. */
inline std::string compact_text(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    v.Accept(w);
    return buffer.GetString();
}

} // namespace interop::json::detail
