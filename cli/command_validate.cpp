#include "commands.hpp"
#include "options.hpp"

#include <interop/validate/validate.hpp>

#include <iostream>

namespace interop::cli {
namespace {

constexpr const char* validate_help = R"(usage: interop validate [--from FORMAT] [--strict] [--school UAI] [--school-year FIRST:LAST] [--key PEM] [--partner NAME] [--mapping FILE] FILE

Reads FILE and checks it: references between records, UAI format and check letter, date
order, sessions inside the school year, overlapping courses and sessions, duplicate ids.
Prints one line per finding on stderr and a summary on stdout.
--strict turns every warning into an error (a wrong UAI check letter among them).
Exit code 1 when there is any error.
)";

} // namespace

int validate_command(const registry& reg, const args& a) {
    options o(a, {"--strict"}, {"--from", "--school", "--school-year", "--key", "--partner", "--mapping"});
    if (o.flag("--help")) return help(validate_help);
    o.expect_positional(1, "interop validate [--from FORMAT] [--strict] [--school UAI] [--school-year FIRST:LAST] [--key PEM] [--partner NAME] [--mapping FILE] FILE");
    diagnostics read_diags;
    const auto ds = read_dataset(reg, o.positional()[0], o.value("--from"), read_diags, reading_options(o));
    auto found = validate(ds);
    for (const auto& d : read_diags.items()) found.add(d);
    if (o.flag("--strict")) found.promote_warnings(); // the reader's warnings too
    print_diagnostics(found);
    std::cout << o.positional()[0] << ": " << ds.size() << " records, " << found.count(severity::error) << " errors, "
              << found.count(severity::warning) << " warnings\n";
    return found.has_errors() ? invalid_data : ok;
}

} // namespace interop::cli
