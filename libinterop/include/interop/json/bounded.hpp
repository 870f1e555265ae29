#pragma once
/**
 * @file Every JSON text the project parses into a DOM goes through `parse_bounded`: RapidJSON
 * parses iteratively, but walking, copying and writing a DOM recurse, so nesting is bounded
 * before the DOM exists; the text's size is bounded by whoever holds it (request bodies,
 * records, files).
 */

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace interop::json {

/** Where and why a text is not JSON within its bounds. */
struct parse_failure {
    std::size_t offset = 0;
    std::uint64_t line = 1; ///< of `offset`, counted from 1
    std::string message;
};

/** Nesting that no configuration, request or record of ours comes near. */
inline constexpr std::size_t default_max_depth = 32;

/**
 * Parses `text` (UTF-8, validated) into `doc`; refuses nesting deeper than `max_depth`.
 * `comments`: line and block comments allowed (configuration files).
 */
std::optional<parse_failure> parse_bounded(std::string_view text, rapidjson::Document& doc,
                                           std::size_t max_depth = default_max_depth, bool comments = false);

} // namespace interop::json
