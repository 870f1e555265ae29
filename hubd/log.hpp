#pragma once
/** @file Structured logs: one JSON object a line on stderr. */

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace hubd {

using log_fields = std::initializer_list<std::pair<std::string_view, std::string>>;

/** `{"time":…,"level":…,"event":…, fields…}`; thread-safe; never throws. */
void log_event(std::string_view level, std::string_view event, log_fields fields = {});
/** Silences logs below `warning` (tests). */
void set_quiet(bool quiet);

} // namespace hubd
