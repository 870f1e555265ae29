#pragma once
/** @file Where a writer writes. */

#include <filesystem>
#include <memory>
#include <ostream>
#include <string_view>
#include <utility>
#include <vector>

namespace interop::io {

/**
 * Opens a file for writing, or standard output for "-". The file is written under a
 * temporary name and renamed on commit(), so a failed conversion leaves no half file.
 */
class output_file {
public:
    explicit output_file(const std::filesystem::path& path);
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;
    ~output_file();

    std::ostream& stream();
    /** Flushes and moves the file into place. @throws io_error */
    void commit();

private:
    std::filesystem::path m_path;
    std::filesystem::path m_temp;
    std::unique_ptr<std::ostream> m_file;
    bool m_committed = false;
};

/**
 * A folder of files written under `<path>.partial` and swapped in on commit(), so readers
 * of `path` see the previous export or the new one, never a mix.
 */
class output_folder {
public:
    explicit output_folder(std::filesystem::path path);
    output_folder(const output_folder&) = delete;
    output_folder& operator=(const output_folder&) = delete;
    ~output_folder();

    /** Writes `content` to `relative` inside the folder, making its parent folders. @throws io_error */
    void write(const std::filesystem::path& relative, std::string_view content);
    /** Replaces `path` by the files written. @throws io_error */
    void commit();

private:
    std::filesystem::path m_path;
    std::filesystem::path m_partial;
    bool m_committed = false;
};

} // namespace interop::io

namespace interop::io {

/**
 * Writes a zip archive holding `files` (name, bytes), deflated, under a temporary name moved
 * into place once complete. @throws io_error
 */
void write_zip(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& files);

} // namespace interop::io
