#pragma once
// The subcommands of `interop`. Each returns the process exit code.

#include <interop/adapter/registry.hpp>
#include <interop/calendar/school_holidays.hpp>
#include <interop/model/dataset.hpp>

#include <string>
#include <vector>

namespace interop::cli {

/** Documented exit codes. */
enum exit_code : int { ok = 0, invalid_data = 1, usage = 2, unreadable = 3, unwritable = 4 };

using args = std::vector<std::string>;

int formats_command(const registry& reg, const args& a);
int identify_command(const registry& reg, const args& a);
int convert_command(const registry& reg, const args& a);
int validate_command(const registry& reg, const args& a);
int inspect_command(const registry& reg, const args& a);
int diff_command(const registry& reg, const args& a);
int merge_command(const registry& reg, const args& a);
int policy_command(const registry& reg, const args& a);

/** The adapter of a format named on the command line; an unknown name is a usage error. */
const adapter_info& format_named(const registry& reg, const std::string& name);
/** Reads `path` with the named format, or the identified one, streaming into `sink`. */
void read_input(const registry& reg, const std::string& path, const std::optional<std::string>& from, io::record_sink& sink,
                diagnostics& diags, const read_options& opt = {});
/** Reads `path` whole. */
model::dataset read_dataset(const registry& reg, const std::string& path, const std::optional<std::string>& from,
                            diagnostics& diags, const read_options& opt = {});
class options;
/** The holidays the library ships, updated by `--holidays FILE`. */
calendar::holiday_table holiday_table_of(const options& o);
/** Reader options from `--school`, `--school-year`, `--key` and `--partner`. @throws usage_error on a malformed year. */
read_options reading_options(const options& o);
/** Prints diagnostics to stderr, one a line, and a note of those left out. */
void print_diagnostics(const diagnostics& diags);
/** Prints `text` and returns exit code 0, for --help. */
int help(const char* text);

} // namespace interop::cli
