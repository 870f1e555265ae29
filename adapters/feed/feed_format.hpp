#pragma once
// RSS 2.0 and Atom (RFC 4287) news feeds ↔ news items. One reader serves both (the root tells
// which); each has its writer. Fields the feeds have no element for (audience, priority,
// status, end of publication, school, author id) travel in our own namespace.

#include <interop/adapter/registry.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace interop::feed {

inline constexpr const char* rss_name = "rss";
inline constexpr const char* atom_name = "atom";
inline constexpr std::string_view atom_ns = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view content_ns = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view dc_ns = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view hub_ns = "urn:interop-hub:news:1";
/** Atom ids our writer gives items: this prefix, then the item's id percent-encoded. */
inline constexpr std::string_view atom_id_prefix = "urn:interop-hub:news:";

std::unique_ptr<reader> make_reader(const read_options& opt);
std::unique_ptr<io::record_sink> make_rss_writer(const std::filesystem::path& out, const io::write_options& opt);
std::unique_ptr<io::record_sink> make_atom_writer(const std::filesystem::path& out, const io::write_options& opt);

/** RFC 822 / RFC 1123 dates as RSS writes them: `Tue, 18 Nov 2025 21:30:00 +0100`, `GMT`, `EST`, … */
std::optional<model::date_time> parse_rfc822(std::string_view text);
std::string to_rfc822(const model::date_time& t);

} // namespace interop::feed
