#pragma once
/** @file A format's corpus folder: its files by expectation, its read options, its golden outputs. */

#include <interop/adapter/registry.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace conformance {

enum class expectation { accept, reject, either };

struct corpus_file {
    std::filesystem::path path; ///< a file or a folder (a multi-file export)
    expectation expected = expectation::either;
    std::string name() const { return path.filename().string(); }
};

struct corpus {
    std::filesystem::path folder;
    std::vector<corpus_file> files;
    interop::read_options options;
    std::filesystem::path golden(const corpus_file& f) const { return folder / "golden" / (f.name() + ".json"); }
};

/** A file's bytes (empty when it cannot be read). */
std::string file_text(const std::filesystem::path& p);

/** The corpus of one format (empty when its folder is absent). @throws std::runtime_error on a bad `options.json`. */
corpus load_corpus(const std::filesystem::path& folder);

/** `case-pattern reason` lines (`#` comments); the reason of the first pattern matching `id`, or empty. */
struct deviations {
    std::vector<std::pair<std::string, std::string>> entries;
    std::string reason_for(const std::string& id) const;
};
deviations load_deviations(const std::filesystem::path& file);

} // namespace conformance
