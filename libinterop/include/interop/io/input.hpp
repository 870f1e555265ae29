#pragma once
/** @file What a reader reads: one file, a folder of files, or a zip archive holding a multi-file export. */

#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace interop::io {

/** Bounds on what an input may hold; a zip bomb meets these first. */
struct input_limits {
    std::size_t max_entries = 100000;
    std::uint64_t max_entry_bytes = 16ULL << 30;
};

/**
 * An input and the files it holds. A plain file is one entry; a folder lists every regular
 * file below it (sorted, hidden files left out); a zip archive lists its files.
 */
class input {
public:
    enum class kind { file, folder, zip, memory };
    struct entry {
        std::string name; ///< path inside the folder or archive; the file name for a plain file
        std::uint64_t size = 0;
    };

    /** @throws io_error when the path cannot be opened or the archive cannot be read. */
    static input open(const std::filesystem::path& path, const input_limits& lim = {});
    /** An input held in memory: one entry with the given name. For tests and HTTP bodies. */
    static input from_memory(std::string name, std::string content);

    input(input&&) noexcept;
    input& operator=(input&&) noexcept;
    input(const input&) = delete;
    input& operator=(const input&) = delete;
    ~input();

    kind type() const;
    /** The path as given, or the memory name. */
    const std::string& name() const;
    const std::vector<entry>& entries() const;
    /** Streams an entry's bytes. @throws io_error */
    std::unique_ptr<std::istream> open_entry(const entry& e) const;
    /** Up to `n` first bytes of an entry, for identification; never throws. */
    std::string head(const entry& e, std::size_t n = 4096) const;
    /** How an entry is named in messages: `export.zip!Eleve_0000.xml`, `folder/a.xml`, `file.json`. */
    std::string describe(const entry& e) const;

private:
    struct impl;
    explicit input(std::unique_ptr<impl> p);
    std::unique_ptr<impl> m_impl;
};

} // namespace interop::io
