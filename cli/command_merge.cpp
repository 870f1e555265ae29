#include "commands.hpp"
#include "options.hpp"

#include <interop/errors.hpp>
#include <interop/io/sink.hpp>
#include <interop/merge/merge.hpp>

#include <iostream>

namespace interop::cli {
namespace {

constexpr const char* merge_help = R"(usage: interop merge [--to FORMAT] IN IN... OUT

Reads every IN (each in the format identified from its content: AAF, SIECLE, STS-Web, ONDE,
canonical JSON, …) and writes one dataset to OUT where the same pupil, guardian or teacher
is one record carrying all its identifiers. The first IN is the primary: its ids are kept,
and its values win a conflict, which is reported. How each person was recognised (shared
external id, INE, names and birth date, names and a pupil in common) is reported with its
confidence. OUT is canonical JSON unless --to names another writable format (or OUT ends
in .ndjson).
)";

} // namespace

int merge_command(const registry& reg, const args& a) {
    options o(a, {}, {"--to"});
    if (o.flag("--help")) return help(merge_help);
    const auto& paths = o.positional();
    if (paths.size() < 3) throw usage_error("merge needs at least two inputs and an output: interop merge [--to FORMAT] IN IN... OUT");
    const std::string out = paths.back();
    const std::string to = o.value("--to").value_or(out.ends_with(".ndjson") ? "ndjson" : "json");
    const adapter_info& out_format = format_named(reg, to);
    if (!out_format.can_write()) throw unsupported_format_error("format " + out_format.name + " cannot be written");

    diagnostics diags;
    std::vector<model::dataset> sources;
    for (std::size_t i = 0; i + 1 < paths.size(); ++i) sources.push_back(read_dataset(reg, paths[i], std::nullopt, diags));
    const auto merged = merge(sources, diags);
    io::loss_log losses;
    auto writer = open_writer(out_format, out, {losses});
    io::replay(merged.dataset, *writer);
    losses.report(diags);
    print_diagnostics(diags);
    std::size_t by[3] = {0, 0, 0};
    for (const auto& l : merged.links) ++by[static_cast<int>(l.confidence)];
    std::size_t conflicts = 0;
    for (const auto& d : diags.items()) conflicts += d.code == "merge.conflict";
    std::cerr << "merged " << sources.size() << " inputs: " << merged.dataset.size() << " records, " << merged.links.size()
              << " people linked (" << by[0] << " high, " << by[1] << " medium, " << by[2] << " low confidence), " << conflicts << " conflicts\n";
    return ok;
}

} // namespace interop::cli
