// interop-conformance: the suites auditors run against vendor files, datasets and live hubs.
#include "api/hub_session.hpp"
#include "api_suite.hpp"
#include "dataset_suite.hpp"
#include "fidelity_suite.hpp"
#include "formats_suite.hpp"
#include "report.hpp"

#include <interop/adapters.hpp>
#include <interop/model/types.hpp>

#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

/** Defined in the build tree's build_commit.cpp, written at each build (cmake/WriteBuildCommit.cmake). */
const char* interop_build_commit();

namespace {

using namespace conformance;

constexpr const char* usage = R"(interop-conformance — checks vendor files, datasets and live hubs

usage: interop-conformance [options]

what to run (every suite by default; a suite without its input is skipped):
  --suite NAME          formats, dataset, fidelity, api or audit (repeatable)
  --case PATTERN        case ids matching a shell pattern, e.g. 'formats/aaf/*' (repeatable)
  --list                list the cases and exit

formats:  --corpus DIR (default: the corpus shipped with the tool)  --deviations FILE  --accept (write golden files)
dataset:  --input FILE|FOLDER (repeatable)  --format NAME  --school UAI  --school-year FIRST:LAST  --mapping FILE
fidelity: the same inputs, each a timetable, through every timetable format (asc, fet, untis, sts-emp, ical)
api:      --api-config FILE (base URL and clients, see docs/conformance.md)
audit:    --api-config FILE  --checkpoint SAVED.json  --save-checkpoint FILE

output:   --junit FILE  --json FILE  --html FILE  --quiet (failures and the summary only)

exit: 0 when every required case passes (PASSED), 1 when one fails (FAILED) or was not checked
(INCOMPLETE: a required case skipped for want of what it needs), 2 on a usage error
)";

struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct arguments {
    std::map<std::string, std::vector<std::string>> values;
    std::set<std::string> flags;
    std::optional<std::string> one(const std::string& name) const {
        const auto it = values.find(name);
        return it == values.end() ? std::nullopt : std::optional(it->second.back());
    }
    std::vector<std::string> all(const std::string& name) const {
        const auto it = values.find(name);
        return it == values.end() ? std::vector<std::string>{} : it->second;
    }
};

arguments parse(int argc, char** argv) {
    static const std::set<std::string> flags = {"--list", "--accept", "--quiet", "--help"};
    static const std::set<std::string> valued = {"--suite", "--case", "--corpus", "--deviations", "--input", "--format", "--school",
                                                 "--school-year", "--mapping", "--api-config", "--checkpoint", "--save-checkpoint",
                                                 "--junit", "--json", "--html"};
    arguments a;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (flags.count(arg)) a.flags.insert(arg);
        else if (valued.count(arg) && i + 1 < argc) a.values[arg].push_back(argv[++i]);
        else throw usage_error(valued.count(arg) ? arg + " needs a value" : "unknown argument " + arg);
    }
    for (const auto& s : a.all("--suite"))
        if (s != "formats" && s != "dataset" && s != "fidelity" && s != "api" && s != "audit") throw usage_error("no suite named " + s);
    return a;
}

interop::read_options read_options_of(const arguments& a) {
    interop::read_options opt;
    opt.school = a.one("--school").value_or("");
    if (auto m = a.one("--mapping")) opt.mapping = *m;
    if (auto year = a.one("--school-year")) {
        const auto colon = year->find(':');
        const auto first = interop::model::parse_date(year->substr(0, colon));
        const auto last = colon == std::string::npos ? std::nullopt : interop::model::parse_date(year->substr(colon + 1));
        if (!first || !last) throw usage_error("--school-year wants FIRST:LAST, two dates YYYY-MM-DD");
        opt.school_year = std::pair{*first, *last};
    }
    return opt;
}

/** The cases with `run` replaced by a skip saying what the suite needs. */
std::vector<test_case> skipping(std::vector<test_case> cases, const std::string& why) {
    for (auto& c : cases) {
        c.run = [why] { return outcome::skipped(why); };
        c.required = false; // the suite is not run: its cases neither pass nor leave the run incomplete
    }
    return cases;
}

