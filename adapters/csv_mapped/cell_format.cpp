#include "cell_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace interop::csv_mapped {
namespace {

struct token {
    std::string_view name;
    std::size_t min_digits, max_digits;
};
constexpr token tokens[] = {{"YYYY", 4, 4}, {"YY", 2, 2}, {"MM", 1, 2}, {"DD", 1, 2}, {"HH", 1, 2}, {"mm", 1, 2}, {"ss", 1, 2}};

const token* token_at(std::string_view pattern, std::size_t i) {
    for (const auto& t : tokens)
        if (pattern.substr(i, t.name.size()) == t.name) return &t;
    return nullptr;
}

} // namespace

std::optional<moment> parse_moment(std::string_view text, std::string_view pattern) {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    std::size_t at = 0;
    for (std::size_t i = 0; i < pattern.size();) {
        const auto* t = token_at(pattern, i);
        if (!t) {
            if (at >= text.size() || text[at] != pattern[i]) return std::nullopt;
            ++at, ++i;
            continue;
        }
        std::size_t digits = 0;
        while (at + digits < text.size() && digits < t->max_digits && text[at + digits] >= '0' && text[at + digits] <= '9') ++digits;
        if (digits < t->min_digits) return std::nullopt;
        int value = 0;
        std::from_chars(text.data() + at, text.data() + at + digits, value);
        at += digits;
        i += t->name.size();
        if (t->name == "YYYY") year = value;
        else if (t->name == "YY") year = 2000 + value;
        else if (t->name == "MM") month = value;
        else if (t->name == "DD") day = value;
        else if (t->name == "HH") hour = value;
        else if (t->name == "mm") minute = value;
        else second = value;
    }
    if (at != text.size() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
    const auto d = model::parse_date(iso);
    if (!d) return std::nullopt;
    return moment{*d, hour * 3600 + minute * 60 + second};
}

std::string format_moment(const moment& m, std::string_view pattern) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size();) {
        const auto* t = token_at(pattern, i);
        if (!t) {
            out += pattern[i++];
            continue;
        }
        const int value = t->name == "YYYY" ? m.day.year : t->name == "YY" ? m.day.year % 100 : t->name == "MM" ? m.day.month : t->name == "DD" ? m.day.day
                        : t->name == "HH" ? m.seconds / 3600 : t->name == "mm" ? m.seconds / 60 % 60 : m.seconds % 60;
        char part[8];
        std::snprintf(part, sizeof part, t->name == "YYYY" ? "%04d" : "%02d", value);
        out += part;
        i += t->name.size();
    }
    return out;
}

std::optional<double> parse_number(std::string_view text, char decimal) {
    std::string t;
    for (char c : text) {
        if (c == ' ') continue;
        t += c == decimal ? '.' : c == '.' ? ',' : c; // a '.' in a ','-decimal file is not a decimal point
    }
    double value = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::string format_number(double value, char decimal) {
    char out[64];
    std::snprintf(out, sizeof out, "%.15g", value);
    std::string text = out;
    for (char& c : text)
        if (c == '.') c = decimal;
    return text;
}

} // namespace interop::csv_mapped
