#include <interop/errors.hpp>
#include <interop/io/output.hpp>

#include <fstream>
#include <iostream>

namespace interop::io {

namespace fs = std::filesystem;

namespace {
/** std::cout without ownership. */
struct stdout_stream : std::ostream {
    stdout_stream() : std::ostream(std::cout.rdbuf()) {}
};
} // namespace

output_file::output_file(const fs::path& path) : m_path(path) {
    if (path == "-") {
        m_file = std::make_unique<stdout_stream>();
        return;
    }
    m_temp = path;
    m_temp += ".partial";
    auto file = std::make_unique<std::ofstream>(m_temp, std::ios::binary | std::ios::trunc);
    if (!*file) throw io_error(path.string() + ": cannot open for writing");
    m_file = std::move(file);
}

output_file::~output_file() {
    if (m_committed || m_temp.empty()) return;
    m_file.reset();
    std::error_code ec;
    fs::remove(m_temp, ec);
}

std::ostream& output_file::stream() { return *m_file; }

void output_file::commit() {
    m_file->flush();
    if (!*m_file) throw io_error(m_path.string() + ": write failed");
    m_committed = true;
    if (m_temp.empty()) return;
    m_file.reset();
    std::error_code ec;
    fs::rename(m_temp, m_path, ec);
    if (ec) throw io_error(m_path.string() + ": cannot move into place: " + ec.message());
}

} // namespace interop::io
