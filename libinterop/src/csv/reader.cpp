#include <interop/csv/reader.hpp>
#include <interop/errors.hpp>

#include <algorithm>

namespace interop::csv {

std::string latin1_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (unsigned char c : bytes) {
        if (c < 0x80) out += static_cast<char>(c);
        else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        if (n == 2 && c < 0xC2) return false; // overlong
        i += n;
    }
    return true;
}

reader::reader(std::istream& in, std::string file, std::string format, options opt)
    : m_in(in), m_file(std::move(file)), m_format(std::move(format)), m_opt(opt) {}

int reader::get() {
    const int c = m_in.get();
    if (c == '\n') {
        ++m_line;
        m_column = 0;
    } else if (c != EOF) ++m_column;
    return c;
}

void reader::fail(const std::string& problem) const { throw parse_error({m_file, m_line, m_column}, m_format, problem); }

void reader::append(std::string& field, unsigned char c) {
    if (field.size() >= m_opt.max_field_bytes) fail("a field is longer than " + std::to_string(m_opt.max_field_bytes) + " bytes");
    field += static_cast<char>(c);
}

bool reader::next(std::vector<std::string>& row) {
    row.clear();
    if (!m_started) {
        m_started = true;
        if (m_in.peek() == 0xEF) { // UTF-8 byte order mark
            for (int i = 0; i < 3; ++i) get();
            m_column = 0;
        }
    }
    if (m_in.peek() == EOF) return false;
    m_row_line = m_line;
    std::string field;
    bool quoted = false, was_quoted = false;
    auto finish_field = [&] {
        if (row.size() >= m_opt.max_fields) fail("a row has more than " + std::to_string(m_opt.max_fields) + " fields");
        const bool ascii = std::all_of(field.begin(), field.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (ascii) row.push_back(std::move(field));
        else if (m_opt.encoding == encoding::latin1 || (m_opt.encoding == encoding::automatic && !valid_utf8(field))) row.push_back(latin1_to_utf8(field));
        else if (!valid_utf8(field)) fail("invalid UTF-8 in a field");
        else row.push_back(std::move(field));
        field.clear();
        was_quoted = false;
    };
    for (;;) {
        const int c = get();
        if (quoted) {
            if (c == EOF) fail("the file ends inside a quoted field");
            if (c == '"') {
                if (m_in.peek() == '"') append(field, static_cast<unsigned char>(get()));
                else quoted = false;
            } else append(field, static_cast<unsigned char>(c));
            continue;
        }
        if (c == EOF || c == '\n') {
            if (!field.empty() && field.back() == '\r' && !was_quoted) field.pop_back();
            finish_field();
            return true;
        }
        if (c == '\r' && m_in.peek() == '\n') continue;
        if (c == m_opt.separator) finish_field();
        else if (c == '"' && field.empty() && !was_quoted) quoted = was_quoted = true;
        else append(field, static_cast<unsigned char>(c));
    }
}

} // namespace interop::csv
