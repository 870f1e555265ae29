#include "corpus.hpp"

#include <interop/json/bounded.hpp>
#include <interop/model/types.hpp>

#include <rapidjson/document.h>

#include <algorithm>
#include <fnmatch.h>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace conformance {

namespace fs = std::filesystem;

std::string file_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

namespace {

std::string string_member(const rapidjson::Value& v, const char* name) {
    const auto it = v.FindMember(name);
    return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

interop::read_options parse_options(const fs::path& file) {
    rapidjson::Document d;
    if (interop::json::parse_bounded(file_text(file), d) || !d.IsObject()) throw std::runtime_error(file.string() + ": not a JSON object");
    interop::read_options opt;
    opt.school = string_member(d, "school");
    opt.partner = string_member(d, "partner");
    if (auto m = string_member(d, "mapping"); !m.empty()) opt.mapping = file.parent_path() / m;
    if (auto k = string_member(d, "private_key"); !k.empty()) opt.private_key = file.parent_path() / k;
    const auto year = d.FindMember("school_year");
    if (year != d.MemberEnd()) {
        if (!year->value.IsArray() || year->value.Size() != 2 || !year->value[0].IsString() || !year->value[1].IsString())
            throw std::runtime_error(file.string() + ": school_year wants two dates");
        auto first = interop::model::parse_date(year->value[0].GetString());
        auto last = interop::model::parse_date(year->value[1].GetString());
        if (!first || !last) throw std::runtime_error(file.string() + ": school_year wants two dates YYYY-MM-DD");
        opt.school_year = std::pair{*first, *last};
    }
    return opt;
}

std::optional<expectation> expectation_of(const std::string& name) {
    if (name.rfind("y_", 0) == 0) return expectation::accept;
    if (name.rfind("n_", 0) == 0) return expectation::reject;
    if (name.rfind("i_", 0) == 0) return expectation::either;
    return std::nullopt;
}

} // namespace

corpus load_corpus(const fs::path& folder) {
    corpus c;
    c.folder = folder;
    if (!fs::is_directory(folder)) return c;
    for (const auto& e : fs::directory_iterator(folder))
        if (auto x = expectation_of(e.path().filename().string())) c.files.push_back({e.path(), *x});
    std::sort(c.files.begin(), c.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    if (fs::exists(folder / "options.json")) c.options = parse_options(folder / "options.json");
    return c;
}

std::string deviations::reason_for(const std::string& id) const {
    for (const auto& [pattern, reason] : entries)
        if (fnmatch(pattern.c_str(), id.c_str(), 0) == 0) return reason;
    return {};
}

deviations load_deviations(const fs::path& file) {
    deviations d;
    if (file.empty() || !fs::exists(file)) return d;
    std::istringstream in(file_text(file));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.find_first_of(" \t");
        if (space == std::string::npos) throw std::runtime_error(file.string() + ": a deviation needs a reason: " + line);
        d.entries.push_back({line.substr(0, space), line.substr(line.find_first_not_of(" \t", space))});
    }
    return d;
}

} // namespace conformance
