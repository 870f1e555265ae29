#pragma once
// A progress line on stderr for long runs, only when stderr is a terminal.

#include <interop/io/sink.hpp>

#include <chrono>

namespace interop::cli {

/** Forwards records to another sink, counting them and showing the count now and then. */
class progress_sink : public io::record_sink {
public:
    progress_sink(io::record_sink& next, std::string label);
    void on_metadata(const model::metadata& m) override { m_next.on_metadata(m); }
    void on_record(model::any_record&& r) override;
    void on_end() override;
    std::size_t count() const { return m_count; }

private:
    io::record_sink& m_next;
    std::string m_label;
    bool m_enabled;
    std::size_t m_count = 0;
    std::chrono::steady_clock::time_point m_last;
};

} // namespace interop::cli
