#pragma once
// Untis GPU exports: text files without header (`GPU001` the timetable, `GPU002` lessons,
// `GPU003`–`GPU006` classes, teachers, rooms, subjects), `;` `,` or tab separated, strings in
// double quotes, UTF-8 or ISO-8859-1. Our writer adds `interop.txt` for what GPU files have no
// place for (school, school year, the periods' times, week cycles, course ids).

#include <interop/adapter/registry.hpp>

namespace interop::untis {

inline constexpr const char* format_name = "untis";
inline constexpr const char* our_file = "interop.txt";

std::unique_ptr<reader> make_reader(const read_options& opt);
std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt);

/** The GPU001 entry of an input (found by its content), or null. */
const io::input::entry* gpu001_entry(const io::input& in);

/** Periods of a day GPU001 numbers (a bound on what is read; courses past it are not written). */
inline constexpr int max_periods = 60;

// GPU002 fields (0-based) the adapter reads and writes.
namespace gpu002 {
inline constexpr std::size_t lesson = 0, hours = 1, class_ = 4, teacher = 5, subject = 6, room = 7, week_type = 11, from = 14, until = 15,
                             student_group = 41, fields = 46;
}

} // namespace interop::untis
