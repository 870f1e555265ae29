// RSS 2.0 and Atom news feeds, read and written.

#include "feed_format.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

namespace interop {
namespace {

/** The root element's start, after the prolog, comments and a doctype. */
std::string root_start(const io::input& in) {
    if (in.entries().size() != 1) return {};
    const auto head = in.head(in.entries().front(), 4096);
    for (std::size_t at = head.find('<'); at != std::string::npos; at = head.find('<', at + 1)) {
        const char next = at + 1 < head.size() ? head[at + 1] : '\0';
        if (next != '?' && next != '!') return head.substr(at, 512);
    }
    return {};
}

confidence identify_rss(const io::input& in) {
    return root_start(in).rfind("<rss", 0) == 0 ? confidence::yes : confidence::no;
}

confidence identify_atom(const io::input& in) {
    const auto root = root_start(in);
    return root.rfind("<feed", 0) == 0 && root.find(feed::atom_ns) != std::string::npos ? confidence::yes : confidence::no;
}

} // namespace

void register_feed(registry& r) {
    r.add({.name = feed::rss_name,
           .title = "RSS 2.0 news feed",
           .domains = {"news"},
           .extensions = {"rss", "xml"},
           .media_type = "application/rss+xml",
           .identify = identify_rss,
           .make_reader = feed::make_reader,
           .make_writer = feed::make_rss_writer,
           .writes = {"news_item", "school"}});
    r.add({.name = feed::atom_name,
           .title = "Atom news feed (RFC 4287)",
           .domains = {"news"},
           .extensions = {"atom", "xml"},
           .media_type = "application/atom+xml",
           .identify = identify_atom,
           .make_reader = feed::make_reader,
           .make_writer = feed::make_atom_writer,
           .writes = {"news_item", "school"}});
}

} // namespace interop
