#include <interop/text/html.hpp>

#include "text/html_tree.hpp"

#include <algorithm>
#include <array>

namespace interop::text {
namespace {

using detail::among;
using detail::content_of;
using detail::name_of;

constexpr std::array<std::string_view, 12> paragraph_tags{"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol"};
constexpr std::array<std::string_view, 9> line_tags{"div", "li", "tr", "dt", "dd", "figure", "figcaption", "caption", "hr"};
constexpr std::array<std::string_view, 16> skipped_tags{"script", "style", "iframe", "object", "embed", "frame", "frameset",
                                                        "applet", "template", "noscript", "svg", "math", "head", "title", "select", "textarea"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/** Collects words, collapsing white space, and the line breaks blocks ask for. */
class text_builder {
public:
    void words(std::string_view s) {
        for (char c : s) {
            if (is_space(c)) {
                m_space = true;
                continue;
            }
            flush();
            m_out += c;
        }
    }
    /** 1: start a new line; 2: leave a blank line. */
    void brk(int level) {
        if (level == 0) return;
        if (!m_out.empty()) m_break = std::max(m_break, level);
        m_space = false;
    }
    std::string finish() { return std::move(m_out); }

private:
    void flush() {
        if (m_break > 0) m_out.append(static_cast<std::size_t>(m_break), '\n');
        else if (m_space && !m_out.empty()) m_out += ' ';
        m_break = 0;
        m_space = false;
    }
    std::string m_out;
    int m_break = 0;
    bool m_space = false;
};

std::string attribute(const xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
}

std::string text_of(const xmlNode* n) {
    xmlChar* v = xmlNodeGetContent(n);
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
}

void render(text_builder& b, const xmlNode* first, int depth);

void render_element(text_builder& b, const xmlNode* n, int depth) {
    const auto tag = name_of(n);
    if (among(skipped_tags, tag)) return;
    if (depth >= detail::max_depth) return b.words(text_of(n));
    const int level = among(paragraph_tags, tag) ? 2 : among(line_tags, tag) ? 1 : 0;
    if (tag == "br") return b.brk(1);
    b.brk(level);
    if (tag == "li") b.words("- ");
    if (tag == "td" || tag == "th") b.words(" ");
    if (tag == "img") b.words(attribute(n, "alt"));
    render(b, n->children, depth + 1);
    if (tag == "a") {
        const auto href = attribute(n, "href");
        const auto shown = text_of(n);
        if (!href.empty() && href != shown && href.rfind('#', 0) != 0 && href.rfind("mailto:" + shown, 0) != 0) b.words(" (" + href + ")");
    }
    b.brk(level);
}

void render(text_builder& b, const xmlNode* first, int depth) {
    for (const xmlNode* n = first; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) b.words(content_of(n));
        else if (n->type == XML_ELEMENT_NODE) render_element(b, n, depth);
    }
}

} // namespace

std::string html_to_text(std::string_view html) {
    auto doc = detail::parse_fragment(html);
    text_builder b;
    render(b, detail::fragment_children(doc.get()), 0);
    return b.finish();
}

std::string text_to_html(std::string_view text) {
    std::string out, paragraph;
    auto close_paragraph = [&] {
        if (!paragraph.empty()) out += "<p>" + paragraph + "</p>";
        paragraph.clear();
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = std::min(text.find('\n', start), text.size());
        auto line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (std::all_of(line.begin(), line.end(), is_space)) close_paragraph();
        else {
            if (!paragraph.empty()) paragraph += "<br>";
            for (char c : line) paragraph += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
        }
        start = end + 1;
    }
    close_paragraph();
    return out;
}

} // namespace interop::text
