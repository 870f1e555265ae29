// LSU `lsun-bilans` import XML: periodic report cards, written and read.

#include "lsu_format.hpp"

#include <interop/adapters.hpp>

namespace interop {
namespace {

confidence identify_lsu(const io::input& in) {
    if (in.entries().size() != 1) return confidence::no;
    const auto head = in.head(in.entries().front(), 8192);
    return head.find("<lsun-bilans") != std::string::npos && head.find(lsu::lsu_ns) != std::string::npos ? confidence::yes : confidence::no;
}

} // namespace

void register_lsu(registry& r) {
    r.add({.name = lsu::format_name,
           .title = "LSU (Livret Scolaire Unique) import XML, lsun-bilans 2.0: periodic report cards",
           .domains = {"school_life"},
           .extensions = {"xml"},
           .media_type = "application/xml",
           .identify = identify_lsu,
           .make_reader = lsu::make_reader,
           .make_writer = lsu::make_writer,
           .writes = {"report_card", "student", "staff", "subject", "period", "academic_year", "class", "membership", "teaching_assignment", "attendance_event"},
           // Folded into the report cards (a period's dates, a teacher's subjects, absences counted), not carried as records.
           .uses = {"period", "academic_year", "teaching_assignment", "attendance_event"}});
}

} // namespace interop
