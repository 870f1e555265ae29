#pragma once
// Dates, times and numbers as a spreadsheet writes them, by the patterns a mapping declares:
// YYYY, YY, MM, DD, HH, mm, ss and literal characters (`DD/MM/YYYY`, `HH:mm`, `YYYYMMDD`).

#include <interop/model/types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace interop::csv_mapped {

/** The date and seconds after midnight `text` gives by `pattern`; parts the pattern lacks stay 0 / 1970-01-01. */
struct moment {
    model::date day;
    int seconds = 0;
};
std::optional<moment> parse_moment(std::string_view text, std::string_view pattern);
std::string format_moment(const moment& m, std::string_view pattern);

/** A number with `decimal` as its decimal separator (`12,5`); spaces (thousands) ignored. */
std::optional<double> parse_number(std::string_view text, char decimal);
std::string format_number(double value, char decimal);

} // namespace interop::csv_mapped
