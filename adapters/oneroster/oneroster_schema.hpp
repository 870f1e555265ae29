#pragma once
// The OneRoster CSV binding as tables: each file's columns in the order the 1.2 binding writes
// them, the header spellings real packages use instead (1.1 names, typos), and the manifest.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace interop::oneroster {

inline constexpr const char* format_name = "oneroster";

/** One CSV file of the binding. */
struct file_spec {
    std::string_view name;                       ///< `users`: the file is `users.csv`, the manifest line `file.users`
    std::span<const std::string_view> columns;   ///< as 1.2 writes them
    bool has_status = true;                      ///< link files (lineItemScoreScales, …) carry no sourcedId/status
};

/** Every file of the binding, in the order they are written. */
std::span<const file_spec> files();
/** The file of that name (case-insensitive), or nullptr. */
const file_spec* find_file(std::string_view name);

/**
 * The 1.2 name of a header cell as packages spell it: exact names pass, other cases and known
 * variants (1.1 names such as `orgSourcedIds` are kept as they are: the reader knows them) are
 * brought to the 1.2 name. `renamed` is set when the spelling was not the standard one.
 */
std::string canonical_column(const file_spec& f, std::string_view header, bool& renamed);

/** The model kinds a file of the binding holds (empty for files that hold none of their own: roles, demographics, link files). */
std::vector<std::string_view> kinds_of_file(std::string_view file);

/** `metadata.interop.` columns: what our own packages carry for an exact read back. */
inline constexpr std::string_view our_metadata = "metadata.interop.";
/** our_metadata as a string, for concatenation. */
inline const std::string meta{our_metadata};
/** The `userIds` type under which a pupil's INE (identifiant national élève) travels: `{INE:1234567890A}`. */
inline constexpr std::string_view ine_user_id = "INE";

} // namespace interop::oneroster
