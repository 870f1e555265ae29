#pragma once
/**
 * @file
 * Value types shared by every record kind: calendar dates, times of day, instants,
 * external identifiers, provenance, and the enum name tables the codecs use.
 */

#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interop::model {

/** A calendar date (proleptic Gregorian), written `YYYY-MM-DD`. */
struct date {
    int year = 1970;
    int month = 1;
    int day = 1;
    auto operator<=>(const date&) const = default;
};

/** Parses `YYYY-MM-DD`; nullopt unless it is a real calendar date. */
std::optional<date> parse_date(std::string_view text);
std::string to_string(const date& d);
/** Days since 1970-01-01. */
std::int64_t days_since_epoch(const date& d);
date date_from_days(std::int64_t days);
/** ISO weekday: 1 = Monday … 7 = Sunday. */
int iso_weekday(const date& d);
date add_days(const date& d, std::int64_t days);

/** A time of day in minutes after midnight, written `HH:MM`. */
struct time_of_day {
    int minutes = 0;
    auto operator<=>(const time_of_day&) const = default;
};

std::optional<time_of_day> parse_time_of_day(std::string_view text);
std::string to_string(const time_of_day& t);

/**
 * An instant written in RFC 3339 (`2025-09-01T08:00:00+02:00`). Without an offset it is
 * the school's local time, and compares as if it were UTC.
 */
struct date_time {
    date day;
    int seconds = 0; ///< seconds after midnight, 0..86399
    std::optional<int> utc_offset_minutes;
    bool operator==(const date_time&) const = default;
};

std::optional<date_time> parse_date_time(std::string_view text);
std::string to_string(const date_time& t);
/** Seconds since the epoch, UTC when an offset is known. */
std::int64_t epoch_seconds(const date_time& t);
inline bool before(const date_time& a, const date_time& b) { return epoch_seconds(a) < epoch_seconds(b); }

/** An identifier the record has in another system (aaf, siecle, sts, edt, oneroster, …). */
struct external_id {
    std::string system;
    std::string id;
    auto operator<=>(const external_id&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        v("system", s.system, "System that issued the identifier (aaf, siecle, sts, edt, udt, oneroster, …).");
        v("id", s.id, "The identifier in that system, verbatim.");
    }
};

/** Vendor data kept verbatim where the model has no field for it. */
using extensions = std::map<std::string, std::string>;

/** Where a record was read from. Not part of a record's content for diffs. */
struct provenance {
    std::string format;
    std::string file;
    std::uint64_t line = 0;
    bool operator==(const provenance&) const = default;
    bool empty() const { return format.empty() && file.empty() && line == 0; }

    template <class S, class V> static void fields(S& s, V& v) {
        v("format", s.format, "Name of the adapter that read it.");
        v("file", s.file, "File it was read from.");
        v("line", s.line, "Line where the record starts, 0 when unknown.");
    }
};

/**
 * Each enum used in the model specialises this with its JSON names, in declaration order.
 */
template <class E> struct enum_names;

template <class E>
concept model_enum = requires { enum_names<E>::values; };

template <model_enum E> std::string_view to_string(E e) {
    return enum_names<E>::values[static_cast<std::size_t>(e)];
}

template <model_enum E> std::optional<E> parse_enum(std::string_view text) {
    const auto& names = enum_names<E>::values;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == text) return static_cast<E>(i);
    return std::nullopt;
}

/**
 * Inclusive bounds of a whole-number field, or of each number of a list field. A `fields` list
 * gives them as a fourth argument; the JSON reader, the JSON Schemas, the model reference and
 * `validate` all check against that one statement, and writers test what they index with it.
 */
struct bounds {
    int min;
    int max;
    constexpr bool admits(int v) const { return v >= min && v <= max; }
};
/** ISO weekdays: 1 Monday … 7 Sunday. */
inline constexpr bounds weekday_bounds{1, 7};
/** A length within one day, in minutes. */
inline constexpr bounds minutes_in_day_bounds{1, 24 * 60};
/** A dated session's length: from an instant (an event with a start and no end) to a day. */
inline constexpr bounds session_minutes_bounds{0, 24 * 60};
/** A rank within a day or a year (a slot, a period). */
inline constexpr bounds rank_bounds{1, 99};
/** The four levels of the socle commun and of positions on learning objectives. */
inline constexpr bounds four_levels_bounds{1, 4};

/** Accepts any field; used only to detect types that describe their fields. */
struct field_probe {
    template <class... A> void operator()(A&&...) const {}
};

/** A struct that lists its fields through `fields(self, visitor)`. */
template <class T>
concept has_fields = requires(T& t, field_probe& p) { T::fields(t, p); };

} // namespace interop::model
