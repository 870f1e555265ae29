#pragma once
// STS-Web `emp_<UAI>_<year>.xml` (root `EDT_STS`): the timetable a timetable product uploads
// to STS-Web. Week alternations with their weeks, rooms, and for each division and group its
// services (subject × teaching mode) whose teachers carry the courses: day, start `HHMM`,
// duration `HHMM`, room, alternation.

#include <interop/adapter/registry.hpp>

namespace interop::sts_emp {

inline constexpr const char* format_name = "sts-emp";
/** The alternation our writer gives courses of every week; read as every week. */
inline constexpr const char* every_week_code = "H";
/** Our writer's comment before the root: `interop:year=<first>/<last> interop:courses=<id of each COURS in order>`. */
inline constexpr const char* year_key = "interop:year=";
inline constexpr const char* courses_key = "interop:courses=";

std::unique_ptr<reader> make_reader(const read_options& opt);
std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt);

/** An id fit for a space-separated list in an XML comment: bytes other than letters, digits, `_` and `.` as `%XX`. */
std::string encode_id(std::string_view id);
std::string decode_id(std::string_view text);

} // namespace interop::sts_emp
