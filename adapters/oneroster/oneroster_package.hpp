#pragma once
// A OneRoster CSV package in memory: the manifest and, per file, its rows by column name.
// Read from a zip or a folder (leniently: header variants, trailing empty columns, files
// named in another case, each reported), written to a folder or a zip.

#include "oneroster_schema.hpp"

#include <interop/adapter/registry.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace interop::oneroster {

enum class file_mode { absent, bulk, delta };

struct row {
    /** 1.2 column name → text; vendor and `metadata.` columns under their header. */
    std::map<std::string, std::string, std::less<>> cells;
    std::string file;
    std::uint64_t line = 0;

    /** The cell, or empty. */
    std::string_view operator[](std::string_view column) const {
        const auto it = cells.find(column);
        return it == cells.end() ? std::string_view() : std::string_view(it->second);
    }
    bool to_be_deleted() const { return (*this)["status"] == "tobedeleted"; }
};

struct table {
    const file_spec* spec = nullptr;
    file_mode mode = file_mode::bulk;
    std::vector<row> rows;
    /** The header as read, 1.2 names (empty for a table built in memory). */
    std::vector<std::string> header;
};

struct package {
    std::string version = "1.2";
    /** Manifest properties other than `file.*` and `oneroster.version` (source.systemName, …). */
    std::vector<std::pair<std::string, std::string>> properties;
    std::map<std::string, table, std::less<>> tables; ///< by file name (`users`), files present only

    const table* find(std::string_view name) const;
    table& at(std::string_view name); ///< made empty, as bulk, when absent
};

/** Reads the manifest and every file it lists. @throws parse_error naming file, line and problem. */
package read_package(const io::input& in, const read_options& opt, diagnostics& diags);

/** Writes `manifest.csv` and every table (files with no row are written with their header). */
void write_package(const package& p, const std::filesystem::path& out, io::existing_folder existing);

/** The package's files as (name, bytes), manifest first. */
std::vector<std::pair<std::string, std::string>> package_files(const package& p);

} // namespace interop::oneroster
