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

namespace {

/** The characters of Windows-1252's bytes 0x80–0x9F (0 where the byte is unassigned). */
constexpr char32_t cp1252_high[32] = {0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
                                      0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

} // namespace

std::string windows1252_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (unsigned char c : bytes) {
        const char32_t high = c >= 0x80 && c < 0xA0 ? cp1252_high[c - 0x80] : 0;
        append_utf8(out, high ? high : c);
    }
    return out;
}

std::optional<std::string> utf8_to_8bit(std::string_view text, encoding target) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        if (i + n > text.size()) return std::nullopt;
        char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        i += n;
        std::optional<char> byte;
        if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF) || (target == encoding::latin1 && cp <= 0xFF)) byte = static_cast<char>(cp);
        else if (target == encoding::windows1252)
            for (int b = 0; b < 32; ++b)
                if (cp1252_high[b] == cp) byte = static_cast<char>(0x80 + b);
        if (!byte) return std::nullopt;
        out += *byte;
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
        else if (m_opt.encoding == encoding::windows1252) row.push_back(windows1252_to_utf8(field));
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
            m_row_ended = c == '\n';
            return true;
        }
        if (c == '\r' && m_in.peek() == '\n') continue;
        if (c == m_opt.separator) finish_field();
        else if (c == '"' && field.empty() && !was_quoted) quoted = was_quoted = true;
        else append(field, static_cast<unsigned char>(c));
    }
}

} // namespace interop::csv
