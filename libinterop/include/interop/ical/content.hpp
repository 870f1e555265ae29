#pragma once
/**
 * @file iCalendar (RFC 5545) content: lines unfolded, split into properties with their
 * parameters, nested into components. Knows nothing of what the properties mean; the
 * holiday import and the iCalendar adapter read meaning from it.
 */

#include <interop/model/types.hpp>

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace interop::ical {

struct parameter {
    std::string name; ///< upper case
    std::vector<std::string> values;
};

struct property {
    std::string name; ///< upper case
    std::vector<parameter> parameters;
    std::string value; ///< raw: text escapes left in place
    std::uint64_t line = 0;
    /** The first value of a parameter, nullptr when absent. */
    const std::string* parameter_value(std::string_view name) const;
};

struct component {
    std::string name; ///< upper case: VCALENDAR, VEVENT, VTIMEZONE, …
    std::vector<property> properties;
    std::vector<component> children;
    std::uint64_t line = 0;
    /** The first property of that name, nullptr when absent. */
    const property* find(std::string_view name) const;
};

struct limits {
    std::size_t max_line_bytes = 1U << 20;  ///< an unfolded content line
    std::size_t max_depth = 16;
    std::uint64_t max_properties = 10'000'000;
};

/**
 * Every top-level component of the stream (usually one VCALENDAR). Accepts CRLF or LF line
 * ends and a UTF-8 BOM; folded lines are joined.
 * @throws parse_error naming file, line and problem: a line that is not `name[;params]:value`,
 *         END without BEGIN or of another component, a component left open, a bound crossed.
 */
std::vector<component> parse(std::istream& in, const std::string& file, const limits& lim = {});

/** A TEXT value with `\\n`, `\\,`, `\\;` and `\\\\` resolved. */
std::string unescape_text(std::string_view value);
/** A TEXT value escaped for writing. */
std::string escape_text(std::string_view text);

/**
 * Appends one content line to `out`, folded so that no line exceeds 75 octets (a fold never
 * splits a UTF-8 sequence), ended by CRLF.
 */
void append_folded(std::string& out, std::string_view line);

/** A DATE (`YYYYMMDD`) or the date part of a DATE-TIME. */
std::optional<model::date> parse_date(std::string_view value);

/** A DATE-TIME `YYYYMMDDTHHMMSS[Z]`: local (or UTC when `utc`) date and seconds of day. */
struct date_time_value {
    model::date day;
    int seconds = 0;
    bool utc = false;
};
std::optional<date_time_value> parse_date_time(std::string_view value);

} // namespace interop::ical
