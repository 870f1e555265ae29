#include "formats_suite.hpp"

#include "corpus.hpp"
#include "isolated.hpp"
#include "reading.hpp"

#include "generator.hpp"

#include <interop/diff/diff.hpp>
#include <interop/json/canonical.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <unistd.h>

namespace conformance {

namespace fs = std::filesystem;
using interop::adapter_info;
using interop::confidence;

namespace {

constexpr std::chrono::seconds case_limit{120};
/** Identify looks at markers in the first bytes; anything near this is reading the file. */
constexpr std::chrono::milliseconds identify_budget{250};

// ---- what every adapter declares and how it meets hostile input ----

outcome check_declaration(const adapter_info& a) {
    if (a.name.empty() || !std::all_of(a.name.begin(), a.name.end(), [](char c) { return std::islower(c) || std::isdigit(c) || c == '-'; }))
        return outcome::failed("name '" + a.name + "' is not lowercase letters, digits and dashes");
    if (a.title.empty()) return outcome::failed("no title");
    if (a.domains.empty()) return outcome::failed("no domain declared");
    for (const auto& d : a.domains)
        if (std::find(std::begin(interop::all_domains), std::end(interop::all_domains), d) == std::end(interop::all_domains))
            return outcome::failed("unknown domain '" + d + "'");
    if (!a.can_read() && !a.can_write()) return outcome::failed("neither reads nor writes");
    if (a.can_read() && !a.identify) return outcome::failed("reads but cannot identify");
    return outcome::passed();
}

std::vector<std::pair<std::string, std::string>> hostile_inputs() {
    std::string binary(4096, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i * 7919 % 256);
    return {{"empty", ""},
            {"a byte order mark alone", "\xEF\xBB\xBF"},
            {"an open brace", "{"},
            {"an open angle", "<"},
            {"an XML declaration alone", "<?xml version=\"1.0\"?>"},
            {"100,000 open brackets", std::string(100000, '[')},
            {"binary noise", binary},
            {"UTF-16 with a BOM", std::string("\xFF\xFE{\0\"\0", 6)}};
}

outcome check_hostile(const adapter_info& a) {
    for (const auto& [what, text] : hostile_inputs()) {
        const auto in = interop::io::input::from_memory("hostile.bin", text);
        if (a.identify(in) != confidence::no) return outcome::failed("identify claims " + what);
        const auto r = read_with(a, in, {});
        if (!r.refused) return outcome::failed("read " + what + " without an error");
        if (r.refused->where().file.empty()) return outcome::failed("the error on " + what + " names no file: " + r.refused->what());
        if (r.log.ends > 0) return outcome::failed("ended its sink on " + what + ", which it refused (a consumer would commit)");
    }
    return outcome::passed("identify says no and the reader refuses with a positioned error on each hostile input");
}

// ---- one corpus file ----

outcome check_identified(const interop::registry& formats, const adapter_info& a, const fs::path& path) {
    const auto in = interop::io::input::open(path);
    const auto start = std::chrono::steady_clock::now();
    const auto own = a.identify(in);
    const auto took = std::chrono::steady_clock::now() - start;
    if (own == confidence::no) return outcome::failed(a.name + "'s identify says no");
    if (took > identify_budget)
        return outcome::failed("identify took " + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()) + " ms");
    const auto& chosen = formats.identify(in); // throws naming the candidates when ambiguous
    if (chosen.name != a.name) return outcome::failed("identified as " + chosen.name);
    return outcome::passed();
}

outcome check_accepted(const interop::registry& formats, const adapter_info& a, const corpus& c, const corpus_file& f) {
    if (auto id = check_identified(formats, a, f.path); id.status == status::fail) return id;
    const auto r = read_with(a, f.path, c.options);
    if (r.refused) return outcome::failed(std::string("refused: ") + r.refused->what());
    if (auto broken = r.log.broken(); !broken.empty()) return outcome::failed("sink protocol: " + broken);
    if (r.diags.has_errors()) return outcome::failed("error diagnostic: " + r.diags.items().front().to_string());
    return outcome::passed(std::to_string(r.dataset.size()) + " records, " + std::to_string(r.diags.items().size()) + " diagnostics");
}

/** Provenance files named from the corpus folder, so that golden files do not depend on where the corpus lies. */
void relative_provenance(interop::model::dataset& ds, const fs::path& folder) {
    const auto prefix = folder.string() + "/";
    interop::model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (K& r : ds.all<K>())
            if (r.provenance.file.rfind(prefix, 0) == 0) r.provenance.file.erase(0, prefix.size());
    });
}

