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

output_folder::output_folder(fs::path path) : m_path(std::move(path)), m_partial(m_path.string() + ".partial") {
    std::error_code ec;
    fs::remove_all(m_partial, ec);
    if (!fs::create_directories(m_partial, ec) && ec) throw io_error(m_partial.string() + ": cannot create: " + ec.message());
}

output_folder::~output_folder() {
    if (m_committed) return;
    std::error_code ec;
    fs::remove_all(m_partial, ec);
}

void output_folder::write(const fs::path& relative, std::string_view content) {
    auto file = m_partial / relative;
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) throw io_error(file.string() + ": write failed");
}

void output_folder::commit() {
    auto old = fs::path(m_path.string() + ".previous");
    std::error_code ec;
    fs::remove_all(old, ec);
    if (fs::exists(m_path)) fs::rename(m_path, old, ec);
    if (ec) throw io_error(m_path.string() + ": cannot move aside: " + ec.message());
    fs::rename(m_partial, m_path, ec);
    if (ec) throw io_error(m_path.string() + ": cannot move into place: " + ec.message());
    m_committed = true;
    fs::remove_all(old, ec);
}

} // namespace interop::io
