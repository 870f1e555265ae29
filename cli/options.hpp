#pragma once
// Command-line parsing: positional arguments and `--flag` / `--option VALUE`.

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace interop::cli {

/** A usage mistake: exit code 2. */
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class options {
public:
    /**
     * Parses `words`; `flags` take no value, `valued` take one. Anything else starting with
     * `--` is a usage error.
     */
    options(const std::vector<std::string>& words, std::set<std::string> flags, std::set<std::string> valued);

    bool flag(const std::string& name) const { return m_flags.contains(name); }
    std::optional<std::string> value(const std::string& name) const;
    const std::vector<std::string>& positional() const { return m_positional; }
    /** Exactly `n` positional arguments, or a usage error naming `usage`. */
    void expect_positional(std::size_t n, const std::string& usage) const;

private:
    std::set<std::string> m_flags;
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_positional;
};

} // namespace interop::cli