/** The corpus of the source tree when the tool runs from its build, else the installed one. */
std::string default_corpus() {
    return std::filesystem::is_directory(INTEROP_CONFORMANCE_SOURCE_CORPUS) ? INTEROP_CONFORMANCE_SOURCE_CORPUS : INTEROP_CONFORMANCE_CORPUS;
}

template <class V> void append(std::vector<V>& to, std::vector<V> more) { std::move(more.begin(), more.end(), std::back_inserter(to)); }

std::vector<test_case> all_cases(const interop::registry& formats, const arguments& a, run_info& info) {
    std::vector<test_case> cases;
    formats_config f{a.one("--corpus").value_or(default_corpus()), a.one("--deviations").value_or(""), a.flags.count("--accept") > 0};
    if (f.deviations.empty() && std::filesystem::exists(f.corpus / "deviations.txt")) f.deviations = f.corpus / "deviations.txt";
    if (std::filesystem::is_directory(f.corpus)) info.inputs.push_back(checksum_input("corpus", f.corpus));
    append(cases, formats_cases(formats, f));

    dataset_config d;
    for (const auto& i : a.all("--input")) d.inputs.emplace_back(i);
    d.format = a.one("--format");
    d.options = read_options_of(a);
    for (const auto& i : a.all("--input"))
        if (std::filesystem::exists(i)) info.inputs.push_back(checksum_input("input", i));
    append(cases, d.inputs.empty() ? skipping(dataset_cases(formats, d), "no --input given") : dataset_cases(formats, d));
    append(cases, d.inputs.empty() ? skipping(fidelity_cases(formats, d), "no --input given") : fidelity_cases(formats, d));

    std::shared_ptr<api::hub_session> hub;
    if (auto file = a.one("--api-config")) {
        hub = std::make_shared<api::hub_session>(api::load_config(*file));
        info.targets.emplace_back("hub", hub->settings().base_url);
    }
    const audit_config audit{a.one("--checkpoint").value_or(""), a.one("--save-checkpoint").value_or("")};
    append(cases, hub ? api_cases(hub) : skipping(api_cases(hub), "no --api-config given"));
    append(cases, hub ? audit_cases(hub, audit) : skipping(audit_cases(hub, audit), "no --api-config given"));
    return cases;
}

std::string now_rfc3339() {
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

template <class F> void write_output(const std::optional<std::string>& file, F&& write) {
    if (!file) return;
    std::ofstream out(*file, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + *file);
    write(out);
}

int run(int argc, char** argv) {
    const auto a = parse(argc, argv);
    if (a.flags.count("--help")) {
        std::cout << usage;
        return 0;
    }
    interop::registry formats;
    interop::register_all_adapters(formats);
    run_info info{INTEROP_VERSION, interop_build_commit(), now_rfc3339(), {}, {}};
    const auto cases = all_cases(formats, a, info);
    const selection sel{a.all("--suite"), a.all("--case")};
    if (a.flags.count("--list")) {
        for (const auto& c : cases)
            if (sel.selects(c)) std::cout << c.id() << (c.required ? "" : "  (not required)") << "  " << c.description << '\n';
        return 0;
    }
    const bool quiet = a.flags.count("--quiet") > 0;
    write_terminal_header(std::cout, info);
    const auto results = run_cases(cases, sel, [quiet](const case_result& r) {
        if (!quiet || r.result.status == status::fail) write_terminal_line(std::cout, r);
    });
    write_terminal_summary(std::cout, results);
    write_output(a.one("--junit"), [&](std::ostream& o) { write_junit(o, info, results); });
    write_output(a.one("--json"), [&](std::ostream& o) { write_json(o, info, results); });
    write_output(a.one("--html"), [&](std::ostream& o) { write_html(o, info, results); });
    return verdict_of(results) == verdict::passed ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const usage_error& e) {
        std::cerr << "interop-conformance: " << e.what() << "\n\n" << usage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "interop-conformance: " << e.what() << '\n';
        return 2;
    }
}
