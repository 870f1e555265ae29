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

/** What a writer does with an output folder that exists and holds files. */
enum class existing_folder {
    refuse,    ///< an output_error naming a file the writer does not write: a conversion never deletes a user's files
    overwrite, ///< the files written replace those of the same name; the others stay (`--force`)
    replace,   ///< the folder is the writer's own (hubd's feed cache): replaced whole, files it did not write go
};

/**
 * A folder of files written under a new `<path>.partial-XXXXXX` and moved into place on commit(). A new
 * folder, or one replaced whole, is swapped in at once, so readers of `path` see the previous
 * export or the new one, never a mix.
 */
class output_folder {
public:
    /** @throws output_error when `path` is a file. */
    output_folder(std::filesystem::path path, existing_folder policy);
    output_folder(const output_folder&) = delete;
    output_folder& operator=(const output_folder&) = delete;
    ~output_folder();

    /** Writes `content` to `relative` inside the folder, making its parent folders. @throws io_error */
    void write(const std::filesystem::path& relative, std::string_view content);
    /**
     * Moves the files written into `path`. A folder holding files none of the writer's (not
     * written this time) is refused unless the policy says otherwise: its own earlier output
     * (the same names) is replaced. @throws output_error
     */
    void commit();

private:
    std::filesystem::path m_path;
    std::filesystem::path m_partial;
    existing_folder m_policy;
    bool m_committed = false;
};

/** A new, empty folder beside `path` (`<path>.partial-XXXXXX`), for a writer to work in. @throws output_error */
std::filesystem::path output_folder_beside(const std::filesystem::path& path);

/**
 * Moves a file or a folder a writer wrote at `staged` to `out`, a folder as `policy` says
 * (`interop convert --strict` writes aside, and moves only once nothing was lost). @throws output_error
 */
void move_into_place(const std::filesystem::path& staged, const std::filesystem::path& out, existing_folder policy);

} // namespace interop::io

namespace interop::io {

/**
 * Writes a zip archive holding `files` (name, bytes), deflated, under a temporary name moved
 * into place once complete. @throws io_error
 */
void write_zip(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& files);

} // namespace interop::io
