#pragma once
// FET (free timetabling software): the `.fet` file (input, or `_data_and_timetable.fet` with
// the generated timetable locked as preferred starting times and rooms of weight 100) and the
// `timetable.csv` FET writes beside it.

#include <interop/adapter/registry.hpp>
#include <interop/diagnostics.hpp>

namespace interop::fet {

inline constexpr const char* format_name = "fet";

std::unique_ptr<reader> make_reader(const read_options& opt);
std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt);

/** Our writer's note in the root `Comments`: `interop:school=<UAI> interop:year=<first>/<last> interop:grid=<time grid>`. */
inline constexpr const char* school_key = "interop:school=";
inline constexpr const char* year_key = "interop:year=";
inline constexpr const char* grid_key = "interop:grid=";
/** Our writer's root note, on a line of its own: the groups of no class it writes as years of their own, `|`-separated. */
inline constexpr const char* groups_as_years_key = "interop:groups-as-years=";
/** Our writer's activity comments: `interop:id=<course>`. */
inline constexpr const char* id_key = "interop:id=";
/** Our writer's activity tags for week patterns carry `interop:weeks=<bits>` in their comments. */
inline constexpr const char* weeks_key = "interop:weeks=";
/** Our writer's teacher comments: a line for each name (FET names a teacher by one name, the id), then `First Last`. */
inline constexpr const char* last_name_key = "interop:last-name=";
inline constexpr const char* first_name_key = "interop:first-name=";
/** Our writer's subject comments: `interop:long-label=<long label>` (empty when it has none), then the label FET shows. */
inline constexpr const char* long_label_key = "interop:long-label=";
/** The capacity our writer gives a room of no known capacity: FET's own default, no limit. */
inline constexpr int unlimited_capacity = 30000;

/** FET's timetable.csv into `sink` (ended). @throws parse_error */
void read_timetable_csv(std::istream& in, const std::string& file, io::record_sink& sink, diagnostics& diags, const read_options& opt);

/** Whether the start of a file is timetable.csv's header. */
inline bool timetable_csv_header(std::string_view head) {
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    return head.starts_with("\"Activity Id\",\"Day\",\"Hour\"");
}

/** `9.30`, `09:30`, `13h30` at the start of `text` (after spaces), in minutes; advances past it. */
std::optional<int> clock_at(std::string_view& text);

/**
 * ISO weekdays of a file's day names, read in one language (English, French, German, Spanish
 * or Danish: full names, abbreviations, names with more after them such as `Monday AM`), or
 * dates; nullopt unless every name is one. fet_days.cpp.
 */
std::optional<std::vector<int>> weekdays_named(const std::vector<std::string>& names);
/** ISO weekday of one day name (the first language that knows it). */
std::optional<int> weekday_named(std::string name);

/** The value after `key` in `text`, up to the next space. */
inline std::string value_after(std::string_view text, std::string_view key) {
    auto at = text.find(key);
    if (at == std::string_view::npos) return {};
    auto rest = text.substr(at + key.size());
    return std::string(rest.substr(0, rest.find_first_of(" \n")));
}

/** What follows `key` in `text` up to the end of its line (a value that may hold spaces); empty when absent. */
inline std::string line_after(std::string_view text, std::string_view key) {
    auto at = text.find(key);
    if (at == std::string_view::npos) return {};
    auto rest = text.substr(at + key.size());
    return std::string(rest.substr(0, rest.find('\n')));
}

} // namespace interop::fet
