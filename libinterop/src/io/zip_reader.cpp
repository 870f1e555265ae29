#include "zip_reader.hpp"

#include <interop/errors.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <fstream>
#include <streambuf>

namespace interop::io::detail {
namespace {

struct archive_closer {
    void operator()(archive* a) const { archive_read_free(a); }
};
using archive_ptr = std::unique_ptr<archive, archive_closer>;

archive_ptr open_archive(const std::filesystem::path& path) {
    archive_ptr a(archive_read_new());
    archive_read_support_format_zip(a.get());
    archive_read_support_filter_none(a.get());
    if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
        throw io_error(path.string() + ": cannot open zip archive: " + archive_error_string(a.get()));
    return a;
}

[[noreturn]] void archive_failure(const std::filesystem::path& path, archive* a) {
    const char* why = archive_error_string(a);
    throw io_error(path.string() + ": zip archive is damaged: " + (why ? why : "unknown error"));
}

/** Streams the data of the entry the archive is positioned on. */
class entry_buffer : public std::streambuf {
public:
    entry_buffer(archive_ptr a, std::filesystem::path path, std::string name, std::uint64_t max)
        : m_archive(std::move(a)), m_path(std::move(path)), m_name(std::move(name)), m_max(max), m_buffer(1 << 16) {}

protected:
    int_type underflow() override {
        const la_ssize_t n = archive_read_data(m_archive.get(), m_buffer.data(), m_buffer.size());
        if (n < 0) archive_failure(m_path, m_archive.get());
        if (n == 0) return traits_type::eof();
        m_read += static_cast<std::uint64_t>(n);
        if (m_read > m_max)
            throw io_error(m_path.string() + "!" + m_name + ": larger than " + std::to_string(m_max) + " bytes once unpacked");
        setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + n);
        return traits_type::to_int_type(m_buffer[0]);
    }

private:
    archive_ptr m_archive;
    std::filesystem::path m_path;
    std::string m_name;
    std::uint64_t m_max;
    std::uint64_t m_read = 0;
    std::vector<char> m_buffer;
};

class entry_stream : public std::istream {
public:
    explicit entry_stream(std::unique_ptr<entry_buffer> buf) : std::istream(buf.get()), m_buf(std::move(buf)) {
        exceptions(std::ios::badbit); // let io_error from the buffer through
    }

private:
    std::unique_ptr<entry_buffer> m_buf;
};

} // namespace

bool looks_like_zip(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    return in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' &&
           ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

std::vector<input::entry> list_zip(const std::filesystem::path& path, const input_limits& lim) {
    auto a = open_archive(path);
    std::vector<input::entry> entries;
    archive_entry* e = nullptr;
    int rc;
    while ((rc = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK) {
        if (archive_entry_filetype(e) != AE_IFREG) continue;
        if (entries.size() >= lim.max_entries)
            throw io_error(path.string() + ": more than " + std::to_string(lim.max_entries) + " files in the archive");
        entries.push_back({archive_entry_pathname(e), static_cast<std::uint64_t>(archive_entry_size(e))});
    }
    if (rc != ARCHIVE_EOF) archive_failure(path, a.get());
    return entries;
}

std::unique_ptr<std::istream> open_zip_entry(const std::filesystem::path& path, const std::string& name,
                                             std::uint64_t max_bytes) {
    auto a = open_archive(path);
    archive_entry* e = nullptr;
    int rc;
    while ((rc = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK) {
        if (name == archive_entry_pathname(e))
            return std::make_unique<entry_stream>(std::make_unique<entry_buffer>(std::move(a), path, name, max_bytes));
    }
    if (rc != ARCHIVE_EOF) archive_failure(path, a.get());
    throw io_error(path.string() + ": no entry named " + name);
}

} // namespace interop::io::detail
