#include "options.hpp"

namespace interop::cli {

options::options(const std::vector<std::string>& words, std::set<std::string> flags, std::set<std::string> valued) {
    flags.insert("--help");
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& a = words[i];
        if (a == "-" || !a.starts_with("--")) {
            m_positional.push_back(a);
        } else if (flags.contains(a)) {
            m_flags.insert(a);
        } else if (valued.contains(a)) {
            if (i + 1 >= words.size()) throw usage_error(a + " needs a value");
            m_values[a] = words[++i];
        } else {
            throw usage_error("unknown option " + a);
        }
    }
}

std::optional<std::string> options::value(const std::string& name) const {
    auto it = m_values.find(name);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

void options::expect_positional(std::size_t n, const std::string& usage) const {
    if (m_positional.size() != n) throw usage_error("usage: " + usage);
}

} // namespace interop::cli
