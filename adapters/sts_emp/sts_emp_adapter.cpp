// STS-Web `emp` timetable upload, read and written.

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
    return in.head(in.entries().front(), 4096).find("<EDT_STS") != std::string::npos ? confidence::yes : confidence::no;
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
           .make_writer = sts_emp::make_writer});
}

} // namespace interop
