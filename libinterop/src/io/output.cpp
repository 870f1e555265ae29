#include <interop/errors.hpp>
#include <interop/io/output.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

#include <stdlib.h>
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
    if (!*file) throw output_error(path.string() + ": cannot open for writing");
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
    if (!*m_file) throw output_error(m_path.string() + ": write failed");
    if (m_temp.empty()) {
        m_committed = true;
        return;
    }
    m_file.reset();
    std::error_code ec;
    fs::rename(m_temp, m_path, ec);
    if (ec) throw output_error(m_path.string() + ": cannot move into place: " + ec.message());
    m_committed = true;
}

namespace {

/** `calendars/` and `calendars` name the same folder. */
fs::path without_trailing_slash(fs::path p) { return p.has_filename() || !p.has_parent_path() ? p : p.parent_path(); }

/** A file in `folder` that `written` (a folder of the same layout) lacks; nullopt when there is none. @throws output_error when it cannot be listed */
std::optional<fs::path> file_not_in(const fs::path& folder, const fs::path& written) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory()) continue;
        auto relative = it->path().lexically_relative(folder);
        if (!fs::exists(written / relative)) return relative;
    }
    if (ec) throw output_error(folder.string() + ": cannot list: " + ec.message());
    return std::nullopt;
}

} // namespace

fs::path output_folder_beside(const fs::path& path) {
    std::string pattern = without_trailing_slash(path).string() + ".partial-XXXXXX";
    if (!mkdtemp(pattern.data())) throw output_error(path.string() + ": cannot create a folder beside it: " + std::strerror(errno));
    return pattern;
}

output_folder::output_folder(fs::path path, existing_folder policy) : m_path(without_trailing_slash(std::move(path))), m_policy(policy) {
    std::error_code ec;
    if (fs::exists(m_path, ec) && !fs::is_directory(m_path, ec))
        throw output_error(m_path.string() + ": is a file; this format writes a folder");
    m_partial = output_folder_beside(m_path);
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
    if (!out.flush()) throw output_error(file.string() + ": write failed");
}

namespace {

/** Each file of `partial` replaces the file of that name in `path`; the folder's other files stay. */
void move_files(const fs::path& partial, const fs::path& path) {
    std::error_code ec;
    std::vector<fs::path> written;
    for (auto it = fs::recursive_directory_iterator(partial, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (!it->is_directory()) written.push_back(it->path().lexically_relative(partial));
    if (ec) throw output_error(partial.string() + ": cannot list: " + ec.message());
    for (const auto& relative : written) {
        const auto target = path / relative;
        fs::create_directories(target.parent_path(), ec);
        fs::rename(partial / relative, target, ec);
        if (ec) throw output_error(target.string() + ": cannot move into place: " + ec.message());
    }
    fs::remove_all(partial, ec);
}

} // namespace

namespace {

/** Moves the files of `partial` into `path` as `policy` says (output_folder::commit). */
void commit_folder(const fs::path& partial, const fs::path& path, existing_folder policy) {
    std::error_code ec;
    if (policy != existing_folder::replace && fs::exists(path, ec)) {
        if (policy == existing_folder::refuse)
            if (auto other = file_not_in(path, partial))
                throw output_error(path.string() + ": the folder holds files already (" + other->string() +
                                   "); name a new or empty folder, or use --force to replace the files this format writes there");
        move_files(partial, path);
        return;
    }
    auto old = fs::path(path.string() + ".previous");
    fs::remove_all(old, ec);
    if (fs::exists(path)) fs::rename(path, old, ec);
    if (ec) throw output_error(path.string() + ": cannot move aside: " + ec.message());
    fs::rename(partial, path, ec);
    if (ec) throw output_error(path.string() + ": cannot move into place: " + ec.message());
    fs::remove_all(old, ec);
}

} // namespace

void output_folder::commit() {
    commit_folder(m_partial, m_path, m_policy);
    m_committed = true;
}

void move_into_place(const fs::path& staged, const fs::path& out, existing_folder policy) {
    std::error_code ec;
    if (!fs::is_directory(staged, ec)) {
        fs::rename(staged, out, ec);
        if (ec) throw output_error(out.string() + ": cannot move into place: " + ec.message());
        return;
    }
    const auto path = without_trailing_slash(out);
    if (fs::exists(path, ec) && !fs::is_directory(path, ec)) throw output_error(path.string() + ": is a file; this format writes a folder");
    commit_folder(staged, path, policy);
}

} // namespace interop::io
