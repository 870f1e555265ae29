// STS-Web `emp` timetable upload, read and written.

#include "../common/course_losses.hpp"
#include "sts_emp_format.hpp"

#include "../common/percent_codec.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

namespace interop {

std::string sts_emp::encode_id(std::string_view id) { return percent_codec::encode(id, "_."); }

std::string sts_emp::decode_id(std::string_view text) { return percent_codec::decode(text); }

namespace {

confidence identify_sts_emp(const io::input& in) {
    if (in.entries().size() != 1) return confidence::no;
    const auto head = adapter_support::xml_root_head(in, in.entries().front(), 64);
    return head.starts_with("<EDT_STS") && (head.size() == 8 || std::string_view(" \t\r\n>/").find(head[8]) != std::string_view::npos) ? confidence::yes
                                                                                                                    : confidence::no;
}

} // namespace

void register_sts_emp(registry& r) {
    r.add({.name = sts_emp::format_name,
           .title = "STS-Web emp timetable upload (EDT_STS)",
           .domains = {"timetable", "groups"},
           .extensions = {"xml"},
           .media_type = "application/xml",
           .identify = identify_sts_emp,
           .make_reader = sts_emp::make_reader,
           .make_writer = sts_emp::make_writer,
           .writes = {"school", "academic_year", "week_pattern", "course", "room", "class", "group", "staff", "subject"},
           // What the format holds of the people and structures it carries (a code that is not the id: loss.FORMAT.code).
           .fields_written = {{"school", {"uai", "time_zone"}},
                              {"staff", {}},
                              {"class", {"code"}},
                              {"group", {"code", "classes", "label"}},
                              {"subject", {}},
                              {"room", {}},
                              // a course is written whole but for its ids (parts: loss.FORMAT.rooms, …); a time grid is rewritten as the format's periods
                              {"course", course_losses::course_fields},
                              {"week_pattern", {"label", "weeks"}}},
           .one_school = true});
}

} // namespace interop
