#include "line_reader.hpp"

#include <algorithm>
#include <stdexcept>

namespace interop::json::detail {

bool line_reader::fill() {
    if (m_total >= m_max_total) throw std::length_error("input larger than " + std::to_string(m_max_total) + " bytes");
    m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_pos = 0;
    m_end = static_cast<std::size_t>(m_in.gcount());
    m_total += m_end;
    return m_end > 0;
}

bool line_reader::next(std::string& line) {
    line.clear();
    bool any = false;
    for (;;) {
        if (m_pos == m_end && !fill()) break;
        any = true;
        const char* begin = m_buffer.data() + m_pos;
        const char* end = m_buffer.data() + m_end;
        const char* nl = std::find(begin, end, '\n');
        line.append(begin, nl);
        if (line.size() > m_max_line)
            throw std::length_error("line " + std::to_string(m_line + 1) + " longer than " + std::to_string(m_max_line) + " bytes");
        m_pos = static_cast<std::size_t>(nl - m_buffer.data());
        if (nl != end) {
            ++m_pos;
            break;
        }
    }
    if (!any) return false;
    ++m_line;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

} // namespace interop::json::detail
