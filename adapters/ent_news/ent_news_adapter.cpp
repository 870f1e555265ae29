// The open-source ENT's news (Actualités) JSON, read and written.

#include "ent_news_format.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

namespace interop {
namespace {

confidence identify_ent_news(const io::input& in) {
    if (in.entries().size() != 1) return confidence::no;
    const std::string head = in.head(in.entries().front());
    const auto text = adapter_support::skip_bom_and_space(head);
    if (!text.starts_with('{') && !text.starts_with('[')) return confidence::no;
    // Canonical JSON, and the module's own JSON Schemas (which name the same members), are not news.
    if (text.find("\"interop_schema\"") != std::string_view::npos || text.find("\"$schema\"") != std::string_view::npos) return confidence::no;
    if (text.find("\"thread_id\"") != std::string_view::npos || text.find("\"threadId\"") != std::string_view::npos) return confidence::yes;
    if (text.find("\"threads\"") != std::string_view::npos && text.find("\"infos\"") != std::string_view::npos) return confidence::yes;
    const bool dated = text.find("\"publication_date\"") != std::string_view::npos || text.find("\"publicationDate\"") != std::string_view::npos;
    return dated ? confidence::unsure : confidence::no;
}

} // namespace

void register_ent_news(registry& r) {
    r.add({.name = ent_news::format_name,
           .title = "ENT news (Actualités of the open-source ENT, JSON)",
           .domains = {"news"},
           .extensions = {"json"},
           .media_type = "application/json",
           .identify = identify_ent_news,
           .make_reader = ent_news::make_reader,
           .make_writer = ent_news::make_writer,
           .writes = {"news_item", "school"}});
}

} // namespace interop
