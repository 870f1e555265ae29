#pragma once
// What the benchmarks share: each measurement runs in a child process, so that its peak
// resident memory is its own; the median of several runs is reported.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <functional>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace interop::bench {

struct measurement {
    double seconds = 0;       ///< median wall time
    double peak_mb = 0;       ///< largest peak RSS over the runs
    bool ok = false;
};

/** Runs `work` once in a child process. */
inline measurement in_child(const std::function<void()>& work) {
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        try {
            work();
            _exit(0);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "bench: %s\n", e.what());
            _exit(1);
        }
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    return {elapsed.count(), static_cast<double>(usage.ru_maxrss) / 1024, WIFEXITED(status) && WEXITSTATUS(status) == 0};
}

/** Runs `work` `runs` times, each in a child: median time, largest peak RSS. */
inline measurement measure(const std::function<void()>& work, int runs) {
    std::vector<double> times;
    measurement out;
    for (int r = 0; r < runs; ++r) {
        const auto m = in_child(work);
        if (!m.ok) return m;
        times.push_back(m.seconds);
        out.peak_mb = std::max(out.peak_mb, m.peak_mb);
    }
    std::sort(times.begin(), times.end());
    out.seconds = times[times.size() / 2];
    out.ok = true;
    return out;
}

/** A measurement beside its floor, run alternately so that both see the same machine. */
struct paired {
    measurement floor, subject;
    double ratio = 0; ///< median over the runs of floor time / subject time
};

/** Runs `floor` then `subject`, `runs` times over, each in a child process. */
inline paired measure_pair(const std::function<void()>& floor, const std::function<void()>& subject, int runs) {
    std::vector<double> floor_times, subject_times, ratios;
    paired out;
    for (int r = 0; r < runs; ++r) {
        const auto f = in_child(floor), s = in_child(subject);
        if (!f.ok || !s.ok) return out;
        floor_times.push_back(f.seconds);
        subject_times.push_back(s.seconds);
        ratios.push_back(f.seconds / s.seconds);
        out.floor.peak_mb = std::max(out.floor.peak_mb, f.peak_mb);
        out.subject.peak_mb = std::max(out.subject.peak_mb, s.peak_mb);
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    out.floor.seconds = median(floor_times);
    out.subject.seconds = median(subject_times);
    out.ratio = median(ratios);
    out.floor.ok = out.subject.ok = true;
    return out;
}

/** `[--SIZE N] [--runs R] WORKDIR`, the command line every benchmark takes. */
struct arguments {
    int size = 0; ///< schools or pupils, as the benchmark names it
    int runs = 3;
    std::filesystem::path work;
};

/** Parses the command line; nullopt (after printing the usage) when it is wrong or size < min_size. */
inline std::optional<arguments> parse_arguments(int argc, char** argv, const char* name, const std::string& size_flag, int size, int min_size) {
    arguments a{size, 3, {}};
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == size_flag && i + 1 < argc) a.size = std::atoi(argv[++i]);
        else if (arg == "--runs" && i + 1 < argc) a.runs = std::atoi(argv[++i]);
        else a.work = arg;
    }
    if (a.work.empty() || a.size < min_size || a.runs < 1) {
        std::fprintf(stderr, "usage: %s [%s N] [--runs R] WORKDIR\n", name, size_flag.c_str());
        return std::nullopt;
    }
    return a;
}

} // namespace interop::bench
