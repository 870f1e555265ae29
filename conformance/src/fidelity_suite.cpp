#include "fidelity_suite.hpp"

#include <interop/errors.hpp>
#include <interop/io/sink.hpp>
#include <interop/roster/fidelity.hpp>
#include <interop/timetable/expand.hpp>
#include <interop/timetable/fidelity.hpp>

#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
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

/** What the source has to compare: a timetable with dated sessions over its span, records of people or structures. */
bool has_timetable(const source& s) { return !s.ds.all<model::course>().empty() || !s.ds.all<model::session>().empty(); }
bool has_roster(const source& s) {
    return !s.ds.all<model::student>().empty() || !s.ds.all<model::staff>().empty() || !s.ds.all<model::school_class>().empty() ||
           !s.ds.all<model::group>().empty();
}

/**
 * The school a reader gives records of formats that name none, as a user would give it: the
 * first met in the order records are written, the one a format of one school keeps.
 */
interop::read_options options_back(const source& s) {
    interop::read_options opt;
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (const auto& r : s.ds.all<K>())
            if (opt.school.empty() && !r.school.empty()) opt.school = r.school;
    });
    return opt;
}

/** The source written as `to` in a scratch folder and read back (a format of one school given its school only): what the writer leaves must be enough. */
outcome through(const interop::registry& formats, const source& s, const std::string& to) {
    const auto& domains = formats.get(to).domains;
    auto holds = [&](const char* d) { return std::find(domains.begin(), domains.end(), d) != domains.end(); };
    // A format is compared on what its domains say it holds: a calendar on its sessions, not on the people it names them by.
    const bool timetable = has_timetable(s) && holds("timetable");
    const bool roster = has_roster(s) && (holds("people") || holds("structure") || holds("groups"));
    if (!timetable && !roster) return outcome::not_applicable("the input holds nothing " + to + " is compared on (a timetable; people or structures)");
    if (timetable && !s.span) return outcome::skipped("the input gives no school year: give --school-year FIRST:LAST");
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
            writer_format.make_reader(writer_format.one_school ? options_back(s) : interop::read_options{})->read(in, sink, diags);
        } catch (const interop::parse_error& e) {
            return outcome::failed(std::string("what it wrote cannot be read back: ") + e.what());
        }
    }
    std::string counts;
    std::vector<std::string> findings;
    if (timetable) {
        const auto f = interop::timetable::compare_sessions(s.ds, back, losses, s.span->first, s.span->second);
        counts = std::to_string(f.sessions) + " dated sessions: " + std::to_string(f.survived) + " back unchanged, " + std::to_string(f.declared) +
                 " declared lost";
        findings.insert(findings.end(), f.findings.begin(), f.findings.end());
    }
    if (roster) {
        const auto f = interop::roster::compare_records(s.ds, back, losses);
        counts += std::string(counts.empty() ? "" : "; ") + std::to_string(f.records) + " records and links: " + std::to_string(f.survived) +
                  " back unchanged, " + std::to_string(f.declared) + " declared lost";
        findings.insert(findings.end(), f.findings.begin(), f.findings.end());
    }
    if (findings.empty()) return outcome::passed(counts + (losses.empty() ? "" : " (" + losses.counts_by_code() + ")"));
    auto o = outcome::failed_on(std::move(findings), "lost, changed or invented in silence");
    o.reason += "; " + counts;
    return o;
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
