// interop-bench-json: speed and peak memory of the canonical readers, side by side with a
// baseline in the same run: RapidJSON parsing the same bytes into a DOM, without mapping
// anything to the model. Each measurement runs in a child process, so its peak RSS is its own.
//   interop-bench-json [--schools N] [--runs R] WORKDIR

#include "generator.hpp"

#include <interop/adapter/support.hpp>
#include <interop/json/canonical.hpp>

#include <rapidjson/document.h>

#include "harness.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;
using namespace interop;

namespace {

class counting_sink : public io::record_sink {
public:
    void on_record(model::any_record&&) override { ++m_count; }
    std::size_t count() const { return m_count; }

private:
    std::size_t m_count = 0;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}


struct mode {
    const char* name;
    const char* what;
    std::function<void()> work;
};

} // namespace

int main(int argc, char** argv) {
    const auto args = interop::bench::parse_arguments(argc, argv, "interop-bench-json", "--schools", 10, 1);
    if (!args) return 2;
    const int schools = args->size, runs = args->runs;
    const fs::path work = args->work;
    fs::create_directories(work);
    const fs::path doc = work / "academy.json", nd = work / "academy.ndjson";
    // Generated in a child: what it allocates would otherwise count in every measured child's RSS.
    const auto generation = interop::bench::in_child([&] {
        for (const auto& [path, ndjson] : {std::pair{doc, false}, std::pair{nd, true}}) {
            auto writer = adapter_support::committing_writer(path, ndjson ? json::make_ndjson_writer : json::make_document_writer);
            generator::generate({.schools = schools}, *writer);
        }
    });
    if (!generation.ok) return 1;
    const double mb = static_cast<double>(fs::file_size(doc)) / 1e6;

    const std::vector<mode> modes = {
        {"baseline-dom", "RapidJSON DOM parse of the document, no mapping", [&] {
             const std::string text = slurp(doc);
             rapidjson::Document d;
             d.Parse(text.data(), text.size());
             if (d.HasParseError()) throw std::runtime_error("parse error");
         }},
        {"document-stream", "read_document into a counting sink", [&] {
             std::ifstream in(doc, std::ios::binary);
             counting_sink sink;
             diagnostics diags;
             json::read_document(in, doc.string(), sink, diags);
         }},
        {"ndjson-stream", "read_ndjson into a counting sink", [&] {
             std::ifstream in(nd, std::ios::binary);
             counting_sink sink;
             diagnostics diags;
             json::read_ndjson(in, nd.string(), sink, diags);
         }},
        {"document-dataset", "read_document into an in-memory dataset", [&] {
             std::ifstream in(doc, std::ios::binary);
             model::dataset ds;
             io::dataset_sink sink(ds);
             diagnostics diags;
             json::read_document(in, doc.string(), sink, diags);
         }},
    };

    std::printf("input: %d schools, %.1f MB document, %.1f MB ndjson; %d runs each, median time, peak RSS\n", schools, mb,
                static_cast<double>(fs::file_size(nd)) / 1e6, runs);
    std::printf("%-18s %9s %9s %10s %12s  %s\n", "mode", "seconds", "MB/s", "peak MB", "time ratio", "what");
    double baseline = 0;
    for (const auto& m : modes) {
        const auto result = interop::bench::measure(m.work, runs);
        if (!result.ok) return 1;
        if (baseline == 0) baseline = result.seconds;
        std::printf("%-18s %9.3f %9.1f %10.1f %11.2fx  %s\n", m.name, result.seconds, mb / result.seconds, result.peak_mb,
                    result.seconds / baseline, m.what);
    }
    return 0;
}
