// RFC 822 dates (RSS 2.0's pubDate), as written in the wild: day name optional, two-digit
// years, seconds optional, numeric offsets or the zone names RFC 822 lists.

#include "feed_format.hpp"

#include <interop/adapter/support.hpp>

#include <array>
#include <cstdio>
#include <sstream>

namespace interop::feed {
namespace {

constexpr std::array<std::string_view, 12> months{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> days{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::optional<int> zone_offset(const std::string& zone) {
    if (zone == "GMT" || zone == "UT" || zone == "UTC" || zone == "Z") return 0;
    if (zone == "EST") return -5 * 60;
    if (zone == "EDT") return -4 * 60;
    if (zone == "CST") return -6 * 60;
    if (zone == "CDT") return -5 * 60;
    if (zone == "MST") return -7 * 60;
    if (zone == "MDT") return -6 * 60;
    if (zone == "PST") return -8 * 60;
    if (zone == "PDT") return -7 * 60;
    if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
        auto hhmm = adapter_support::small_number(zone.substr(1));
        if (!hhmm || *hhmm % 100 >= 60 || *hhmm / 100 > 23) return std::nullopt;
        return (zone[0] == '-' ? -1 : 1) * (*hhmm / 100 * 60 + *hhmm % 100);
    }
    return std::nullopt;
}

std::optional<int> month_of(std::string name) {
    name = adapter_support::lower_ascii(name.substr(0, 3));
    for (std::size_t i = 0; i < months.size(); ++i)
        if (months[i] == name) return static_cast<int>(i) + 1;
    return std::nullopt;
}

} // namespace

std::optional<model::date_time> parse_rfc822(std::string_view text) {
    std::string s(adapter_support::trimmed(text));
    if (auto comma = s.find(','); comma != std::string::npos) s = s.substr(comma + 1);
    std::istringstream in(s);
    std::string day, month, year, clock, zone;
    if (!(in >> day >> month >> year >> clock)) return std::nullopt;
    in >> zone;
    auto d = adapter_support::small_number(day);
    auto m = month_of(month);
    auto y = adapter_support::small_number(year);
    if (!d || !m || !y || (year.size() != 2 && year.size() != 4)) return std::nullopt;
    if (year.size() == 2) *y += *y < 50 ? 2000 : 1900;
    char date_text[16];
    std::snprintf(date_text, sizeof date_text, "%04d-%02d-%02d", *y % 10000, *m, *d % 100);
    auto date = model::parse_date(date_text);
    if (clock.size() == 5) clock += ":00";
    if (clock.size() != 8 || clock[5] != ':') return std::nullopt;
    auto time = model::parse_time_of_day(clock.substr(0, 5));
    auto seconds = adapter_support::small_number(clock.substr(6)).value_or(60);
    auto offset = zone_offset(zone.empty() ? "GMT" : zone);
    if (!date || !time || seconds > 59 || !offset) return std::nullopt;
    return model::date_time{*date, time->minutes * 60 + seconds, *offset};
}

std::string to_rfc822(const model::date_time& t) {
    static constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int offset = t.utc_offset_minutes.value_or(0);
    const int magnitude = offset < 0 ? -offset : offset;
    char text[48];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", days[static_cast<std::size_t>(model::iso_weekday(t.day) - 1)].data(),
                  t.day.day, names[static_cast<std::size_t>(t.day.month - 1)].data(), t.day.year, t.seconds / 3600, t.seconds / 60 % 60,
                  t.seconds % 60, offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
    return text;
}

} // namespace interop::feed
