#include "progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace interop::cli {

progress_sink::progress_sink(io::record_sink& next, std::string label)
    : m_next(next), m_label(std::move(label)), m_enabled(isatty(STDERR_FILENO) == 1), m_last(std::chrono::steady_clock::now()) {}

void progress_sink::on_record(model::any_record&& r) {
    ++m_count;
    m_next.on_record(std::move(r));
    if (!m_enabled || (m_count & 1023) != 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last < std::chrono::milliseconds(500)) return;
    m_last = now;
    std::fprintf(stderr, "\r%s: %zu records", m_label.c_str(), m_count);
}

void progress_sink::on_end() {
    m_next.on_end();
    if (m_enabled && m_count >= 1024) std::fprintf(stderr, "\r%s: %zu records, done\n", m_label.c_str(), m_count);
}

} // namespace interop::cli
