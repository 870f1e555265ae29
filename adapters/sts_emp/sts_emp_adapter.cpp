// STS-Web `emp` timetable upload, read and written.

#include "sts_emp_format.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

#include <cctype>

namespace interop {

std::string sts_emp::encode_id(std::string_view id) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : id) {
        if (std::isalnum(c) || c == '_' || c == '.') out.push_back(static_cast<char>(c));
        else out += {'%', hex[c >> 4], hex[c & 15]};
    }
    return out;
}

std::string sts_emp::decode_id(std::string_view text) {
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::toupper(static_cast<unsigned char>(c)) - 'A' + 10; };
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) && std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out.push_back(static_cast<char>(digit(text[i + 1]) * 16 + digit(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

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
