#pragma once
// Decoding UTF-8 as the WHATWG Encoding Standard does for bad bytes: each one a U+FFFD.

#include <string>
#include <string_view>

namespace interop::text::detail {

/** One code point from `text` at `at`, advancing it; a malformed sequence is one U+FFFD per byte. */
char32_t next_code_point(std::string_view text, std::size_t& at);

/** Appends `text` to `out` with every malformed byte replaced by U+FFFD, so that a parser cannot drop it. */
void append_with_replacement_characters(std::string& out, std::string_view text);

} // namespace interop::text::detail
