// libFuzzer target: the input layer as an import meets it. The bytes are written as a file
// and opened (a zip archive when they start like one): entries listed, each read whole and by
// its head, every adapter's identify asked, and the one that claims it reads it under bounds.
// A zip's entries are then laid out as a folder (names kept when they stay inside it) and that
// folder is opened and identified too. Any interop::error is a refusal; anything else is a finding.
#include <interop/adapters.hpp>
#include <interop/errors.hpp>

#include "null_sink.hpp"
#include "scratch.hpp"

#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;

const interop::io::input_limits bounds{.max_entries = 256, .max_entry_bytes = 1U << 20};

/** Reads every entry to its end, and its head. */
void drain(const interop::io::input& in) {
    char buffer[4096];
    for (const auto& e : in.entries()) {
        (void)in.head(e, 512);
        (void)in.describe(e);
        const auto stream = in.open_entry(e);
        while (stream->read(buffer, sizeof buffer) || stream->gcount() > 0) {
        }
    }
}

/** Identifies the input; when exactly one adapter claims it, reads it. */
void identify_and_read(const interop::io::input& in) {
    const auto& registry = all_adapters();
    (void)registry.identify_all(in);
    interop::read_options options;
    options.max_records = 100'000;
    null_sink sink;
    interop::diagnostics diags(100);
    interop::read_bounded(registry.identify(in), in, sink, diags, options);
}

/** `name` when it stays inside a folder: relative, no `..`, not empty. */
bool stays_inside(const fs::path& name) {
    if (name.empty() || name.is_absolute() || name.has_root_name()) return false;
    for (const auto& part : name)
        if (part == ".." || part.empty()) return false;
    return true;
}

/** The zip's entries written out as a folder. */
void lay_out(const interop::io::input& zip, const fs::path& folder) {
    std::size_t n = 0;
    for (const auto& e : zip.entries()) {
        const fs::path name = stays_inside(e.name) ? fs::path(e.name) : fs::path("entry-" + std::to_string(n));
        ++n;
        std::error_code ec;
        fs::create_directories((folder / name).parent_path(), ec);
        if (ec) continue;
        std::ofstream out(folder / name, std::ios::binary);
        out << zip.open_entry(e)->rdbuf();
    }
}

template <class F> void refusals_allowed(F f) {
    try {
        f();
    } catch (const interop::error&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const scratch_folder scratch("fuzz-input");
    const fs::path file = scratch.path() / "upload", folder = scratch.path() / "folder";
    fs::remove_all(folder);
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    refusals_allowed([&] {
        const auto in = interop::io::input::open(file, bounds);
        refusals_allowed([&] { drain(in); });
        refusals_allowed([&] { identify_and_read(in); });
        if (in.type() != interop::io::input::kind::zip) return;
        lay_out(in, folder);
        const auto as_folder = interop::io::input::open(folder, bounds);
        refusals_allowed([&] { drain(as_folder); });
        refusals_allowed([&] { identify_and_read(as_folder); });
    });
    return 0;
}
