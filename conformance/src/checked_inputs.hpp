#pragma once
/** @file What a report says it checked: each input file with its SHA-256, so that a filed report names its evidence. */

#include <filesystem>
#include <string>
#include <vector>

namespace conformance {

struct checked_file {
    std::string path;   ///< as given, or relative to the folder given
    std::string sha256; ///< lowercase hex
};

/** One input as given (a file, or a folder read whole), with the checksum of each file in it. */
struct checked_input {
    std::string role; ///< `corpus`, `input`
    std::string path;
    /**
     * A file: its SHA-256. A folder: the SHA-256 of its `sha256sum` listing (`HASH  PATH` lines for
     * each file, paths relative to it, sorted bytewise), what
     * `(cd DIR && find . -type f | LC_ALL=C sort | sed 's|^\./||' | xargs sha256sum) | sha256sum` gives.
     */
    std::string sha256;
    std::vector<checked_file> files; ///< a folder's files, in that order; empty for a file
};

/** Reads every file of `path` (streamed: inputs can be hundreds of MB); throws naming a file it cannot read. */
checked_input checksum_input(const std::string& role, const std::filesystem::path& path);

} // namespace conformance