outcome check_golden(const adapter_info& a, const corpus& c, const corpus_file& f, bool accept) {
    auto r = read_with(a, f.path, c.options);
    if (r.refused) return outcome::failed(std::string("refused: ") + r.refused->what());
    const auto golden = c.golden(f);
    if (accept) {
        fs::create_directories(golden.parent_path());
        relative_provenance(r.dataset, c.folder);
        std::ofstream(golden, std::ios::binary) << interop::json::to_document(r.dataset);
        return outcome::passed("golden written");
    }
    if (!fs::exists(golden)) return outcome::failed("no golden file " + golden.string() + " (run with --accept and review it)");
    const auto expected = interop::json::dataset_from_document(file_text(golden), golden.string());
    if (auto d = describe_differences(expected, r.dataset); !d.empty()) return outcome::failed_on(std::move(d), "records differ from the golden file");
    if (!(expected.metadata == r.dataset.metadata)) return outcome::failed("metadata differs from the golden file");
    return outcome::passed(std::to_string(expected.size()) + " records equal to the golden file");
}

/** The first error diagnostic that names its file: a reader that goes on past bad rows rejects the input this way (hubd refuses it). */
const interop::diagnostic* positioned_error(const interop::diagnostics& diags) {
    for (const auto& d : diags.items())
        if (d.severity == interop::severity::error && !d.where.file.empty()) return &d;
    return nullptr;
}

outcome check_rejected(const adapter_info& a, const corpus& c, const corpus_file& f) {
    const auto r = read_with(a, f.path, c.options);
    if (!r.refused) {
        if (const auto* e = positioned_error(r.diags)) return outcome::passed("rejected by an error diagnostic: " + e->to_string());
        return outcome::failed("accepted (" + std::to_string(r.dataset.size()) + " records, no error)");
    }
    if (r.refused->where().file.empty()) return outcome::failed(std::string("the error names no file: ") + r.refused->what());
    if (r.log.ends > 0) return outcome::failed("ended its sink on input it refused (a consumer would commit)");
    return outcome::passed(r.refused->what());
}

outcome check_either(const adapter_info& a, const corpus& c, const corpus_file& f) {
    const auto r = read_with(a, f.path, c.options);
    if (r.refused) return r.refused->where().file.empty() ? outcome::failed("the error names no file") : outcome::passed(std::string("refused: ") + r.refused->what());
    return outcome::passed("accepted, " + std::to_string(r.dataset.size()) + " records");
}

/** What the adapter wrote, cut short, is refused rather than read as less data. */
outcome check_cut_refused(const adapter_info& a, const fs::path& out) {
    const auto cut = out.parent_path() / ("cut." + a.name);
    if (fs::is_directory(out)) {
        fs::copy(out, cut, fs::copy_options::recursive);
        for (const auto& f : fs::recursive_directory_iterator(cut))
            if (f.is_regular_file()) {
                const auto half = half_of(file_text(f.path())); // read before the stream opened for writing empties the file
                std::ofstream(f.path(), std::ios::binary) << half;
            }
    } else {
        std::ofstream(cut, std::ios::binary) << half_of(file_text(out));
    }
    const auto r = read_with(a, cut, {});
    if (!r.refused) return outcome::failed("its own output cut in half is read without an error (" + std::to_string(r.dataset.size()) + " records)");
    return outcome::passed();
}

/** An empty file, or a folder without a file. */
bool wrote_nothing(const fs::path& out) {
    if (!fs::is_directory(out)) return !fs::exists(out) || fs::file_size(out) == 0;
    for (const auto& f : fs::recursive_directory_iterator(out))
        if (f.is_regular_file()) return false;
    return true;
}

