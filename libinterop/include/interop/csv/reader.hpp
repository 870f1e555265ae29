#pragma once
/**
 * @file A streaming CSV reader for the exports schools really get: `;` or `,` separated,
 * quoted fields with doubled quotes, LF or CRLF, UTF-8 (with or without BOM) or ISO-8859-1,
 * bounded field and row sizes. One row at a time.
 */

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace interop::csv {

enum class encoding {
    automatic, ///< UTF-8 when the bytes are valid UTF-8, else ISO-8859-1
    utf8,
    latin1,
    windows1252 ///< what spreadsheets save in France: ISO-8859-1 plus €, ’, œ, … in 0x80–0x9F
};

struct options {
    char separator = ';';
    csv::encoding encoding = encoding::automatic;
    std::size_t max_field_bytes = 1U << 20;
    std::size_t max_fields = 4096;
};

class reader {
public:
    /** `file` and `format` name the input in errors. */
    reader(std::istream& in, std::string file, std::string format, options opt = {});

    /**
     * The next row, fields converted to UTF-8; false at the end. A blank line is a row of one
     * empty field.
     * @throws parse_error naming file, line and column: an unterminated quote, a field or row
     *         over its bound, invalid UTF-8 when UTF-8 was asked for.
     */
    bool next(std::vector<std::string>& row);
    /** Line where the row last returned starts (1-based). */
    std::uint64_t line() const { return m_row_line; }
    /** Whether the row last returned ended with a line break (false: the file ended in it, maybe cut short). */
    bool row_ended() const { return m_row_ended; }
    const std::string& file() const { return m_file; }

private:
    int get();
    void fail(const std::string& problem) const;
    void append(std::string& field, unsigned char c);

    std::istream& m_in;
    std::string m_file, m_format;
    options m_opt;
    std::uint64_t m_line = 1, m_column = 0, m_row_line = 1;
    bool m_started = false, m_row_ended = false;
};

/** Converts ISO-8859-1 bytes to UTF-8. */
std::string latin1_to_utf8(std::string_view bytes);
/** Converts Windows-1252 bytes to UTF-8 (the five unassigned bytes as U+0081…, like browsers). */
std::string windows1252_to_utf8(std::string_view bytes);
/** UTF-8 text in ISO-8859-1 or Windows-1252 bytes; nullopt when a character has no byte there. */
std::optional<std::string> utf8_to_8bit(std::string_view text, encoding target);
/** Whether the bytes are valid UTF-8. */
bool valid_utf8(std::string_view bytes);

} // namespace interop::csv
