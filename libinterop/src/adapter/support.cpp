#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>
#include <interop/io/output.hpp>

#include <algorithm>
#include <cctype>

namespace interop::adapter_support {

const io::input::entry& only_entry(const io::input& in, std::string_view format) {
    if (in.entries().size() == 1) return in.entries().front();
    throw parse_error({in.name()}, std::string(format),
                      "expects a single file, found " + std::to_string(in.entries().size()));
}

void refuse_empty_member(const io::input& in, const io::input::entry& e, std::string_view format) {
    if (e.size == 0)
        throw parse_error({in.describe(e)}, std::string(format), "empty file in a multi-file export: the export is refused whole, lest its records be taken as deleted");
}

json::limits json_limits(const read_options& opt) {
    json::limits lim;
    lim.max_depth = opt.max_depth;
    lim.max_input_bytes = opt.max_input_bytes;
    lim.max_record_bytes = opt.max_record_bytes;
    return lim;
}

xml::limits xml_limits(const read_options& opt) {
    xml::limits lim;
    lim.max_input_bytes = opt.max_input_bytes;
    lim.max_depth = opt.max_depth;
    lim.max_subtree_bytes = opt.max_record_bytes;
    return lim;
}

namespace {

/** Reads past `end` (`-->`, `?>`); false at the end of the stream or past `budget` bytes. */
bool skip_past(std::istream& s, std::string_view end, std::size_t& budget) {
    std::size_t matched = 0;
    for (int c; budget > 0 && (c = s.get()) != EOF; --budget) {
        matched = c == end[matched] ? matched + 1 : (c == end[0] ? 1 : 0);
        if (matched == end.size()) return true;
    }
    return false;
}

/** Reads past a doctype's `>`, its internal subset in brackets included. */
bool skip_doctype(std::istream& s, std::size_t& budget) {
    int depth = 0;
    for (int c; budget > 0 && (c = s.get()) != EOF; --budget) {
        if (c == '[') ++depth;
        else if (c == ']') --depth;
        else if (c == '>' && depth <= 0) return true;
    }
    return false;
}

} // namespace

std::string xml_root_head(const io::input& in, const io::input::entry& e, std::size_t n, std::size_t max_prolog) try {
    auto stream = in.open_entry(e);
    auto& s = *stream;
    std::size_t budget = max_prolog;
    if (s.peek() == 0xEF) s.ignore(3); // a UTF-8 byte order mark
    while (budget > 0) {
        int c = s.get();
        if (c == EOF) return {};
        --budget;
        if (std::isspace(c)) continue;
        if (c != '<') return {};
        const int next = s.peek();
        bool skipped = true;
        if (next == '?') skipped = skip_past(s, "?>", budget);
        else if (next == '!') {
            char open[3] = {};
            s.read(open, 3);
            skipped = std::string_view(open, 3) == "!--" ? skip_past(s, "-->", budget) : skip_doctype(s, budget);
        } else {
            std::string head(n, '\0');
            head[0] = '<';
            s.read(head.data() + 1, static_cast<std::streamsize>(n - 1));
            head.resize(1 + static_cast<std::size_t>(s.gcount()));
            return head;
        }
        if (!skipped) return {};
    }
    return {};
} catch (const std::exception&) {
    return {};
}

std::string_view skip_bom_and_space(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    const auto first = text.find_first_not_of(" \t\r\n");
    return first == std::string_view::npos ? std::string_view{} : text.substr(first);
}

std::string lower_ascii(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return std::string(text);
}

std::optional<int> small_number(std::string_view text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    int n = 0;
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

std::vector<std::string> split_nonempty(std::string_view text, char separator) {
    std::vector<std::string> out;
    while (!text.empty()) {
        auto part = text.substr(0, text.find(separator));
        if (!part.empty()) out.emplace_back(part);
        text.remove_prefix(std::min(text.size(), part.size() + 1));
    }
    return out;
}

namespace {
/** Forwards to a writer and commits the file after it has finished. */
class committing_sink : public io::record_sink {
public:
    committing_sink(const std::filesystem::path& out, const std::function<std::unique_ptr<io::record_sink>(std::ostream&)>& make)
        : m_file(out), m_inner(make(m_file.stream())) {}
    void on_metadata(const model::metadata& m) override { m_inner->on_metadata(m); }
    void on_record(model::any_record&& r) override { m_inner->on_record(std::move(r)); }
    void on_end() override {
        m_inner->on_end();
        m_file.commit();
    }

private:
    io::output_file m_file;
    std::unique_ptr<io::record_sink> m_inner;
};
} // namespace

std::unique_ptr<io::record_sink> committing_writer(const std::filesystem::path& out,
                                                   std::function<std::unique_ptr<io::record_sink>(std::ostream&)> make) {
    return std::make_unique<committing_sink>(out, make);
}

namespace {

class collecting_sink : public io::record_sink {
public:
    collecting_sink(std::filesystem::path out, std::function<void(const model::dataset&, const std::filesystem::path&)> write)
        : m_out(std::move(out)), m_write(std::move(write)) {}
    void on_metadata(const model::metadata& m) override { m_ds.metadata = m; }
    void on_record(model::any_record&& r) override { m_ds.add(std::move(r)); }
    void on_end() override { m_write(m_ds, m_out); }

private:
    std::filesystem::path m_out;
    std::function<void(const model::dataset&, const std::filesystem::path&)> m_write;
    model::dataset m_ds;
};

} // namespace

std::unique_ptr<io::record_sink> whole_dataset_writer(const std::filesystem::path& out,
                                                      std::function<void(const model::dataset&, const std::filesystem::path&)> write) {
    return std::make_unique<collecting_sink>(out, std::move(write));
}

} // namespace interop::adapter_support
