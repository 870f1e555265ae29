// aSc Timetables XML, read and written.

#include "../common/course_losses.hpp"
#include "asc_format.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

namespace interop {
namespace {

confidence identify_asc(const io::input& in) {
    if (in.entries().size() != 1) return confidence::no;
    auto head = in.head(in.entries().front(), 2048);
    if (head.find("<timetable") == std::string::npos) return confidence::no;
    return head.find("aSc Timetables") != std::string::npos || head.find("ascttversion") != std::string::npos ? confidence::yes
                                                                                                           : confidence::unsure;
}

} // namespace

void register_asc(registry& r) {
    r.add({.name = asc::format_name,
           .title = "aSc Timetables XML",
           .domains = {"timetable", "groups", "people"},
           .extensions = {"xml"},
           .media_type = "application/xml",
           .identify = identify_asc,
           .make_reader = asc::make_reader,
           .make_writer = asc::make_writer,
           .writes = {"academic_year", "time_grid", "week_pattern", "course", "subject", "staff", "room", "class", "group"},
           // What the format holds of the people and structures it carries (a code that is not the id: loss.FORMAT.code).
           .fields_written = {{"staff", {"last_name", "first_name", "email"}},
                              {"class", {"code", "label"}},
                              {"group", {"code", "classes"}},
                              {"subject", {"short_label", "long_label"}},
                              {"room", {"code", "name", "capacity"}},
                              // a course is written whole but for its ids (parts: loss.FORMAT.rooms, …); a time grid is rewritten as the format's periods
                              {"course", course_losses::course_fields},
                              {"time_grid", {}}},
           .one_school = true});
}

} // namespace interop
