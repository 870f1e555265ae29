#include "text/html_tree.hpp"

#include "text/utf8.hpp"

#include <climits>
#include <string>

namespace interop::text::detail {

html_doc parse_fragment(std::string_view html) {
    // Opening the body ourselves keeps the parser from wrapping leading text in a <p>.
    // Bad bytes become U+FFFD first, as a browser decodes them: libxml2 drops some of them, a
    // different number on each parse, which would lose text and undo idempotence.
    if (html.empty()) return nullptr;
    std::string text = "<html><body>";
    append_with_replacement_characters(text, html);
    if (text.size() > INT_MAX) return nullptr;
    // No depth limit in the parser (it would drop what lies deeper: silent loss); our walks
    // stop recursing at max_depth and libxml2 frees and reads content without recursion.
    constexpr int options = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER | XML_PARSE_HUGE;
    return html_doc(htmlReadMemory(text.data(), static_cast<int>(text.size()), nullptr, "UTF-8", options));
}

xmlNode* fragment_children(xmlDoc* doc) {
    if (!doc) return nullptr;
    xmlNode* root = xmlDocGetRootElement(doc);
    if (!root) return nullptr;
    for (xmlNode* n = root->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && name_of(n) == "body") return n->children;
    return root->children;
}

} // namespace interop::text::detail
