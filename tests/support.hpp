#pragma once
// Shared by the tests: paths, temporary folders, running the command-line tool.

#include "paths.hpp"

#include <interop/model/dataset.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace test {

namespace fs = std::filesystem;

inline fs::path source_dir() { return paths::source_dir(); }

/** A format's folder of the conformance corpus, the one home of the fixtures that are inputs of a format. */
inline fs::path corpus_dir(const std::string& format) { return source_dir() / "conformance" / "corpus" / format; }

/** A pupil with an id, a school and names, for tests that build a dataset by hand. */
inline interop::model::student pupil(std::string id, std::string school, std::string last_name, std::string first_name) {
    interop::model::student s;
    s.id = std::move(id);
    s.school = std::move(school);
    s.last_name = std::move(last_name);
    s.first_name = std::move(first_name);
    return s;
}

/** ../shared/samples, or $INTEROP_SAMPLES. */
inline fs::path samples_dir() {
    if (const char* env = std::getenv("INTEROP_SAMPLES")) return env;
    return paths::default_samples();
}

/** Exits with 77 (ctest: skipped) when the samples are not there. */
inline void require_samples() {
    if (fs::is_directory(samples_dir())) return;
    std::fprintf(stderr, "SKIPPED: samples folder %s is absent; set INTEROP_SAMPLES to run this test\n", samples_dir().c_str());
    std::exit(77);
}

inline std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_file(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

/** A fresh folder under the build tree, removed when the object goes. */
class temp_dir {
public:
    /** `name` and the process id: ctest runs each test case in a process of its own, several at once. */
    explicit temp_dir(const std::string& name)
        : m_path(fs::path(paths::binary_dir()) / "test-tmp" / (name + "." + std::to_string(::getpid()))) {
        fs::remove_all(m_path);
        fs::create_directories(m_path);
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    fs::path operator/(const std::string& name) const { return m_path / name; }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

/**
 * Compares `actual` with the golden file; with INTEROP_ACCEPT=1 in the environment, rewrites
 * the golden file instead (review the diff before committing it).
 */
inline bool matches_golden(const fs::path& golden, const std::string& actual) {
    if (const char* accept = std::getenv("INTEROP_ACCEPT"); accept && std::string(accept) == "1") {
        write_file(golden, actual);
        return true;
    }
    return fs::exists(golden) && read_file(golden) == actual;
}

struct run_result {
    int code = -1;
    std::string out;
    std::string err;
};

/** Runs the interop command with `args` (shell words), capturing stdout and stderr. */
inline run_result run_cli(const std::string& args, const fs::path& scratch) {
    const fs::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
    const std::string cmd = std::string(paths::cli()) + " " + args + " >" + out.string() + " 2>" + err.string() + " </dev/null";
    const int status = std::system(cmd.c_str());
    run_result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

} // namespace test
