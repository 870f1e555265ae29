// interop-bench-aaf: the AAF reader against the floor, in the same run, at two sizes.
// The generator writes academy-scale AAF Complet deliveries (a quarter of N schools, then N
// collèges of about 600 pupils, 900 guardians and 58 staff each, split in files of 20,000
// requests); each is read by:
//   bare-sax2   libxml2's SAX2 push parser with empty callbacks over every file (the floor)
//   aaf-reader    the AAF adapter over the folder, into a sink that counts the records
//   aaf-4MiB-idx  the same with the guardian index held to 4 MiB (read_options::max_index_bytes):
//                 past it, the guardians' files are read once per slice of the index
// They run alternately, each in a child process: median wall time of R runs, peak RSS, and
// the median of the runs' floor/reader ratios (the machine is shared and noisy).
//   interop-bench-aaf [--schools N] [--runs R] WORKDIR

#include "aaf_delivery.hpp"
#include "bare_libxml2.hpp"
#include "generator.hpp"
#include "harness.hpp"

#include <interop/adapters.hpp>

#include <cstdio>
#include <iostream>

namespace fs = std::filesystem;

namespace {

struct counting_sink : interop::io::record_sink {
    std::size_t records = 0;
    void on_record(interop::model::any_record&&) override { ++records; }
};

struct delivery {
    fs::path dir;
    double mb = 0;
    std::size_t requests = 0;
};

delivery generate(const fs::path& dir, int schools) {
    if (!fs::exists(dir)) {
        auto writer = interop::generator::make_aaf_delivery_writer(dir);
        interop::generator::generate({.schools = schools, .seed = 2025, .classes_per_level = 5}, *writer);
    }
    delivery d{dir};
    for (const auto& f : fs::directory_iterator(dir)) d.mb += static_cast<double>(fs::file_size(f.path())) / 1e6;
    return d;
}

/** Reads with the default options, or with the guardian index held to `index_budget` bytes. */
std::size_t read_with_adapter(const fs::path& dir, std::size_t index_budget = 0) {
    interop::registry r;
    interop::register_all_adapters(r);
    counting_sink sink;
    interop::diagnostics diags;
    interop::read_options opt;
    if (index_budget) opt.max_index_bytes = index_budget;
    r.get("aaf").make_reader(opt)->read(interop::io::input::open(dir), sink, diags);
    if (diags.has_errors()) throw std::runtime_error(diags.items().front().to_string());
    return sink.records;
}

constexpr std::size_t bounded_budget = 4U << 20;

struct measured {
    interop::bench::paired unbounded, bounded;
};

measured measure(const delivery& d, int runs) {
    auto floor = [&] {
        for (const auto& f : fs::directory_iterator(d.dir)) interop::bench::bare_sax2(f.path());
    };
    const measured m{interop::bench::measure_pair(floor, [&] { read_with_adapter(d.dir); }, runs),
                     interop::bench::measure_pair(floor, [&] { read_with_adapter(d.dir, bounded_budget); }, runs)};
    if (!m.unbounded.subject.ok || !m.bounded.subject.ok) throw std::runtime_error("a run failed");
    return m;
}

void print(const delivery& d, const measured& m) {
    const std::size_t records = read_with_adapter(d.dir);
    std::printf("%s: %.0f MB, %zu records\n", d.dir.filename().c_str(), d.mb, records);
    for (const auto& [name, x] : {std::pair{"bare-sax2", m.unbounded.floor}, std::pair{"aaf-reader", m.unbounded.subject},
                                  std::pair{"aaf-4MiB-idx", m.bounded.subject}})
        std::printf("  %-12s %8.2f s %8.1f MB/s %11.0f records/s %8.1f MB peak\n", name, x.seconds, d.mb / x.seconds,
                    static_cast<double>(records) / x.seconds, x.peak_mb);
    std::printf("  throughput, median of the runs' ratios to the floor: aaf-reader %.0f%%, aaf-4MiB-idx %.0f%%\n", 100 * m.unbounded.ratio,
                100 * m.bounded.ratio);
}

} // namespace

int main(int argc, char** argv) {
    const auto args = interop::bench::parse_arguments(argc, argv, "interop-bench-aaf", "--schools", 840, 4);
    if (!args) return 2;
    const int schools = args->size, runs = args->runs;
    const fs::path work = args->work;
    try {
        std::printf("%d runs each: median time, largest peak RSS\n", runs);
        // Generated and measured first, counted last: the children must not inherit the parent's heap.
        const auto small = generate(work / ("aaf-" + std::to_string(schools / 4)), schools / 4);
        const auto large = generate(work / ("aaf-" + std::to_string(schools)), schools);
        const auto small_m = measure(small, runs), large_m = measure(large, runs);
        print(small, small_m);
        print(large, large_m);
    } catch (const std::exception& e) {
        std::cerr << "interop-bench-aaf: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
