// Untis GPU exports, read and written.

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
           .one_school = true});
}

} // namespace interop
