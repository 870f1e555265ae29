#pragma once
// What the XML writers of vendor formats share: escaped text and one-line elements.

#include <ostream>
#include <string>
#include <string_view>

namespace interop::xml_text {

/** `text` with `&`, `<`, `>` and `"` escaped, fit for element text and attribute values. */
inline std::string escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

/** Writes `<name>text</name>` on its own line, indented by `depth` levels of two spaces. */
inline void element(std::ostream& out, int depth, std::string_view name, std::string_view text) {
    out << std::string(static_cast<std::size_t>(depth) * 2, ' ') << '<' << name << '>' << escaped(text) << "</" << name << ">\n";
}

} // namespace interop::xml_text
