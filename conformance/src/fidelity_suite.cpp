#include "fidelity_suite.hpp"

#include <interop/errors.hpp>
#include <interop/io/sink.hpp>
#include <interop/timetable/expand.hpp>
#include <interop/timetable/fidelity.hpp>

#include <unistd.h>

#include <algorithm>
#include <map>
#include <memory>

namespace conformance {

namespace fs = std::filesystem;
namespace model = interop::model;

namespace {

/** One input, read once, and the span of days its sessions are compared over. */
struct source {
    fs::path path;
    std::string format;
    model::dataset ds;
    std::optional<std::pair<model::date, model::date>> span;
};

/** The school years the input gives, or the one the options give. */
std::optional<std::pair<model::date, model::date>> span_of(const model::dataset& ds, const interop::read_options& opt) {
    if (opt.school_year) return opt.school_year;
    std::optional<std::pair<model::date, model::date>> span;
    for (const auto& y : ds.all<model::academic_year>())
        span = span ? std::pair{std::min(span->first, y.start), std::max(span->second, y.end)} : std::pair{y.start, y.end};
    return span;
}

source read_source(const interop::registry& formats, const fs::path& path, const dataset_config& cfg) {
    source s{path, {}, {}, {}};
    const auto in = interop::io::input::open(path);
    const auto& a = cfg.format ? formats.get(*cfg.format) : formats.identify(in);
    s.format = a.name;
    interop::io::dataset_sink sink(s.ds);
    interop::diagnostics diags;
    interop::read_bounded(a, in, sink, diags, cfg.options);
    s.span = span_of(s.ds, cfg.options);
    return s;
}

/** The source written as `to` in a scratch folder and read back with no option: what the writer leaves must be enough. */
outcome through(const interop::registry& formats, const source& s, const std::string& to) {
    if (s.ds.all<model::course>().empty() && s.ds.all<model::session>().empty())
        return outcome::not_applicable("the input holds no timetable (no course, no session)");
    if (!s.span) return outcome::skipped("the input gives no school year: give --school-year FIRST:LAST");
    const auto sessions = interop::timetable::expand(s.ds, s.span->first, s.span->second);
    if (sessions.empty()) return outcome::not_applicable("the input has no dated session in its school year: no timetable to compare");
    const fs::path scratch = fs::temp_directory_path() / ("interop-fidelity-" + std::to_string(getpid()));
    fs::remove_all(scratch);
    fs::create_directories(scratch);
    const auto cleanup = std::unique_ptr<const fs::path, void (*)(const fs::path*)>(&scratch, [](const fs::path* p) {
        std::error_code ec;
        fs::remove_all(*p, ec);
    });
    const auto& writer_format = formats.get(to);
    const auto out = scratch / ("out." + to);
    interop::io::loss_log losses;
    {
        auto writer = interop::open_writer(writer_format, out, {losses});
        interop::io::replay(s.ds, *writer);
    }
    model::dataset back;
    if (fs::exists(out)) {
        interop::io::dataset_sink sink(back);
        interop::diagnostics diags;
        const auto in = interop::io::input::open(out);
        try {
            writer_format.make_reader({})->read(in, sink, diags);
        } catch (const interop::parse_error& e) {
            return outcome::failed(std::string("what it wrote cannot be read back: ") + e.what());
        }
    }
    const auto f = interop::timetable::compare_sessions(s.ds, back, losses, s.span->first, s.span->second);
    const std::string counts = std::to_string(f.sessions) + " dated sessions: " + std::to_string(f.survived) + " back unchanged, " +
                               std::to_string(f.declared) + " declared lost";
    if (f.silent == 0) return outcome::passed(counts + (losses.empty() ? "" : " (" + losses.counts_by_code() + ")"));
    std::string why = std::to_string(f.silent) + " lost, changed or invented in silence; " + counts;
    for (const auto& e : f.examples) why += "; " + e;
    return outcome::failed(why);
}

} // namespace

std::vector<test_case> fidelity_cases(const interop::registry& formats, const dataset_config& cfg) {
    std::vector<test_case> cases;
    auto inputs = cfg.inputs.empty() ? std::vector<fs::path>{fs::path("INPUT")} : cfg.inputs;
    for (const auto& path : inputs) {
        auto read = std::make_shared<std::optional<source>>();
        for (const char* to : fidelity_formats) {
            auto normal = path.lexically_normal();
            const auto name = (normal.has_filename() ? normal : normal.parent_path()).string(); // the path as given: two inputs of one name stay apart
            cases.push_back({"fidelity", name + "/" + to, "the dated sessions of " + name + " written as " + to + " and read back: each unchanged or declared lost",
                             true, [&formats, cfg, path, read, to = std::string(to)] {
                                 if (!*read) *read = read_source(formats, path, cfg);
                                 return through(formats, **read, to);
                             },
                             to});
        }
    }
    return cases;
}

} // namespace conformance
