#pragma once
/**
 * @file Adapters and their registry. An adapter reads a vendor format into the canonical
 * model, writes the model out in that format, or both. Adapters register explicitly;
 * `register_all_adapters()` (generated) registers every adapter built into the library.
 */

#include <interop/diagnostics.hpp>
#include <interop/io/input.hpp>
#include <interop/io/losses.hpp>
#include <interop/io/sink.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace interop {

/** What `identify` says of an input. */
enum class confidence { no, unsure, yes };
std::string_view to_string(confidence c);

/** Bounds every reader honours. */
struct read_options {
    std::uint64_t max_input_bytes = 16ULL << 30;
    std::size_t max_depth = 64;
    std::size_t max_record_bytes = 16U << 20;
    /** Memory a reader may keep to join files of one input (the AAF guardian index); past it, it reads again. */
    std::size_t max_index_bytes = 64U << 20;
    /** Records one input may give (`read_bounded`); past it, the read is refused. */
    std::uint64_t max_records = 50'000'000;
    /** Wall-clock seconds one input may take to read (`read_bounded`); 0: no bound. */
    double max_seconds = 0;
    /** UAI given to the records of formats that name no school (aSc, FET, Untis); empty: none. */
    std::string school;
    /**
     * First and last day of the school year, for formats whose weeks carry no dates (aSc, FET,
     * Untis): their week cycles are laid on the year from its first Monday. Without it, week
     * patterns keep their cycle position in extensions and list no weeks.
     */
    std::optional<std::pair<model::date, model::date>> school_year;
    /**
     * For encrypted exports (Index Education's EDT container): the partner's RSA private key
     * (PEM file) and the partner's name in the container (`PARTENAIRE@NOM`); without a name,
     * each partner's key block is tried.
     */
    std::filesystem::path private_key;
    std::string partner;
    /** For CSV read through a declared mapping (`csv-mapped`): the mapping file, when the input does not hold it. */
    std::filesystem::path mapping;
};

class reader {
public:
    reader() = default;
    reader(const reader&) = delete;
    reader& operator=(const reader&) = delete;
    virtual ~reader() = default;
    /**
     * Reads the input and pushes records into `sink`, then calls `sink.on_end()`. Anything it
     * cannot map is reported in `diags`.
     * @throws parse_error naming file, position and format; io_error.
     */
    virtual void read(const io::input& in, io::record_sink& sink, diagnostics& diags) = 0;
};

/** The model's domains, as adapters declare them. */
inline constexpr std::string_view all_domains[] = {"structure", "people", "groups", "timetable", "school_life", "news", "messaging"};

struct adapter_info {
    std::string name;  ///< short lowercase name used on command lines: json, aaf, ical, …
    std::string title; ///< human name
    std::vector<std::string> domains;
    std::vector<std::string> extensions; ///< without dot, informative only
    std::string media_type;
    /** Writing then reading gives back an equal dataset (the contract test holds it to that). */
    bool round_trips = false;
    /**
     * Writes courses as dated events (calendars): reading back gives sessions in their place,
     * the only records the contract test lets such a format add.
     */
    bool expands_timetable = false;
    /** Cheap and silent: looks at content markers, never throws. */
    std::function<confidence(const io::input&)> identify;
    /** Empty when the adapter cannot read. */
    std::function<std::unique_ptr<reader>(const read_options&)> make_reader;
    /**
     * Empty when the adapter cannot write. The writer finishes the file on `on_end()` and
     * declares in the options' loss log what it could not carry. Open it through `open_writer`.
     */
    std::function<std::unique_ptr<io::record_sink>(const std::filesystem::path& out, const io::write_options&)> make_writer;
    /** The kinds the writer carries (`every_kind` for all); `open_writer` declares the others lost. */
    std::vector<std::string_view> writes;
    /**
     * Of the kinds listed, the fields the writer carries (`id` and `school` always; `provenance`
     * and `extensions`, the source format's own, are not checked): `open_writer` declares each
     * other field a record holds as part of it lost (`loss.field.FIELD`). A kind not listed: every field.
     */
    std::map<std::string_view, std::vector<std::string_view>> fields_written = {};
    /**
     * Kinds of `writes` the writer is given to shape its output (a calendar per pupil, the weeks
     * of the year) but does not carry as records: `open_writer` passes them on and declares each
     * lost (`loss.used`).
     */
    std::vector<std::string_view> uses = {};
    /**
     * The format holds one school (aSc, FET, Untis, STS-Web emp): `open_writer` passes on the
     * records of the first school met and declares those of any other lost (`loss.school`).
     */
    bool one_school = false;

    bool can_read() const { return static_cast<bool>(make_reader); }
    bool can_write() const { return static_cast<bool>(make_writer); }
};

class registry {
public:
    /** Adds an adapter; adding a name already present changes nothing and returns false. */
    bool add(adapter_info info);
    /** nullptr when absent. */
    const adapter_info* find(std::string_view name) const;
    /** @throws unsupported_format_error naming the known formats. */
    const adapter_info& get(std::string_view name) const;
    const std::vector<adapter_info>& all() const { return m_adapters; }

    struct verdict {
        const adapter_info* adapter;
        interop::confidence confidence;
    };
    /** Every reading adapter's verdict on the input, in registration order. */
    std::vector<verdict> identify_all(const io::input& in) const;
    /**
     * The one adapter that reads this input: the only `yes`, or else the only `unsure`.
     * @throws unsupported_format_error when none or several match, naming the candidates.
     */
    const adapter_info& identify(const io::input& in) const;

private:
    std::vector<adapter_info> m_adapters;
};

/** Every kind of the model, for the `writes` of formats that carry them all. */
std::vector<std::string_view> every_kind();

/**
 * The adapter's writer for `out`. Records of kinds the format does not carry (outside its
 * `writes`) are declared in `opt.losses` (`loss.kind`) instead of reaching the writer.
 * @throws unsupported_format_error when the adapter cannot write; io_error.
 */
std::unique_ptr<io::record_sink> open_writer(const adapter_info& adapter, const std::filesystem::path& out, const io::write_options& opt);

/**
 * Reads `in` with `adapter` into `sink`, holding the read to `opt.max_records` and
 * `opt.max_seconds` besides the bounds each reader honours itself. Every caller that reads
 * untrusted input goes through here.
 * @throws limit_error naming the input, the record reached and the bound; what the reader throws.
 */
void read_bounded(const adapter_info& adapter, const io::input& in, io::record_sink& sink, diagnostics& diags,
                  const read_options& opt);

} // namespace interop
