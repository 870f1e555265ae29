#include "corpus.hpp"

#include <interop/json/bounded.hpp>
#include <interop/model/types.hpp>

#include <rapidjson/document.h>

#include <algorithm>
#include <fnmatch.h>
#include <cstdlib>
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

/** The file of a folder export that the derived cases change: its largest, the first of equals. */
fs::path largest_file(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(folder))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw std::runtime_error(folder.string() + ": a y_ folder with no file");
    return *std::max_element(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) { return fs::file_size(a) < fs::file_size(b); });
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write the derived case " + p.string());
}

/** A fresh folder of the system's temporary folder, removed when the last holder lets it go. */
std::shared_ptr<const fs::path> derived_cases_folder() {
    std::string pattern = (fs::temp_directory_path() / "interop-conformance-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a folder for the derived corpus cases in " + fs::temp_directory_path().string());
    return std::shared_ptr<const fs::path>(new fs::path(pattern), [](const fs::path* p) {
        std::error_code ec;
        fs::remove_all(*p, ec);
        delete p;
    });
}

/** The case names a folder's own files take: a file of the corpus named like a derived case replaces it. */
bool holds_case(const corpus& c, const std::string& stem) {
    return std::any_of(c.files.begin(), c.files.end(), [&](const corpus_file& f) {
        const auto n = f.name();
        return n == stem || n.rfind(stem + ".", 0) == 0;
    });
}

/** A file's size, or a folder's files' sizes added up. */
std::uintmax_t size_of(const fs::path& p) {
    if (!fs::is_directory(p)) return fs::file_size(p);
    std::uintmax_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) n += e.file_size();
    return n;
}

void derive_cases(corpus& c) {
    const corpus_file* largest = nullptr;
    for (const auto& f : c.files)
        if (f.expected == expectation::accept && (!largest || size_of(f.path) > size_of(largest->path))) largest = &f;
    if (!largest) return;
    const corpus_file source = *largest;
    const bool folder = fs::is_directory(source.path);
    const auto changed = folder ? largest_file(source.path) : source.path;
    const auto text = file_text(changed);
    const auto ext = changed.extension().string();
    c.scratch = derived_cases_folder();
    std::vector<corpus_file> derived;
    auto add = [&](const std::string& stem, const std::string& suffix, expectation e, auto&& make) {
        if (holds_case(c, stem)) return;
        const auto path = *c.scratch / (stem + suffix);
        make(path);
        derived.push_back({path, e, source.name()});
    };
    auto copy_with = [&](const std::string& member_text) {
        return [&, member_text](const fs::path& p) {
            fs::copy(source.path, p, fs::copy_options::recursive);
            write_text(p / changed.filename(), member_text);
        };
    };
    add("n_empty", ext, expectation::reject, [](const fs::path& p) { write_text(p, ""); });
    if (folder) {
        add("n_truncated", "", expectation::reject, copy_with(half_of(text)));
        add("n_empty_member", "", expectation::reject, copy_with(""));
    } else {
        add("n_truncated", ext, expectation::reject, [&](const fs::path& p) { write_text(p, half_of(text)); });
        add("i_bom", ext, expectation::either, [&](const fs::path& p) { write_text(p, "\xEF\xBB\xBF" + text); });
    }
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start != std::string::npos && text[start] == '<')
        add("n_wrong_root", ".xml", expectation::reject,
            [](const fs::path& p) { write_text(p, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalogue><livre/></catalogue>\n"); });
    c.files.insert(c.files.end(), derived.begin(), derived.end());
    std::sort(c.files.begin(), c.files.end(), [](const auto& a, const auto& b) { return a.name() < b.name(); });
}

} // namespace

std::string half_of(const std::string& text) {
    auto half = text.size() / 2;
    while (half > 1 && text[half - 1] == '\n') --half;
    return text.substr(0, half);
}

corpus load_corpus(const fs::path& folder) {
    corpus c;
    c.folder = folder;
    if (!fs::is_directory(folder)) return c;
    for (const auto& e : fs::directory_iterator(folder))
        if (auto x = expectation_of(e.path().filename().string())) c.files.push_back({e.path(), *x});
    std::sort(c.files.begin(), c.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    if (fs::exists(folder / "options.json")) c.options = parse_options(folder / "options.json");
    derive_cases(c);
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
