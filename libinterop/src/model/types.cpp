#include <interop/model/types.hpp>

#include <charconv>
#include <cstdio>

namespace interop::model {
namespace {

/** Reads exactly `width` digits at `pos`; -1 if they are not all digits. */
int digits(std::string_view s, std::size_t pos, std::size_t width) {
    if (pos + width > s.size()) return -1;
    int value = 0;
    auto [end, ec] = std::from_chars(s.data() + pos, s.data() + pos + width, value);
    if (ec != std::errc{} || end != s.data() + pos + width) return -1;
    return value;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

std::string two(int v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

} // namespace

std::optional<date> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    date d{digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)};
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month))
        return std::nullopt;
    return d;
}

std::string to_string(const date& d) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_since_epoch(const date& d) {
    const int y = d.month <= 2 ? d.year - 1 : d.year;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

date date_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const auto year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
    return {year, month, day};
}

int iso_weekday(const date& d) {
    const std::int64_t days = days_since_epoch(d); // 1970-01-01 was a Thursday
    return static_cast<int>(((days % 7) + 7 + 3) % 7) + 1;
}

date add_days(const date& d, std::int64_t n) { return date_from_days(days_since_epoch(d) + n); }

std::optional<time_of_day> parse_time_of_day(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    const int h = digits(s, 0, 2), m = digits(s, 3, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
    return time_of_day{h * 60 + m};
}

std::string to_string(const time_of_day& t) { return two(t.minutes / 60) + ":" + two(t.minutes % 60); }

std::optional<date_time> parse_date_time(std::string_view s) {
    if (s.size() < 19 || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') return std::nullopt;
    auto d = parse_date(s.substr(0, 10));
    const int h = digits(s, 11, 2), m = digits(s, 14, 2), sec = digits(s, 17, 2);
    if (!d || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) return std::nullopt;
    date_time t{*d, h * 3600 + m * 60 + sec, std::nullopt};
    std::string_view zone = s.substr(19);
    if (zone.empty()) return t;
    if (zone == "Z" || zone == "z") {
        t.utc_offset_minutes = 0;
        return t;
    }
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
    const int oh = digits(zone, 1, 2), om = digits(zone, 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return std::nullopt;
    t.utc_offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
    return t;
}

std::string to_string(const date_time& t) {
    std::string out = to_string(t.day) + "T" + two(t.seconds / 3600) + ":" + two(t.seconds / 60 % 60) + ":" +
                      two(t.seconds % 60);
    if (!t.utc_offset_minutes) return out;
    const int off = *t.utc_offset_minutes;
    if (off == 0) return out + "Z";
    const int a = off < 0 ? -off : off;
    return out + (off < 0 ? "-" : "+") + two(a / 60) + ":" + two(a % 60);
}

std::int64_t epoch_seconds(const date_time& t) {
    return days_since_epoch(t.day) * 86400 + t.seconds - 60LL * t.utc_offset_minutes.value_or(0);
}

} // namespace interop::model
