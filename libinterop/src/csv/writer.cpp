#include <interop/csv/writer.hpp>

namespace interop::csv {

std::string quoted(std::string_view cell, char separator) {
    if (cell.find_first_of(std::string("\"\r\n") + separator) == std::string_view::npos) return std::string(cell);
    std::string out = "\"";
    for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string line(const std::vector<std::string>& cells, char separator) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += separator;
        out += quoted(cells[i], separator);
    }
    return out + "\r\n";
}

} // namespace interop::csv
