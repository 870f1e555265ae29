#include <interop/adapter/registry.hpp>
#include <interop/errors.hpp>

#include <chrono>
#include <cstdio>

namespace interop {
namespace {

std::string seconds_text(double s) {
    char out[32];
    std::snprintf(out, sizeof out, "%g", s);
    return out;
}

/** Passes records on, counting them and watching the clock; throws limit_error past a bound. */
class bounded_sink : public io::record_sink {
public:
    bounded_sink(io::record_sink& out, std::string file, std::string format, const read_options& opt)
        : m_out(out), m_file(std::move(file)), m_format(std::move(format)), m_max_records(opt.max_records),
          m_deadline(opt.max_seconds > 0 ? clock::now() + std::chrono::duration_cast<clock::duration>(
                                                               std::chrono::duration<double>(opt.max_seconds))
                                         : clock::time_point::max()),
          m_max_seconds(opt.max_seconds) {}

    void on_metadata(const model::metadata& m) override { m_out.on_metadata(m); }
    void on_record(model::any_record&& r) override {
        if (++m_count > m_max_records)
            fail("more than " + std::to_string(m_max_records) + " records: the file is refused (read_options::max_records)");
        if (clock::now() > m_deadline)
            fail("reading took longer than " + seconds_text(m_max_seconds) + " s: the file is refused (read_options::max_seconds)");
        m_out.on_record(std::move(r));
    }
    void on_end() override { m_out.on_end(); }

private:
    using clock = std::chrono::steady_clock;
    [[noreturn]] void fail(const std::string& problem) const {
        throw limit_error({m_file, 0, 0}, m_format, "record " + std::to_string(m_count) + ": " + problem);
    }

    io::record_sink& m_out;
    std::string m_file, m_format;
    std::uint64_t m_max_records;
    clock::time_point m_deadline;
    double m_max_seconds;
    std::uint64_t m_count = 0;
};

} // namespace

void read_bounded(const adapter_info& adapter, const io::input& in, io::record_sink& sink, diagnostics& diags,
                  const read_options& opt) {
    if (!adapter.can_read()) throw unsupported_format_error("format " + adapter.name + " cannot be read");
    bounded_sink bounded(sink, in.name(), adapter.name, opt);
    adapter.make_reader(opt)->read(in, bounded, diags);
}

} // namespace interop
