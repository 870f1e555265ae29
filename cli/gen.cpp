// interop-gen: writes the files generated from the model (JSON Schemas, model reference),
// or checks that the committed copies are current.

#include <interop/describe/model_doc.hpp>
#include <interop/json/schema.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/** Writes or checks one file; returns false when checking finds it stale. */
bool emit(const fs::path& path, const std::string& text, bool check) {
    if (check) {
        if (read_file(path) == text) return true;
        std::cerr << path.string() << " is not current; run scripts/regenerate.sh and review the change\n";
        return false;
    }
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return true;
}

/** docs/model.md keeps its hand-written introduction above the marker. */
std::string model_doc(const fs::path& path) {
    static const std::string marker = "<!-- generated below: interop-gen model-doc -->\n";
    std::string text = read_file(path);
    const auto at = text.find(marker);
    const std::string intro = at == std::string::npos ? "# The canonical model\n\n" : text.substr(0, at);
    return intro + marker + "\n" + interop::describe::model_reference_markdown();
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4) {
        std::cerr << "usage: interop-gen schemas|model-doc PATH [--check]\n";
        return 2;
    }
    const std::string what = argv[1];
    const fs::path path = argv[2];
    const bool check = argc == 4 && std::string(argv[3]) == "--check";
    bool current = true;
    if (what == "schemas") {
        for (const auto& f : interop::json::all_schema_files()) current = emit(path / f.name, f.text, check) && current;
    } else if (what == "model-doc") {
        current = emit(path, model_doc(path), check);
    } else {
        std::cerr << "interop-gen: unknown target " << what << '\n';
        return 2;
    }
    return current ? 0 : 1;
}
