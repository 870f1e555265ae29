// LSU's averages and ids, both ways.

#include "lsu_format.hpp"

#include <interop/adapter/support.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace interop::lsu {
namespace {

std::optional<double> number(std::string_view text) {
    std::string t = adapter_support::trimmed(text);
    for (char& c : t)
        if (c == ',') c = '.';
    double value = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(value) || value < 0) return std::nullopt;
    return value;
}

} // namespace

std::optional<double> parse_average(std::string_view text) {
    const auto slash = text.find('/');
    const auto value = number(text.substr(0, slash));
    if (!value) return std::nullopt;
    if (slash == std::string_view::npos) return value;
    const auto scale = number(text.substr(slash + 1));
    if (!scale || *scale <= 0) return std::nullopt;
    return std::round(*value / *scale * 20 * 100) / 100;
}

std::string average_text(double value) {
    char out[32];
    std::snprintf(out, sizeof out, "%.2f", std::round(value * 100) / 100);
    std::string text = out;
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text + "/20";
}

std::string xml_id(std::string_view prefix, std::string_view id) {
    std::string out(prefix);
    for (char c : id) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        out.push_back(keep ? c : '_');
    }
    return out;
}

} // namespace interop::lsu
