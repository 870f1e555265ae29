#pragma once
// libxml2's forgiving HTML parser, shared by the sanitiser and the plain-text rendering.

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string_view>

namespace interop::text::detail {

struct doc_deleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using html_doc = std::unique_ptr<xmlDoc, doc_deleter>;

/** Parses a fragment; never fails on bad markup (null only for an empty input or one past 2 GiB). */
html_doc parse_fragment(std::string_view html);

/** The first node of the fragment: the children of `body` (or of the root when there is none). */
xmlNode* fragment_children(xmlDoc* doc);

/** Whether `name` is one of `set` (a list of tag names). */
template <std::size_t N> bool among(const std::array<std::string_view, N>& set, std::string_view name) {
    return std::find(set.begin(), set.end(), name) != set.end();
}

inline std::string_view name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
inline std::string_view content_of(const xmlNode* n) {
    return n->content ? std::string_view(reinterpret_cast<const char*>(n->content)) : std::string_view();
}

/** Deepest nesting walked; deeper content is kept as text only. */
inline constexpr int max_depth = 64;

} // namespace interop::text::detail
