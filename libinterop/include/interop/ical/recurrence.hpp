#pragma once
/**
 * @file iCalendar recurrence rules (RFC 5545 §3.3.10), the part calendars published for
 * schools use: FREQ DAILY, WEEKLY, MONTHLY or YEARLY with INTERVAL, COUNT, UNTIL, and BYDAY
 * on weekly rules. Occurrences are days (the event keeps its wall-clock start), bounded.
 */

#include <interop/model/types.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interop::ical {

enum class frequency { daily, weekly, monthly, yearly };

struct recurrence_rule {
    frequency freq = frequency::weekly;
    int interval = 1;
    std::optional<std::size_t> count;
    std::optional<std::string> until; ///< raw DATE or DATE-TIME value
    std::vector<int> by_day;          ///< ISO weekdays of a weekly rule
    int week_start = 1;               ///< WKST as an ISO weekday: where a weekly rule's weeks begin
    std::vector<std::string> ignored; ///< parts not understood (BYMONTH, BYSETPOS, …)
};

/** Parses an RRULE value; nullopt with `problem` set when FREQ is missing or a part is malformed. */
std::optional<recurrence_rule> parse_rule(std::string_view value, std::string& problem);

/**
 * The days a rule gives from `first` (DTSTART's day, always the first occurrence), in order:
 * at most `count` of them, none after `last`, none for which `past_until` says the occurrence
 * is after UNTIL, and at most `max` in all.
 */
std::vector<model::date> occurrence_days(const recurrence_rule& rule, model::date first, model::date last,
                                         const std::function<bool(model::date)>& past_until, std::size_t max);

} // namespace interop::ical
