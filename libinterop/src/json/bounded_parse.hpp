#pragma once
// The canonical readers' helpers: the bounded parse, the schema version, a value as text.

#include <interop/json/bounded.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>

namespace interop::json::detail {

using json::parse_bounded;
using json::parse_failure;

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
