#pragma once
/** @file Small helpers shared by adapters. */

#include <interop/adapter/registry.hpp>
#include <interop/json/canonical.hpp>
#include <interop/xml/reader.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

namespace interop::adapter_support {

/** The one file of a single-file format. @throws parse_error when the input holds several or none. */
const io::input::entry& only_entry(const io::input& in, std::string_view format);

/**
 * @throws parse_error naming `e` when it is empty. In a multi-file export an empty member is a
 * damaged transfer: reading the rest would take its records as deleted.
 */
void refuse_empty_member(const io::input& in, const io::input::entry& e, std::string_view format);

/** The JSON readers' bounds, from the options every reader honours. */
json::limits json_limits(const read_options& opt);

/** The XML readers' bounds, from the options every reader honours. */
xml::limits xml_limits(const read_options& opt);

/**
 * The first `n` bytes of an XML file from its root element on: the prolog before it (XML
 * declaration, comments, processing instructions, doctype), however long, is skipped, so that
 * a long leading comment does not hide the root from `identify`. Empty when no root starts
 * within `max_prolog` bytes. Never throws.
 */
std::string xml_root_head(const io::input& in, const io::input::entry& e, std::size_t n = 4096, std::size_t max_prolog = 64U << 20);

/** `text` without a leading UTF-8 byte order mark and white space. */
std::string_view skip_bom_and_space(std::string_view text);

/** `text` with ASCII letters in lower case (vendor names and codes compared without case). */
std::string lower_ascii(std::string text);

/** `text` without white space at either end. */
std::string trimmed(std::string_view text);

/** A count or code of at most 9 decimal digits (no sign, no space); nullopt otherwise, never a throw. */
std::optional<int> small_number(std::string_view text);

/** `a,b,,c` split at `separator` → {a, b, c}: empty parts left out. */
std::vector<std::string> split_nonempty(std::string_view text, char separator);

/** A new record of kind K with its id, school and where it was read. */
template <class K> K new_record(std::string id, std::string school, model::provenance where) {
    K k;
    k.id = std::move(id);
    k.school = std::move(school);
    k.provenance = std::move(where);
    return k;
}

/** Pushes one record of any kind into a sink. */
template <class K> void emit(io::record_sink& sink, K&& record) { sink.on_record(model::any_record{std::forward<K>(record)}); }

/**
 * For readers whose metadata comes from several places in the input (header comments, a
 * PARAMETRES element): forwards records, sending `metadata` once, just before the first
 * record (or at the end when there is none). Fill `metadata` while `sent()` is false.
 */
class metadata_first_sink : public io::record_sink {
public:
    metadata_first_sink(io::record_sink& next, model::metadata& m) : m_next(next), m_metadata(m) {}
    void on_record(model::any_record&& r) override {
        flush();
        m_next.on_record(std::move(r));
    }
    /** Sends the metadata if no record did; does not end the wrapped sink. */
    void on_end() override { flush(); }
    bool sent() const { return m_sent; }

private:
    void flush() {
        if (!m_sent) m_next.on_metadata(m_metadata);
        m_sent = true;
    }
    io::record_sink& m_next;
    model::metadata& m_metadata;
    bool m_sent = false;
};

/**
 * One XML file read into a sink, the frame of single-file XML readers: opens the only entry,
 * sends the metadata (filled by the callbacks as the file goes) before the first record, and
 * ends the sink once the file is parsed and `finish` has run.
 */
class single_xml_reading {
public:
    single_xml_reading(const io::input& in, std::string_view format, io::record_sink& sink)
        : m_format(format), m_entry(only_entry(in, format)), m_stream(in.open_entry(m_entry)), m_file(in.describe(m_entry)),
          m_first(sink, m_metadata), m_sink(sink) {
        m_metadata.source = std::string(format);
    }

    const std::string& file() const { return m_file; }
    model::metadata& metadata() { return m_metadata; }
    /** Where the reader's records go (the metadata first). */
    io::record_sink& records() { return m_first; }
    std::istream& stream() { return *m_stream; }
    /** Reads another stream instead, named `file` in messages (a decrypted container). */
    void replace_stream(std::unique_ptr<std::istream> s, std::string file) {
        m_stream = std::move(s);
        m_file = std::move(file);
    }

    void run(const xml::events& ev, const read_options& opt, const std::function<void()>& finish) {
        xml::read(*m_stream, m_file, m_format, ev, xml_limits(opt));
        finish();
        m_first.on_end();
        m_sink.on_end();
    }

private:
    std::string m_format;
    const io::input::entry& m_entry;
    std::unique_ptr<std::istream> m_stream;
    std::string m_file;
    model::metadata m_metadata;
    metadata_first_sink m_first;
    io::record_sink& m_sink;
};

/** Opens `out` and commits it once the wrapped writer has finished. */
std::unique_ptr<io::record_sink> committing_writer(const std::filesystem::path& out,
                                                   std::function<std::unique_ptr<io::record_sink>(std::ostream&)> make);

/**
 * For writers that need every record before writing (files per pupil, cross-references):
 * collects the records, then calls `write(dataset, out)` once, at the end.
 */
std::unique_ptr<io::record_sink> whole_dataset_writer(const std::filesystem::path& out,
                                                      std::function<void(const model::dataset&, const std::filesystem::path&)> write);

} // namespace interop::adapter_support
