#pragma once
// A RapidJSON input stream over std::istream that counts lines and bytes and enforces a size cap.

#include <cassert>
#include <cstdint>
#include <istream>
#include <stdexcept>
#include <vector>

namespace interop::json::detail {

class input_too_large : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class counting_stream {
public:
    using Ch = char;
    counting_stream(std::istream& in, std::uint64_t max_bytes) : m_in(in), m_max(max_bytes), m_buffer(1 << 16) {}

    Ch Peek() {
        if (m_pos == m_end) fill();
        return m_pos == m_end ? '\0' : *m_pos;
    }
    Ch Take() {
        const Ch c = Peek();
        if (m_pos == m_end) return c;
        ++m_pos;
        ++m_count;
        if (c == '\n') {
            ++m_line;
            m_column = 0;
        } else {
            ++m_column;
        }
        return c;
    }
    std::size_t Tell() const { return static_cast<std::size_t>(m_count); }
    std::uint64_t line() const { return m_line; }
    std::uint64_t column() const { return m_column + 1; }

    // Output side of the stream concept; never used for input.
    Ch* PutBegin() { assert(false); return nullptr; }
    void Put(Ch) { assert(false); }
    void Flush() { assert(false); }
    std::size_t PutEnd(Ch*) { assert(false); return 0; }

private:
    void fill() {
        if (m_count >= m_max) throw input_too_large("input larger than " + std::to_string(m_max) + " bytes");
        m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
        m_pos = m_buffer.data();
        m_end = m_pos + m_in.gcount();
    }

    std::istream& m_in;
    std::uint64_t m_max;
    std::vector<char> m_buffer;
    const char* m_pos = nullptr;
    const char* m_end = nullptr;
    std::uint64_t m_count = 0;
    std::uint64_t m_line = 1;
    std::uint64_t m_column = 0;
};

} // namespace interop::json::detail
