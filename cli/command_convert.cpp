#include "commands.hpp"
#include "options.hpp"

#include <interop/errors.hpp>

#include <iostream>

namespace interop::cli {
namespace {

constexpr const char* convert_help = R"(usage: interop convert [--from FORMAT] [--school UAI] [--school-year FIRST:LAST] [--key PEM] [--partner NAME] --to FORMAT IN OUT

Reads IN (a file, a folder or a zip) and writes OUT in another format, record by record.
Without --from the input format is identified from its content. OUT "-" is standard output.
The output file appears only once the conversion has succeeded.

Timetable products that know no school nor dates (aSc, FET, Untis) need them told:
--school gives their records a UAI; --school-year (2025-09-01:2026-07-03) lays their week
cycles (week A/B) on the school year. iCalendar and jCal write one file when OUT ends in
.ics (.json), else a folder with a calendar per class, group, teacher, pupil and room.

An encrypted EDT export (EXPORT_INDEX_EDUCATION) is read with the partner's RSA private
key (--key FILE, PEM) and, when the container is for several partners, --partner NAME.
)";

} // namespace

int convert_command(const registry& reg, const args& a) {
    options o(a, {}, {"--from", "--to", "--school", "--school-year", "--key", "--partner"});
    if (o.flag("--help")) return help(convert_help);
    o.expect_positional(2, "interop convert [--from FORMAT] [--school UAI] [--school-year FIRST:LAST] [--key PEM] [--partner NAME] --to FORMAT IN OUT");
    const auto opt = reading_options(o);
    const auto to = o.value("--to");
    if (!to) throw usage_error("convert needs --to FORMAT");
    const adapter_info& out_format = format_named(reg, *to);
    if (!out_format.can_write()) throw unsupported_format_error("format " + out_format.name + " cannot be written");
    diagnostics diags;
    auto writer = out_format.make_writer(o.positional()[1]);
    read_input(reg, o.positional()[0], o.value("--from"), *writer, diags, opt);
    print_diagnostics(diags);
    return ok;
}

} // namespace interop::cli
