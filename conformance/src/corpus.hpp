#pragma once
/** @file A format's corpus folder: its files by expectation, its read options, its golden outputs. */

#include <interop/adapter/registry.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace conformance {

enum class expectation { accept, reject, either };

struct corpus_file {
    std::filesystem::path path; ///< a file or a folder (a multi-file export)
    expectation expected = expectation::either;
    std::string derived_from = {}; ///< the `y_` case a derived case was made from; empty for a file of the corpus
    std::string name() const { return path.filename().string(); }
};

struct corpus {
    std::filesystem::path folder;
    std::vector<corpus_file> files;
    interop::read_options options;
    /** Where the derived cases are written; removed with the last copy of the corpus. */
    std::shared_ptr<const std::filesystem::path> scratch;
    std::filesystem::path golden(const corpus_file& f) const { return folder / "golden" / (f.name() + ".json"); }
};

/** A file's text cut in half, not at a line end (a shorter valid NDJSON file is no truncation to catch). */
std::string half_of(const std::string& text);

/** A file's bytes (empty when it cannot be read). */
std::string file_text(const std::filesystem::path& p);

/**
 * The corpus of one format (empty when its folder is absent), with the cases derived from its
 * largest `y_` case unless the folder holds a file of that name: `n_empty` (an empty file),
 * `n_truncated` (the file, or a folder's largest file, cut in half), `n_empty_member` (a
 * folder with its largest file empty), `i_bom` (the file after a UTF-8 byte order mark) and,
 * when it is XML, `n_wrong_root.xml` (a document of another vocabulary).
 * @throws std::runtime_error on a bad `options.json`, or when the derived cases cannot be written.
 */
corpus load_corpus(const std::filesystem::path& folder);

/** `case-pattern reason` lines (`#` comments); the reason of the first pattern matching `id`, or empty. */
struct deviations {
    std::vector<std::pair<std::string, std::string>> entries;
    std::string reason_for(const std::string& id) const;
};
deviations load_deviations(const std::filesystem::path& file);

} // namespace conformance
