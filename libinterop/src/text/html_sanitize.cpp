#include <interop/text/html.hpp>

#include "text/html_tree.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace interop::text {
namespace {

using detail::among;
using detail::content_of;
using detail::name_of;

constexpr std::array<std::string_view, 47> allowed_tags{
    "p", "br", "hr", "div", "span", "blockquote", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6",
    "b", "strong", "i", "em", "u", "s", "sub", "sup", "small", "mark", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "img", "figure", "figcaption",
    "abbr", "cite", "q", "del", "ins"};
constexpr std::array<std::string_view, 22> dropped_tags{
    "script", "style", "iframe", "object", "embed", "frame", "frameset", "applet", "template", "noscript", "svg",
    "math", "form", "input", "button", "select", "textarea", "option", "head", "title", "base", "link"};
constexpr std::array<std::string_view, 3> void_tags{"br", "hr", "img"};

void escape_into(std::string& out, std::string_view s, bool attribute) {
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += attribute ? "&quot;" : "\""; break;
        default: out += c;
        }
    }
}

/**
 * The scheme of a URL as a browser would read it (control characters and spaces ignored), or
 * "&" when what comes before the path holds an entity the HTML 4 parser left undecoded
 * (`javascript&colon;` is `javascript:` to an HTML5 browser).
 */
std::string scheme_of(std::string_view url) {
    std::string compact;
    for (char c : url)
        if (static_cast<unsigned char>(c) > 0x20) compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto head = compact.substr(0, compact.find_first_of("/?#"));
    if (head.find('&') != std::string::npos) return "&";
    const auto colon = head.find(':');
    return colon == std::string::npos ? std::string() : head.substr(0, colon);
}

bool safe_url(std::string_view url, bool image) {
    const auto scheme = scheme_of(url);
    if (scheme.empty()) return true; // relative
    if (scheme == "http" || scheme == "https") return true;
    return !image && (scheme == "mailto" || scheme == "tel");
}

bool small_number(std::string_view v) {
    return !v.empty() && v.size() <= 4 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool language_tag(std::string_view v) {
    return !v.empty() && v.size() <= 35 &&
           std::all_of(v.begin(), v.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
}

bool allowed_attribute(std::string_view tag, std::string_view name, std::string_view value) {
    if (name == "lang") return language_tag(value);
    if (name == "dir") return value == "ltr" || value == "rtl" || value == "auto";
    if (tag == "a") return name == "title" || (name == "href" && safe_url(value, false));
    if (tag == "img") return name == "alt" || (name == "src" && safe_url(value, true)) || ((name == "width" || name == "height") && small_number(value));
    if (tag == "td" || tag == "th") return (name == "colspan" || name == "rowspan") && small_number(value);
    return false;
}

void write_attributes(std::string& out, const xmlNode* n) {
    for (const xmlAttr* a = n->properties; a; a = a->next) {
        const std::string_view name = reinterpret_cast<const char*>(a->name);
        xmlChar* raw = xmlNodeListGetString(n->doc, a->children, 1);
        const std::string value = raw ? reinterpret_cast<const char*>(raw) : "";
        xmlFree(raw);
        if (!allowed_attribute(name_of(n), name, value)) continue;
        out += ' ';
        out += name;
        out += "=\"";
        escape_into(out, value, true);
        out += '"';
    }
}

void write_text_only(std::string& out, const xmlNode* n) {
    xmlChar* text = xmlNodeGetContent(n);
    if (text) escape_into(out, reinterpret_cast<const char*>(text), false);
    xmlFree(text);
}

void write_nodes(std::string& out, const xmlNode* first, int depth) {
    for (const xmlNode* n = first; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            escape_into(out, content_of(n), false);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE) continue; // comments, processing instructions
        const auto tag = name_of(n);
        if (among(dropped_tags, tag)) continue;
        if (depth >= detail::max_depth) {
            write_text_only(out, n);
            continue;
        }
        if (!among(allowed_tags, tag)) {
            write_nodes(out, n->children, depth + 1); // unwrapped: its content stays
            continue;
        }
        out += '<';
        out += tag;
        write_attributes(out, n);
        out += '>';
        if (among(void_tags, tag)) continue;
        write_nodes(out, n->children, depth + 1);
        out += "</";
        out += tag;
        out += '>';
    }
}

std::string sanitize_once(std::string_view html) {
    auto doc = detail::parse_fragment(html);
    std::string out;
    write_nodes(out, detail::fragment_children(doc.get()), 0);
    return out;
}

} // namespace

std::string sanitize_html(std::string_view html) {
    // Unwrapping an element can leave markup the parser nests otherwise (`<a><x><a>` gives an
    // anchor inside an anchor, which a second parse splits): pass again until the output
    // reads back as itself, so that what we store is what a browser will show.
    auto out = sanitize_once(html);
    for (int pass = 0; pass < 4; ++pass) {
        auto again = sanitize_once(out);
        if (again == out) break;
        out = std::move(again);
    }
    return out;
}

} // namespace interop::text
