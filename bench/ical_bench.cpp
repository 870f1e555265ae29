// interop-bench-ical: the iCalendar writer making a calendar for every class, group, teacher,
// pupil and room of generated collèges, side by side in the same run with libical
// serialising the same calendars (icalcomponent_as_ical_string_r, then written to files).
// Only the writing is timed on both sides: our writer from the records it is given to the
// files on disk (events built, serialised, written); libical from its parsed components to
// the files (parsing our output into libical components is done first and not counted).
//   interop-bench-ical [--schools N] [--runs R] WORKDIR

#include "generator.hpp"
#include "harness.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>
#include <interop/json/canonical.hpp>

#include <libical/ical.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace interop;
using clock_type = std::chrono::steady_clock;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/** A child reports the seconds it spent in the timed part through a file. */
void report(const fs::path& file, double seconds) { std::ofstream(file) << seconds; }
double reported(const fs::path& file) { return std::stod(slurp(file)); }

model::dataset load(const fs::path& ndjson) {
    model::dataset ds;
    io::dataset_sink sink(ds);
    diagnostics diags;
    std::ifstream in(ndjson, std::ios::binary);
    json::read_ndjson(in, ndjson.string(), sink, diags);
    return ds;
}

void ours(const fs::path& ndjson, const fs::path& out, const fs::path& result) {
    auto ds = load(ndjson);
    registry r;
    register_all_adapters(r);
    const auto start = clock_type::now();
    io::loss_log losses;
    auto writer = open_writer(r.get("ical"), out, {losses});
    io::replay(ds, *writer);
    report(result, std::chrono::duration<double>(clock_type::now() - start).count());
}

void libical(const fs::path& reference, const fs::path& out, const fs::path& result) {
    double seconds = 0;
    for (const auto& f : fs::recursive_directory_iterator(reference)) {
        if (!f.is_regular_file()) continue;
        icalcomponent* cal = icalparser_parse_string(slurp(f.path()).c_str());
        if (!cal) throw std::runtime_error("libical cannot parse " + f.path().string());
        const auto target = out / fs::relative(f.path(), reference);
        const auto start = clock_type::now();
        fs::create_directories(target.parent_path());
        char* text = icalcomponent_as_ical_string_r(cal);
        std::ofstream(target, std::ios::binary) << text;
        seconds += std::chrono::duration<double>(clock_type::now() - start).count();
        free(text);
        icalcomponent_free(cal);
    }
    report(result, seconds);
}

struct output_size {
    std::size_t files = 0, events = 0, bytes = 0;
};

output_size size_of(const fs::path& folder) {
    output_size out;
    for (const auto& f : fs::recursive_directory_iterator(folder)) {
        if (!f.is_regular_file()) continue;
        auto text = slurp(f.path());
        ++out.files;
        out.bytes += text.size();
        for (auto at = text.find("BEGIN:VEVENT"); at != std::string::npos; at = text.find("BEGIN:VEVENT", at + 1)) ++out.events;
    }
    return out;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    const auto args = bench::parse_arguments(argc, argv, "interop-bench-ical", "--schools", 5, 1);
    if (!args) return 2;
    const fs::path work = args->work, ndjson = work / "academy.ndjson", reference = work / "reference";
    fs::remove_all(work);
    fs::create_directories(work);
    // Generated in a child: what it allocates would otherwise count in every measured child's RSS.
    if (!bench::in_child([&] {
             auto writer = adapter_support::committing_writer(ndjson, json::make_ndjson_writer);
             generator::generate({.schools = args->size}, *writer);
         }).ok ||
        !bench::in_child([&] { ours(ndjson, reference, work / "unused"); }).ok)
        return 1;
    const auto size = size_of(reference);
    std::vector<double> ours_s, libical_s, ratios;
    bench::measurement ours_m, libical_m;
    for (int r = 0; r < args->runs; ++r) {
        fs::remove_all(work / "ours");
        fs::remove_all(work / "libical");
        auto l = bench::in_child([&] { libical(reference, work / "libical", work / "libical.s"); });
        auto o = bench::in_child([&] { ours(ndjson, work / "ours", work / "ours.s"); });
        if (!l.ok || !o.ok) return 1;
        libical_m.peak_mb = std::max(libical_m.peak_mb, l.peak_mb);
        ours_m.peak_mb = std::max(ours_m.peak_mb, o.peak_mb);
        libical_s.push_back(reported(work / "libical.s"));
        ours_s.push_back(reported(work / "ours.s"));
        ratios.push_back(libical_s.back() / ours_s.back());
    }
    const double mb = static_cast<double>(size.bytes) / 1e6, events = static_cast<double>(size.events);
    std::printf("%d schools: %zu calendars, %zu events, %.1f MB of iCalendar; %d runs, median\n", args->size, size.files, size.events, mb, args->runs);
    std::printf("%-34s %9s %12s %9s %9s\n", "writer", "seconds", "events/s", "MB/s", "peak MB");
    for (const auto& [name, times, m] : {std::tuple{"libical icalcomponent_as_ical_string", libical_s, libical_m},
                                         std::tuple{"interop ical writer (whole export)", ours_s, ours_m}}) {
        const double s = median(times);
        std::printf("%-34s %9.3f %12.0f %9.1f %9.1f\n", name, s, events / s, mb / s, m.peak_mb);
    }
    std::printf("ratio (libical time / interop time, median of runs): %.2fx\n", median(ratios));
    return 0;
}
