#pragma once
/** @file Where a writer writes. */

#include <filesystem>
#include <memory>
#include <ostream>

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

} // namespace interop::io
