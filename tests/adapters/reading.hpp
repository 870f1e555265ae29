#pragma once
// What the adapter tests share: reading an input with a named adapter (checking that it is
// the one identified), and finding a record by id.

#include <doctest/doctest.h>

#include "paths.hpp"

#include <interop/adapters.hpp>
#include <interop/io/sink.hpp>

#include <algorithm>

namespace test {

/** Reads `in` with `adapter`, which must be the adapter `identify` picks unless told otherwise (hostile input). */
inline interop::model::dataset read_as(const std::string& adapter, const interop::io::input& in, interop::diagnostics& diags,
                                       bool identified = true) {
    interop::registry r;
    interop::register_all_adapters(r);
    if (identified) REQUIRE(r.identify(in).name == adapter);
    interop::model::dataset ds;
    interop::io::dataset_sink sink(ds);
    r.get(adapter).make_reader({})->read(in, sink, diags);
    return ds;
}

/** Reads `path` with `adapter` and these options, whatever `identify` says of it. */
inline interop::model::dataset read_with(const std::string& adapter, const std::filesystem::path& path, interop::diagnostics& diags,
                                         const interop::read_options& opt = {}) {
    interop::registry r;
    interop::register_all_adapters(r);
    interop::model::dataset ds;
    interop::io::dataset_sink sink(ds);
    r.get(adapter).make_reader(opt)->read(interop::io::input::open(path), sink, diags);
    return ds;
}

/** Reads `path` with `adapter` and checks that nothing was an error. */
inline interop::model::dataset read_as(const std::string& adapter, const std::filesystem::path& path) {
    interop::diagnostics diags;
    auto ds = read_as(adapter, interop::io::input::open(path), diags);
    CHECK_MESSAGE(diags.count(interop::severity::error) == 0, (diags.items().empty() ? "" : diags.items().front().to_string()));
    return ds;
}

/** The demo school, read from its canonical JSON. */
inline interop::model::dataset demo_school() { return read_as("json", std::filesystem::path(paths::source_dir()) / "examples" / "demo-school" / "demo-school.json"); }

/** Writes `ds` as `format` to `out` (a file or a folder, as the writer makes). */
inline void write_as(const std::string& format, const interop::model::dataset& ds, const std::filesystem::path& out) {
    interop::registry r;
    interop::register_all_adapters(r);
    interop::io::loss_log losses;
    auto writer = interop::open_writer(r.get(format), out, {losses});
    interop::io::replay(ds, *writer);
}

/** The dataset with each record's provenance naming its file without folders, for golden files. */
inline interop::model::dataset without_folders(interop::model::dataset ds) {
    interop::model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (auto& r : ds.all<K>()) r.provenance.file = std::filesystem::path(r.provenance.file).filename().string();
    });
    return ds;
}

/** The record of kind K with this id (and school, when given); fails the test when absent. */
template <class K> const K& find(const interop::model::dataset& ds, const std::string& id, const std::string& school = "") {
    const auto& all = ds.all<K>();
    const auto it = std::find_if(all.begin(), all.end(), [&](const K& r) { return r.id == id && (school.empty() || r.school == school); });
    REQUIRE_MESSAGE(it != all.end(), K::kind, " ", id, " is missing");
    return *it;
}

/** A record of kind K with its id, in the school of the hand-built fixtures (0130001F). */
template <class K> K fixture_record(const std::string& id) {
    K r;
    r.id = id;
    r.school = "0130001F";
    return r;
}

/** `YYYY-MM-DD` and RFC 3339 texts the test knows to be valid. */
inline interop::model::date day(const char* text) { return *interop::model::parse_date(text); }
inline interop::model::date_time when(const char* text) { return *interop::model::parse_date_time(text); }

} // namespace test
