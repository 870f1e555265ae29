#pragma once
// What the iCalendar reader gets from an event's text: lists, durations, and who and where as
// SUMMARY, LOCATION and `Key : value` lines of DESCRIPTION say it (Pronote's and our writer's).

#include <interop/ical/content.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace interop::ical_adapter {

/** Who and where of an event. */
struct people_and_places {
    std::string subject;
    std::vector<std::string> teachers, classes, groups, rooms;
    std::optional<std::string> reason;
};

/** `a, b` or `a,b` → {a, b}; escaped commas (`\,`) stay inside a value; TEXT escapes resolved when `text`. */
std::vector<std::string> split_list(std::string_view raw, bool text);

/** A DURATION value (`PT1H30M`, `P1D`, `-PT15M`) in seconds. */
std::optional<std::int64_t> duration_seconds(std::string_view v);

/** `Key : value` lines of a description, keys in lower case. */
std::vector<std::pair<std::string, std::string>> description_lines(const std::string& text);

/** What the text says: SUMMARY the subject, LOCATION the rooms, `Key : value` lines of DESCRIPTION. */
people_and_places labels_of(const ical::component& e);

/** `<id>.<school>@interop-hub` (our writer's UIDs) → id and school. */
std::optional<std::pair<std::string, std::string>> our_uid(const std::string& uid);

} // namespace interop::ical_adapter
