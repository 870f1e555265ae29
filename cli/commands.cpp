// formats, identify, and what the other commands share.

#include "commands.hpp"
#include "options.hpp"
#include "progress.hpp"

#include <interop/errors.hpp>

#include <iostream>

namespace interop::cli {

int help(const char* text) {
    std::cout << text;
    return ok;
}

void print_diagnostics(const diagnostics& diags) {
    for (const auto& d : diags.items()) std::cerr << d.to_string() << '\n';
    if (diags.dropped() > 0) std::cerr << "… and " << diags.dropped() << " more diagnostics not shown\n";
}

calendar::holiday_table holiday_table_of(const options& o) {
    auto table = calendar::official_holidays();
    if (auto file = o.value("--holidays")) table.update(calendar::read_holidays(io::input::open(*file)));
    return table;
}

const adapter_info& format_named(const registry& reg, const std::string& name) {
    try {
        return reg.get(name);
    } catch (const unsupported_format_error& e) {
        throw usage_error(e.what());
    }
}

void read_input(const registry& reg, const std::string& path, const std::optional<std::string>& from, io::record_sink& sink,
                diagnostics& diags, const read_options& opt) {
    const auto in = io::input::open(path);
    const adapter_info& adapter = from ? format_named(reg, *from) : reg.identify(in);
    progress_sink progress(sink, "reading " + path);
    read_bounded(adapter, in, progress, diags, opt);
}

model::dataset read_dataset(const registry& reg, const std::string& path, const std::optional<std::string>& from,
                            diagnostics& diags, const read_options& opt) {
    model::dataset ds;
    io::dataset_sink sink(ds);
    read_input(reg, path, from, sink, diags, opt);
    return ds;
}

read_options reading_options(const options& o) {
    read_options opt;
    if (auto school = o.value("--school")) opt.school = *school;
    if (auto key = o.value("--key")) opt.private_key = *key;
    if (auto partner = o.value("--partner")) opt.partner = *partner;
    if (auto mapping = o.value("--mapping")) opt.mapping = *mapping;
    if (auto year = o.value("--school-year")) {
        auto colon = year->find(':');
        auto first = model::parse_date(year->substr(0, colon));
        auto last = colon == std::string::npos ? std::nullopt : model::parse_date(year->substr(colon + 1));
        if (!first || !last || *last < *first) throw usage_error("--school-year wants FIRST:LAST, two dates YYYY-MM-DD in order, not '" + *year + "'");
        opt.school_year = std::pair{*first, *last};
    }
    return opt;
}

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
    return out;
}

constexpr const char* formats_help = R"(usage: interop formats

Lists the registered formats: name, read (R) and write (W) capabilities, domains, title.
)";

constexpr const char* identify_help = R"(usage: interop identify FILE...

Says which format each input (file, folder or zip) is in, from its content.
Exit code 3 when an input cannot be identified.
)";

} // namespace

int formats_command(const registry& reg, const args& a) {
    options o(a, {}, {});
    if (o.flag("--help")) return help(formats_help);
    o.expect_positional(0, "interop formats");
    for (const auto& f : reg.all())
        std::cout << f.name << '\t' << (f.can_read() ? "R" : "-") << (f.can_write() ? "W" : "-") << '\t' << join(f.domains) << '\t'
                  << f.title << '\n';
    return ok;
}

int identify_command(const registry& reg, const args& a) {
    options o(a, {}, {});
    if (o.flag("--help")) return help(identify_help);
    if (o.positional().empty()) throw usage_error("usage: interop identify FILE...");
    int code = ok;
    for (const auto& path : o.positional()) {
        try {
            const auto in = io::input::open(path);
            const std::string& name = reg.identify(in).name;
            std::cout << path << ": " << name << '\n';
        } catch (const error& e) {
            std::cout << path << ": unknown\n";
            std::cerr << e.what() << '\n';
            code = unreadable;
        }
    }
    return code;
}

} // namespace interop::cli
