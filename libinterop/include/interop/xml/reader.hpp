#pragma once
/**
 * @file The XML layer every XML adapter reads through: libxml2's SAX2 push parser, streamed
 * from any input (a file, a zip entry), hardened against hostile files.
 *
 * - No DTD is loaded, no entity other than the five predefined ones is accepted, nothing is
 *   fetched from the network or the disk: a `<!DOCTYPE x SYSTEM "x.dtd">` declaration is
 *   accepted and ignored; an entity declaration or reference is an error.
 * - Depth, text node size, attribute count, captured subtree size and input size are bounded.
 * - Encodings: UTF-8 with or without BOM, UTF-16, ISO-8859-1/15 and others as declared.
 *
 * Adapters receive small subtrees (`element`) chosen by path, one at a time, so memory is
 * bounded by the largest record, not by the file.
 */

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace interop::xml {

struct limits {
    std::size_t max_depth = 256;
    std::size_t max_text_bytes = 1U << 20;       ///< one text node
    std::size_t max_attributes = 256;            ///< on one element
    std::size_t max_subtree_bytes = 16U << 20;   ///< one captured element, names and text included
    std::uint64_t max_input_bytes = 16ULL << 30; ///< the whole file
};

/** An element with its attributes, text and children: a small tree, one record's worth. */
struct element {
    std::string name; ///< local name
    std::string ns;   ///< namespace URI, empty if none
    std::vector<std::pair<std::string, std::string>> attributes;
    std::string text; ///< character data directly inside this element
    std::vector<element> children;
    std::uint64_t line = 0;

    /** The attribute's value, or nullptr. */
    const std::string* attribute(std::string_view local_name) const;
    /** The first child of that name, or nullptr. */
    const element* child(std::string_view local_name) const;
    /** The text of the first child of that name, or an empty string. */
    std::string_view child_text(std::string_view local_name) const;
};

/** An attribute of a start tag, valid during the call that receives it. */
struct attribute_view {
    std::string_view name; ///< local name
    std::string_view value;
};

/** What a reader wants from a document. */
struct events {
    /** Whether to capture the element at this path of local names (root first) as a subtree. */
    std::function<bool(const std::vector<std::string>& path)> capture;
    /** Each captured subtree, once complete. */
    std::function<void(element&& e)> on_element;
    /**
     * Instead of `on_element`, for readers that need no tree: the start tags, text runs and
     * end tags of each captured subtree as they are read, the captured element's own first.
     * Bounds are the same. Views are valid during the call only. Set all three or none.
     */
    std::function<void(std::string_view name, const std::vector<attribute_view>& attributes, std::uint64_t line)> on_start;
    std::function<void(std::string_view text)> on_text;
    std::function<void()> on_end;
    /** The root element's start tag (name, namespace, attributes; no children). Optional. */
    std::function<void(const element& root)> on_root;
    /** Comments outside captured subtrees (AAF carries metadata in them). Optional. */
    std::function<void(std::string_view text, std::uint64_t line)> on_comment;
};

/**
 * Parses `in` and delivers what `ev` asks for. Exceptions thrown by the callbacks propagate.
 * @throws parse_error naming `file`, line, column and `format`: malformed XML, a refused
 *         entity, a limit passed, a bad encoding, a truncated file.
 */
void read(std::istream& in, const std::string& file, const std::string& format, const events& ev, const limits& lim = {});

} // namespace interop::xml
