#include <interop/diagnostics.hpp>
#include <interop/errors.hpp>

namespace interop {

std::string position::to_string() const {
    std::string out = file.empty() ? "<input>" : file;
    if (line > 0) out += ":" + std::to_string(line);
    if (line > 0 && column > 0) out += ":" + std::to_string(column);
    return out;
}

parse_error::parse_error(position where, std::string format, const std::string& problem)
    : error(where.to_string() + ": " + format + ": " + problem), m_where(std::move(where)), m_format(std::move(format)) {}

std::string_view to_string(severity s) {
    switch (s) {
    case severity::info: return "info";
    case severity::warning: return "warning";
    case severity::error: return "error";
    }
    return "?";
}

std::string diagnostic::to_string() const {
    std::string out;
    if (!where.file.empty() || where.line > 0) out = where.to_string() + ": ";
    out += std::string(interop::to_string(severity)) + ": [" + code + "] ";
    if (!record.empty()) out += record + ": ";
    return out + message;
}

void diagnostics::add(diagnostic d) {
    ++m_counts[static_cast<int>(d.severity)];
    if (m_items.size() >= m_limit) {
        ++m_dropped;
        return;
    }
    m_items.push_back(std::move(d));
}

void diagnostics::add(severity s, std::string code, std::string record, std::string message, position where) {
    add(diagnostic{s, std::move(code), std::move(record), std::move(message), std::move(where)});
}

void diagnostics::promote_warnings() {
    for (auto& item : m_items)
        if (item.severity == severity::warning) item.severity = severity::error;
    m_counts[static_cast<int>(severity::error)] += m_counts[static_cast<int>(severity::warning)];
    m_counts[static_cast<int>(severity::warning)] = 0;
}

std::size_t diagnostics::count(severity s) const { return m_counts[static_cast<int>(s)]; }

} // namespace interop
