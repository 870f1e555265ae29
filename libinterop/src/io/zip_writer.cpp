// Zip archives written through libarchive (already used to read them).

#include <interop/errors.hpp>
#include <interop/io/output.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace interop::io {
namespace {

struct archive_closer {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct entry_closer {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

[[noreturn]] void zip_failure(const std::filesystem::path& path, archive* a) {
    const char* why = archive_error_string(a);
    throw io_error(path.string() + ": cannot write zip archive: " + (why ? why : "unknown error"));
}

} // namespace

void write_zip(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& files) {
    auto temp = path;
    temp += ".partial";
    {
        std::unique_ptr<archive, archive_closer> a(archive_write_new());
        archive_write_set_format_zip(a.get());
        if (archive_write_open_filename(a.get(), temp.c_str()) != ARCHIVE_OK) zip_failure(path, a.get());
        for (const auto& [name, bytes] : files) {
            std::unique_ptr<archive_entry, entry_closer> e(archive_entry_new());
            archive_entry_set_pathname(e.get(), name.c_str());
            archive_entry_set_size(e.get(), static_cast<la_int64_t>(bytes.size()));
            archive_entry_set_filetype(e.get(), AE_IFREG);
            archive_entry_set_perm(e.get(), 0644);
            if (archive_write_header(a.get(), e.get()) != ARCHIVE_OK) zip_failure(path, a.get());
            if (!bytes.empty() && archive_write_data(a.get(), bytes.data(), bytes.size()) < 0) zip_failure(path, a.get());
        }
        if (archive_write_close(a.get()) != ARCHIVE_OK) zip_failure(path, a.get());
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        throw io_error(path.string() + ": cannot move into place");
    }
}

} // namespace interop::io
