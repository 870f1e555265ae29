// FET timetabling: `.fet` read and written, `timetable.csv` read.

#include "../common/course_losses.hpp"
#include "fet_format.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

namespace interop {
namespace {

confidence identify_fet(const io::input& in) {
    if (in.entries().size() != 1) return confidence::no;
    auto head = in.head(in.entries().front(), 1024);
    return head.find("<fet version=") != std::string::npos || fet::timetable_csv_header(head) ? confidence::yes : confidence::no;
}

} // namespace

void register_fet(registry& r) {
    r.add({.name = fet::format_name,
           .title = "FET timetabling (.fet input or data and timetable; timetable.csv)",
           .domains = {"timetable", "groups", "people"},
           .extensions = {"fet", "csv"},
           .media_type = "application/xml",
           .identify = identify_fet,
           .make_reader = fet::make_reader,
           .make_writer = fet::make_writer,
           .writes = {"school", "academic_year", "time_grid", "week_pattern", "course", "subject", "staff", "class", "group", "room"},
           // What the format holds of the people and structures it carries (a code that is not the id: loss.FORMAT.code).
           .fields_written = {{"school", {"uai", "name", "time_zone"}},
                              {"staff", {"last_name", "first_name"}},
                              {"class", {"code"}},
                              {"group", {"code", "classes"}},
                              {"subject", {"long_label"}}, // named by its id: its code and short label are left out
                              {"room", {"building", "capacity"}},
                              // a course is written whole but for its ids (parts: loss.FORMAT.rooms, …); a time grid is rewritten as the format's periods
                              {"course", course_losses::course_fields},
                              {"time_grid", {}},
                              {"week_pattern", {"code", "weeks"}}},
           .one_school = true});
}

} // namespace interop
