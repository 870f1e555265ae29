#pragma once
// aSc Timetables XML: a `timetable` root holding one element per table (`periods`,
// `subjects`, `lessons`, `cards`, …), each row an element whose attributes are the columns the
// table declares. Days, weeks and terms are positional bit strings ("00001" = Friday).

#include <interop/adapter/registry.hpp>

namespace interop::asc {

inline constexpr const char* format_name = "asc";

std::unique_ptr<reader> make_reader(const read_options& opt);
std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt);

/** `a,b,c` → {a, b, c}; empty parts left out. */
/** `a,b,,a` → {a, b}: empty parts and repeats left out. */
std::vector<std::string> split_ids(std::string_view list);

/** `7:30` or `07:30` → minutes after midnight. */
std::optional<model::time_of_day> parse_clock(std::string_view text);

} // namespace interop::asc
