// What every registered adapter must do, whatever its format.
#include <doctest/doctest.h>

#include "generator.hpp"
#include "support.hpp"

#include <interop/adapters.hpp>
#include <interop/diff/diff.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <cctype>

using namespace interop;

namespace {

const model::dataset& sample_dataset() {
    static const model::dataset ds = [] {
        model::dataset out;
        io::dataset_sink sink(out);
        generator::generate({.schools = 1, .seed = 11, .classes_per_level = 1}, sink);
        return out;
    }();
    return ds;
}

std::vector<std::string> hostile_inputs() {
    std::string binary(4096, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i * 7919 % 256);
    return {"", "\xEF\xBB\xBF", "{", "<", "<?xml version=\"1.0\"?>", std::string(100000, '['), binary,
            std::string("\xFF\xFE{\0\"\0", 6)}; // UTF-16 LE with a BOM
}

} // namespace

TEST_CASE("every adapter declares itself fully") {
    registry r;
    register_all_adapters(r);
    for (const auto& a : r.all()) {
        CAPTURE(a.name);
        CHECK(!a.name.empty());
        CHECK(std::all_of(a.name.begin(), a.name.end(), [](char c) { return std::islower(c) || std::isdigit(c) || c == '-'; }));
        CHECK(!a.title.empty());
        CHECK(!a.domains.empty());
        for (const auto& d : a.domains) CHECK(std::find(std::begin(all_domains), std::end(all_domains), d) != std::end(all_domains));
        CHECK((a.can_read() || a.can_write()));
        if (a.can_read()) CHECK(static_cast<bool>(a.identify));
    }
}

TEST_CASE("identify is silent on hostile input, and readers fail with a typed error") {
    registry r;
    register_all_adapters(r);
    for (const auto& a : r.all()) {
        if (!a.can_read()) continue;
        for (const auto& text : hostile_inputs()) {
            CAPTURE(a.name);
            CAPTURE(text.size());
            const auto in = io::input::from_memory("hostile", text);
            confidence c = confidence::yes;
            CHECK_NOTHROW(c = a.identify(in));
            CHECK(c == confidence::no);
            model::dataset ds;
            io::dataset_sink sink(ds);
            diagnostics diags;
            CHECK_THROWS_AS(a.make_reader({})->read(in, sink, diags), parse_error);
        }
    }
}

TEST_CASE("what an adapter writes, it recognises and reads back") {
    registry r;
    register_all_adapters(r);
    test::temp_dir dir("contract");
    for (const auto& a : r.all()) {
        if (!a.can_write() || !a.can_read()) continue;
        CAPTURE(a.name);
        const auto path = dir / ("out." + a.name);
        auto writer = a.make_writer(path);
        io::replay(sample_dataset(), *writer);
        const auto in = io::input::open(path);
        CHECK(a.identify(in) == confidence::yes);
        CHECK(r.identify(in).name == a.name);
        model::dataset back;
        io::dataset_sink sink(back);
        diagnostics diags;
        a.make_reader({})->read(in, sink, diags);
        if (a.round_trips) {
            CHECK(back == sample_dataset());
        } else {
            // A lossy format may drop records and fields, never invent a record.
            CHECK(back.size() > 0);
            for (const auto& c : diff(sample_dataset(), back).changes)
                CHECK_MESSAGE((c.op != change_op::created || (a.expands_timetable && c.kind == "session")), c.kind, " ", c.id);
        }
        // Truncated output is refused with a position, not read as less data (a folder: each of its files cut).
        auto half_of = [](const std::string& text) {
            auto half = text.size() / 2;
            while (half > 1 && text[half - 1] == '\n') --half; // NDJSON cut at a line end is a shorter, valid file
            return text.substr(0, half);
        };
        const auto cut_path = dir / ("cut." + a.name);
        if (std::filesystem::is_directory(path)) {
            std::filesystem::copy(path, cut_path, std::filesystem::copy_options::recursive);
            for (const auto& f : std::filesystem::recursive_directory_iterator(cut_path))
                if (f.is_regular_file()) test::write_file(f.path(), half_of(test::read_file(f.path())));
        }
        const auto cut = std::filesystem::is_directory(path) ? io::input::open(cut_path) : io::input::from_memory("cut." + a.name, half_of(test::read_file(path)));
        model::dataset partial;
        io::dataset_sink partial_sink(partial);
        CHECK_THROWS_AS(a.make_reader({})->read(cut, partial_sink, diags), parse_error);
    }
}
