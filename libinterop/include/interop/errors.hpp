#pragma once
/** @file Typed errors. Each names the file, the position and the format. */

#include <cstdint>
#include <stdexcept>
#include <string>

namespace interop {

/** A place in an input: file, 1-based line and column (0 when unknown). */
struct position {
    std::string file;
    std::uint64_t line = 0;
    std::uint64_t column = 0;
    /** `file:line:column`, leaving out what is unknown. */
    std::string to_string() const;
};

/** Base of every error the library throws. */
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** The input could not be parsed as the given format. */
class parse_error : public error {
public:
    parse_error(position where, std::string format, const std::string& problem);
    const position& where() const { return m_where; }
    const std::string& format() const { return m_format; }

private:
    position m_where;
    std::string m_format;
};

/** The input was written for a canonical schema major version this library does not read. */
class schema_version_error : public parse_error {
public:
    using parse_error::parse_error;
};

/**
 * The input crossed one of the bounds a read is held to (records per file, time per file, …):
 * refused as a whole, never cut short in silence.
 */
class limit_error : public parse_error {
public:
    using parse_error::parse_error;
};

/** No registered adapter reads this input, or the named format does not exist or cannot do it. */
class unsupported_format_error : public error {
public:
    using error::error;
};

/** A file or folder could not be opened, read or written. */
class io_error : public error {
public:
    using error::error;
};

/** The output could not be written where asked: a folder holding other files, a path that cannot be made. */
class output_error : public io_error {
public:
    using io_error::io_error;
};

} // namespace interop
