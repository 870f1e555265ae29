#include "commands.hpp"
#include "options.hpp"

#include <interop/adapter/support.hpp>
#include <interop/calendar/completing_sink.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <iostream>

namespace interop::cli {
namespace {

constexpr const char* convert_help = R"(usage: interop convert [--strict] [--force] [--from FORMAT] [--school UAI] [--school-year FIRST:LAST] [--zone Z] [--holidays FILE] [--key PEM] [--partner NAME] [--mapping FILE] --to FORMAT IN OUT

Reads IN (a file, a folder or a zip) and writes OUT in another format, record by record.
Without --from the input format is identified from its content. OUT "-" is standard output.
The output file appears only once the conversion has succeeded. An output folder that holds
files already is refused; --force replaces the files the format writes there.

What the output format has no place for is declared, never dropped in silence: a warning per
reason with a count and the first records, then a summary line (records read, written, lost
by reason). An error in the input (a row the reader had to leave out) fails the conversion
(exit 1), once the rest is written. --strict fails it on any loss, a reader's warning
included, and then leaves OUT as it was.

Timetable products that know no school nor dates (aSc, FET, Untis) need them told:
--school gives their records a UAI; --school-year (2025-09-01:2026-07-03) lays their week
cycles (week A/B) on the school year. iCalendar and jCal write one file when OUT ends in
.ics (.json), else a folder with a calendar per class, group, teacher, pupil and room.

Timetables that come without holidays get them with --zone (A, B, C, corse, overseas: the
holiday zone of schools the input does not give one) or --holidays FILE (the ministry's
per-zone .ics, its calendar dataset as CSV or JSON, or a zone;label;start;end table, updating
the dates the library ships): for each school with courses and each of its school years
without a calendar, its zone's school holidays and its public holidays are added, so that
iCalendar feeds and expansions skip them.

An encrypted EDT export (EXPORT_INDEX_EDUCATION) is read with the partner's RSA private
key (--key FILE, PEM) and, when the container is for several partners, --partner NAME.

A spreadsheet read as csv-mapped takes its mapping (JSON: kind, column → field, separator,
encoding, date formats) from --mapping FILE, or from NAME.mapping.json beside NAME.csv in a
folder or zip. Written as csv-mapped, OUT is a folder: the mappings already in it say which
kind goes in which file and how; an empty folder gets every kind with a column per field.
)";

std::optional<model::holiday_zone> zone_of(const options& o) {
    auto z = o.value("--zone");
    if (!z) return std::nullopt;
    // Zones are named A, B, C (upper case) and corse, overseas (lower case); either case is taken.
    auto name = z->size() == 1 ? std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>((*z)[0])))) : adapter_support::lower_ascii(*z);
    auto zone = model::parse_enum<model::holiday_zone>(name);
    if (!zone) throw usage_error("--zone wants A, B, C, corse or overseas, not '" + *z + "'");
    return zone;
}

/** Counts the records on their way to the writer. */
class counting_sink : public io::record_sink {
public:
    explicit counting_sink(io::record_sink& next) : m_next(next) {}
    void on_metadata(const model::metadata& m) override { m_next.on_metadata(m); }
    void on_record(model::any_record&& r) override {
        ++count;
        m_next.on_record(std::move(r));
    }
    void on_end() override { m_next.on_end(); }
    std::size_t count = 0;

private:
    io::record_sink& m_next;
};

/** `converted: 420 records read, 401 written, 19 lost (loss.kind 12, loss.weekday 7); 3 parts of records left out (loss.sts-emp.rooms 3)` */
std::string summary(std::size_t read, const io::loss_log& losses) {
    const std::size_t lost = losses.records_lost();
    std::size_t parts = 0;
    for (const auto& r : losses.reasons()) parts += r.whole ? 0 : r.count;
    std::string out = "converted: " + std::to_string(read) + " records read, " + std::to_string(read - std::min(read, lost)) + " written, " +
                      std::to_string(lost) + " lost";
    if (lost) out += " (" + losses.counts_by_code(true) + ")";
    if (parts) out += "; " + std::to_string(parts) + " parts of records left out (" + losses.counts_by_code(false) + ")";
    return out;
}

/** A private folder beside OUT that the output is written into first; removed when done. */
struct staging {
    explicit staging(const std::filesystem::path& out)
        : folder(io::output_folder_beside(out)), written(folder / (out.has_filename() ? out.filename() : out.parent_path().filename())) {}
    staging(const staging&) = delete;
    staging(staging&& o) noexcept : folder(std::move(o.folder)), written(std::move(o.written)) { o.folder.clear(); }
    ~staging() {
        std::error_code ec;
        if (!folder.empty()) std::filesystem::remove_all(folder, ec);
    }
    std::filesystem::path folder, written;
};

} // namespace

int convert_command(const registry& reg, const args& a) {
    options o(a, {"--strict", "--force"}, {"--from", "--to", "--school", "--school-year", "--zone", "--holidays", "--key", "--partner", "--mapping"});
    if (o.flag("--help")) return help(convert_help);
    o.expect_positional(2, "interop convert [--strict] [--force] [--from FORMAT] [--school UAI] [--school-year FIRST:LAST] [--zone Z] [--holidays FILE] [--key PEM] [--partner NAME] [--mapping FILE] --to FORMAT IN OUT");
    const auto opt = reading_options(o);
    const auto to = o.value("--to");
    if (!to) throw usage_error("convert needs --to FORMAT");
    const adapter_info& out_format = format_named(reg, *to);
    if (!out_format.can_write()) throw unsupported_format_error("format " + out_format.name + " cannot be written");
    diagnostics diags;
    io::loss_log losses;
    const std::filesystem::path out = o.positional()[1];
    const auto existing = o.flag("--force") ? io::existing_folder::overwrite : io::existing_folder::refuse;
    const bool strict = o.flag("--strict");
    // Under --strict the output is written aside and moved into place only if nothing was lost.
    const std::optional<staging> aside = strict && out != "-" ? std::optional<staging>(staging(out)) : std::nullopt;
    auto writer = open_writer(out_format, aside ? aside->written : out, {.losses = losses, .folder = aside ? io::existing_folder::replace : existing});
    counting_sink counted(*writer);
    if (!o.value("--zone") && !o.value("--holidays")) {
        read_input(reg, o.positional()[0], o.value("--from"), counted, diags, opt);
    } else {
        auto table = holiday_table_of(o);
        calendar::completing_sink completed(counted, table, zone_of(o), diags);
        read_input(reg, o.positional()[0], o.value("--from"), completed, diags, opt);
    }
    losses.report(diags);
    print_diagnostics(diags);
    std::cerr << summary(counted.count, losses) << '\n';
    // A reader's error left something out of the input (a row, an event): the output is not all of it.
    if (diags.has_errors()) std::cerr << "the input has " << diags.count(severity::error) << " error(s): what they name is not in the output\n";
    // Under --strict, a reader's warning is a loss too (an event left out, a structure not a school).
    const bool lost = !losses.empty() || diags.count(severity::warning) > 0;
    if (strict && lost) std::cerr << "--strict: something was lost; " << (aside ? out.string() + " is left as it was" : std::string("the output is incomplete")) << '\n';
    else if (aside) io::move_into_place(aside->written, out, existing);
    return diags.has_errors() || (strict && lost) ? invalid_data : ok;
}

} // namespace interop::cli