struct scratch_folder {
    fs::path path;
    explicit scratch_folder(fs::path p) : path(std::move(p)) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    scratch_folder(const scratch_folder&) = delete;
    scratch_folder& operator=(const scratch_folder&) = delete;
    ~scratch_folder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

/**
 * Writes a dataset and reads it back: equal for round-tripping formats, nothing invented for
 * lossy ones; the output cut short is refused.
 */
outcome check_write_read(const interop::registry& formats, const adapter_info& a, const interop::model::dataset& original) {
    if (original.size() == 0) return outcome::not_applicable("nothing was read: nothing to write back");
    const scratch_folder scratch(fs::temp_directory_path() / ("interop-conformance-" + std::to_string(getpid())));
    const auto out = scratch.path / ("out." + a.name);
    interop::io::loss_log losses;
    auto writer = interop::open_writer(a, out, {losses});
    interop::io::replay(original, *writer);
    if (wrote_nothing(out)) return outcome::not_applicable("the writer wrote nothing: the dataset holds nothing this format maps");
    const auto in = interop::io::input::open(out);
    if (formats.identify(in).name != a.name) return outcome::failed("what it wrote is identified as another format");
    const auto back = read_with(a, in, {});
    if (back.refused) return outcome::failed(std::string("cannot read what it wrote: ") + back.refused->what());
    if (a.round_trips) {
        if (auto d = describe_differences(original, back.dataset); !d.empty()) return outcome::failed_on(std::move(d), "records not read back equal");
    } else {
        for (const auto& ch : interop::diff(original, back.dataset).changes)
            if (ch.op == interop::change_op::created && !(a.expands_timetable && ch.kind == "session"))
                return outcome::failed("reading back invents " + ch.kind + "/" + ch.id);
    }
    if (auto cut = check_cut_refused(a, out); cut.status == status::fail) return cut;
    return outcome::passed(std::to_string(back.dataset.size()) + " of " + std::to_string(original.size()) + " records read back" +
                           (a.round_trips ? " equal" : ", none invented (lossy format)") + "; its output cut short is refused");
}

const interop::model::dataset& generated_school() {
    static const interop::model::dataset ds = [] {
        interop::model::dataset out;
        interop::io::dataset_sink sink(out);
        interop::generator::generate({.schools = 1, .seed = 11, .classes_per_level = 1}, sink);
        return out;
    }();
    return ds;
}

// ---- cases ----

struct case_maker {
    const interop::registry& formats;
    formats_config cfg;
    deviations known;
    std::vector<test_case> out;

    void add(const adapter_info& a, std::string name, std::string description, std::function<outcome()> check) {
        test_case t{"formats", a.name + "/" + name, std::move(description), true, {}, a.name};
        const auto reason = known.reason_for(t.id());
        if (!reason.empty()) {
            t.required = false;
            t.description += " (known deviation: " + reason + ")";
        }
        t.run = [check = std::move(check)] { return run_isolated(check, case_limit); };
        out.push_back(std::move(t));
    }

    void add_adapter(const adapter_info& a) {
        add(a, "declaration", "name, title, domains and capabilities declared", [&a] { return check_declaration(a); });
        if (a.can_read())
            add(a, "hostile", "identify says no and the reader refuses hostile input with a positioned error, ending nothing",
                [&a] { return check_hostile(a); });
        if (a.can_read() && a.can_write())
            add(a, "write-read", "a generated school written, identified and read back (equal, or nothing invented when lossy)",
                [this, &a] { return check_write_read(formats, a, generated_school()); });
        if (!a.can_read()) return;
        auto c = std::make_shared<corpus>(load_corpus(cfg.corpus / a.name));
        for (const auto& f : c->files) add_file(a, c, f);
    }

    void add_file(const adapter_info& a, const std::shared_ptr<corpus>& c, const corpus_file& f) {
        const auto n = f.name();
        const auto from = f.derived_from.empty() ? std::string() : " (derived from " + f.derived_from + ")";
        if (f.expected == expectation::reject) {
            add(a, n, "refused with an error naming the file (the sink never ended), or read with a positioned error diagnostic" + from,
                [&a, c, f] { return check_rejected(a, *c, f); });
            return;
        }
        if (f.expected == expectation::either) {
            add(a, n, "accepted or refused with a positioned error, never a crash" + from, [&a, c, f] { return check_either(a, *c, f); });
            return;
        }
        add(a, n + ":read", "identified as this format alone, cheaply; read without error; sink protocol kept",
            [this, &a, c, f] { return check_accepted(formats, a, *c, f); });
        add(a, n + ":golden", "canonical output equal to the golden file", [this, &a, c, f] { return check_golden(a, *c, f, cfg.accept); });
        if (a.can_write())
            add(a, n + ":write-read", "what was read, written and read back (equal, or nothing invented when lossy)", [this, &a, c, f] {
                const auto r = read_with(a, f.path, c->options);
                if (r.refused) return outcome::failed(std::string("refused: ") + r.refused->what());
                return check_write_read(formats, a, r.dataset);
            });
    }
};

} // namespace

std::vector<test_case> formats_cases(const interop::registry& formats, const formats_config& cfg) {
    auto maker = std::make_shared<case_maker>(case_maker{formats, cfg, load_deviations(cfg.deviations), {}});
    for (const auto& a : formats.all()) maker->add_adapter(a);
    auto cases = std::move(maker->out);
    for (auto& c : cases) c.run = [maker, run = std::move(c.run)] { return run(); }; // the maker outlives its cases
    return cases;
}

} // namespace conformance
