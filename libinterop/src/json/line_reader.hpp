#pragma once
// Reads lines of bounded length from a stream, counting them.

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace interop::json::detail {

class line_reader {
public:
    line_reader(std::istream& in, std::size_t max_line, std::uint64_t max_total)
        : m_in(in), m_max_line(max_line), m_max_total(max_total), m_buffer(1 << 16) {}

    /** Next line without its end-of-line; false at the end. Throws std::length_error past a limit. */
    bool next(std::string& line);
    std::uint64_t line_number() const { return m_line; }

private:
    bool fill();

    std::istream& m_in;
    std::size_t m_max_line;
    std::uint64_t m_max_total;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    std::uint64_t m_total = 0;
    std::uint64_t m_line = 0;
};

} // namespace interop::json::detail
