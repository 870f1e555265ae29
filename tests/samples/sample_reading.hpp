#pragma once
// What the sample tests share: reading a sample with the adapter that must identify it, and
// counting records per kind.

#include <doctest/doctest.h>

#include "support.hpp"

#include <interop/adapters.hpp>

#include <map>

namespace test {

struct sample_reading {
    interop::model::dataset ds;
    interop::diagnostics diags;
};

/** Reads `path` (under the samples folder) with `format`, which must identify it; no error allowed. */
inline sample_reading read_sample(const std::string& format, const std::filesystem::path& path, const interop::read_options& opt = {}) {
    interop::registry r;
    interop::register_all_adapters(r);
    sample_reading out;
    interop::io::dataset_sink sink(out.ds);
    const auto in = interop::io::input::open(samples_dir() / path);
    REQUIRE(r.identify(in).name == format);
    r.get(format).make_reader(opt)->read(in, sink, out.diags);
    CHECK_MESSAGE(out.diags.count(interop::severity::error) == 0, (out.diags.items().empty() ? "" : out.diags.items().front().to_string()));
    return out;
}

using count_map = std::map<std::string, std::size_t>;

/** Records per kind, kinds without any left out. */
inline count_map counts(const interop::model::dataset& ds) {
    count_map out;
    interop::model::for_each_kind([&]<class K>(std::type_identity<K>) {
        if (!ds.all<K>().empty()) out[std::string(K::kind)] = ds.all<K>().size();
    });
    return out;
}

} // namespace test
