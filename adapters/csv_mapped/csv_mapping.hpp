#pragma once
// Generic CSV with a declared mapping: the spreadsheets schools keep for absences, grades and
// news, read and written through a small JSON file that names the record kind, which column
// feeds which field, the separator, the encoding and the date formats.
//
//   {"kind": "attendance_event", "file": "absences.csv", "separator": ";", "encoding": "windows-1252",
//    "date_format": "DD/MM/YYYY", "time_format": "HH:mm", "decimal_separator": ",",
//    "columns": {"Élève": "student", "Date": {"field": "start", "part": "date"},
//                "Heure": {"field": "start", "part": "time"},
//                "Justifiée": {"field": "justified", "values": {"Oui": true, "Non": false}},
//                "Motif": "reason", "Saisi par": "extensions.saisi_par"},
//    "constants": {"type": "absence"}, "id_columns": ["Élève", "Date", "Heure"]}
//
// A package is a folder or zip holding `NAME.mapping.json` beside `NAME.csv` (or the file its
// `file` member names); a lone CSV file is read with a mapping given apart.

#include <interop/adapter/registry.hpp>
#include <interop/csv/reader.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interop::csv_mapped {

inline constexpr const char* format_name = "csv-mapped";
inline constexpr std::string_view mapping_suffix = ".mapping.json";
/** A `date_time_format` meaning the model's own text, offset included (`2025-09-01T08:00:00+02:00`). */
inline constexpr std::string_view rfc3339 = "RFC 3339";

/** What a field of a record kind holds, as far as a spreadsheet cell can carry it. */
enum class field_type { text, integer, number, boolean, date, time, date_time, enumeration, text_list, extension, external_id };

/** A value table entry: a cell text and the column's field value, or the fields it sets (`"Abs": {"status": "absent"}`). */
struct value_entry {
    std::string cell;
    std::string value;                                     ///< JSON text of the field's value; empty when `sets` is used
    std::vector<std::pair<std::string, std::string>> sets; ///< field → JSON text
};

/** One column: the field it feeds (`extensions.NAME` and `external_ids.SYSTEM` too), a part of a date-time, a value table. */
struct column {
    std::string name;  ///< header text, or the 1-based column number when the file has no header
    std::string field;
    field_type type = field_type::text;
    std::string part;  ///< "date" or "time" for one half of a date-time; empty for all of it
    std::vector<value_entry> values; ///< in the mapping's order
};

struct mapping {
    std::string kind;
    std::string file; ///< the CSV it describes, in a package
    char separator = ';';
    csv::encoding encoding = csv::encoding::automatic;
    bool bom = false;    ///< written files start with a UTF-8 byte order mark (spreadsheets want it)
    bool header = true;
    std::string date_format = "YYYY-MM-DD", time_format = "HH:mm:ss", date_time_format = "YYYY-MM-DDTHH:mm:ss";
    char decimal_separator = '.';
    char list_separator = ',';
    std::string school;
    std::vector<std::string> id_columns;
    std::vector<column> columns;
    std::vector<std::pair<std::string, std::string>> constants; ///< field → value (JSON text)
};

/** The mapping a JSON file declares. @throws parse_error naming the file, line and member. */
mapping parse_mapping(std::string_view json, const std::string& file);
/** Whether an entry or file is named `NAME.mapping.json`. */
bool is_mapping_name(std::string_view name);
/**
 * The mapping an input entry holds, its `file` made the name of the CSV it describes in the
 * same input: the one it names, beside it, or `NAME.csv`.
 */
mapping read_mapping(const io::input& in, const io::input::entry& e);
/** The mapping of a file on disk (`--mapping`, a writer's output folder). @throws io_error, parse_error */
mapping load_mapping(const std::filesystem::path& path);
/** The mapping as JSON, as `parse_mapping` reads it. */
std::string mapping_json(const mapping& m);
/** Every field of `kind` a cell can carry, each a column named as the field. @throws error for an unknown kind. */
mapping default_mapping(std::string_view kind);
/** The kinds, for messages. */
std::string kind_names();

std::unique_ptr<reader> make_reader(const read_options& opt);
std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt);

} // namespace interop::csv_mapped
