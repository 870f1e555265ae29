#pragma once
/** @file CSV lines as RFC 4180 writes them: cells quoted only when they must be. */

#include <string>
#include <string_view>
#include <vector>

namespace interop::csv {

/** The cell as written: in double quotes (doubled inside) when it holds the separator, a quote or a line break. */
std::string quoted(std::string_view cell, char separator);

/** One line: cells quoted as needed, joined by the separator, ended by CRLF. */
std::string line(const std::vector<std::string>& cells, char separator);

} // namespace interop::csv
