// Untis GPU exports, read and written.

#include "../common/course_losses.hpp"
#include "untis_format.hpp"

#include <interop/adapters.hpp>

namespace interop {
namespace {

confidence identify_untis(const io::input& in) {
    if (in.entries().empty() || in.entries().size() > 32) return confidence::no;
    return untis::gpu001_entry(in) ? confidence::yes : confidence::no;
}

} // namespace

void register_untis(registry& r) {
    r.add({.name = untis::format_name,
           .title = "Untis GPU export (GPU001 timetable with GPU002–006)",
           .domains = {"timetable", "groups", "people"},
           .extensions = {"txt", "csv"},
           .media_type = "text/csv",
           .identify = identify_untis,
           .make_reader = untis::make_reader,
           .make_writer = untis::make_writer,
           .writes = {"academic_year", "time_grid", "week_pattern", "course", "subject", "staff", "room", "class", "group"},
           // What the format holds of the people and structures it carries (a code that is not the id: loss.FORMAT.code).
           .fields_written = {{"staff", {"last_name", "first_name", "email"}},
                              {"class", {"code", "label"}},
                              {"group", {"code"}}, // its classes are those of its lessons
                              {"subject", {"long_label"}}, // named by its id: its code and short label are left out
                              {"room", {"name", "capacity"}},
                              // a course is written whole but for its ids (parts: loss.FORMAT.rooms, …); a time grid is rewritten as the format's periods
                              {"course", course_losses::course_fields},
                              {"time_grid", {}}},
           .one_school = true});
}

} // namespace interop
