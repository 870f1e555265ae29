#include "text/utf8.hpp"

namespace interop::text::detail {

char32_t next_code_point(std::string_view text, std::size_t& at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || at + length > text.size()) return ++at, U'\uFFFD';
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        const auto b = static_cast<unsigned char>(text[at + i]);
        if ((b & 0xC0) != 0x80) return ++at, U'\uFFFD';
        c = (c << 6) | (b & 0x3F);
    }
    static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < smallest[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return ++at, U'\uFFFD'; // overlong, out of range, surrogate
    at += length;
    return c;
}

void append_with_replacement_characters(std::string& out, std::string_view text) {
    out.reserve(out.size() + text.size());
    for (std::size_t at = 0; at < text.size();) {
        const auto start = at;
        const bool malformed = next_code_point(text, at) == U'\uFFFD' && at == start + 1; // a real U+FFFD is 3 bytes
        if (malformed) out += "\xEF\xBF\xBD";
        else out.append(text.substr(start, at - start));
    }
}

} // namespace interop::text::detail
