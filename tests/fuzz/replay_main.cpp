// fuzz_replay ROOT TARGET: a fuzz target's entry point outside libFuzzer, on the target's seeds
// (tests/fuzz/seeds.txt, the project's own files) and on every input in
// tests/fuzz/regressions/TARGET/ (what fuzzing once found). Built by any compiler, so every
// ctest run, the sanitizer build's included, replays them: a crash or a sanitizer report fails it.
#include "fuzz_entries.hpp"

#include <glob.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> expand(const fs::path& root, const std::string& pattern) {
    std::vector<fs::path> out;
    glob_t g{};
    if (::glob((root / pattern).c_str(), 0, nullptr, &g) == 0)
        for (std::size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
    ::globfree(&g);
    return out;
}

/** The target's seed files; `samples/` patterns are fuzz.sh's alone (never read by ctest). */
std::vector<fs::path> seeds_of(const fs::path& root, const std::string& target, bool& listed) {
    std::ifstream table(root / "tests/fuzz/seeds.txt");
    std::vector<fs::path> out;
    for (std::string line; std::getline(table, line);) {
        std::istringstream words(line);
        std::string name, pattern;
        if (!(words >> name) || name[0] == '#' || name != target) continue;
        listed = true;
        while (words >> pattern)
            if (pattern.rfind("samples/", 0) != 0)
                for (auto& p : expand(root, pattern)) out.push_back(std::move(p));
    }
    return out;
}

std::string bytes_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: fuzz_replay ROOT TARGET\n");
        return 2;
    }
    const fs::path root = argv[1];
    const std::string target = argv[2];
    const auto entry = fuzz_entry_named(target);
    if (!entry) {
        std::fprintf(stderr, "fuzz_replay: no target %s\n", target.c_str());
        return 2;
    }
    bool listed = false;
    auto inputs = seeds_of(root, target, listed);
    if (!listed) {
        std::fprintf(stderr, "fuzz_replay: %s has no line in tests/fuzz/seeds.txt\n", target.c_str());
        return 2;
    }
    const auto seeds = inputs.size();
    if (const auto found = root / "tests/fuzz/regressions" / target; fs::is_directory(found))
        for (const auto& f : fs::directory_iterator(found))
            if (f.is_regular_file() && f.path().filename().string()[0] != '.') inputs.push_back(f.path());
    if (inputs.empty()) {
        std::fprintf(stderr, "fuzz_replay: %s: no seed and no regression input\n", target.c_str());
        return 1;
    }
    for (const auto& file : inputs) {
        const auto bytes = bytes_of(file);
        entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::printf("%s: %zu seeds and %zu regression inputs replayed\n", target.c_str(), seeds, inputs.size() - seeds);
    return 0;
}
