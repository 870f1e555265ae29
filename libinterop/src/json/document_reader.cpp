// Streaming reader of the canonical document: a SAX pass over the whole input that
// captures one record at a time, so memory is bounded by the largest record.

#include "bounded_parse.hpp"
#include "counting_stream.hpp"
#include "record_table.hpp"

#include <interop/json/canonical.hpp>

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace interop::json {
namespace {

using namespace detail;
using SizeType = rapidjson::SizeType;
constexpr const char* document_format = "canonical json";

/** Failure raised inside the SAX handler; the reader adds the position. */
struct handler_failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class document_handler {
public:
    document_handler(const std::string& file, io::record_sink& sink, diagnostics& diags, const limits& lim,
                     const counting_stream& stream)
        : m_file(file), m_sink(sink), m_diags(diags), m_limits(lim), m_stream(stream), m_capture_writer(m_capture) {}

    bool Null() { return scalar([&] { m_capture_writer.Null(); }, "null"); }
    bool Bool(bool b) { return scalar([&] { m_capture_writer.Bool(b); }, "a boolean"); }
    bool Int(int i) { return scalar([&] { m_capture_writer.Int(i); }, "a number"); }
    bool Uint(unsigned u) { return scalar([&] { m_capture_writer.Uint(u); }, "a number"); }
    bool Int64(int64_t i) { return scalar([&] { m_capture_writer.Int64(i); }, "a number"); }
    bool Uint64(uint64_t u) { return scalar([&] { m_capture_writer.Uint64(u); }, "a number"); }
    bool Double(double d) { return scalar([&] { m_capture_writer.Double(d); }, "a number"); }
    bool RawNumber(const char*, SizeType, bool) { return false; }
    bool String(const char* s, SizeType n, bool) {
        if (m_mode == mode::root && m_depth > 0) return root_string({s, n});
        if (m_mode == mode::metadata_extensions) {
            m_metadata.extensions[m_key].assign(s, n);
            return true;
        }
        if (m_mode == mode::metadata_covers) {
            m_metadata.covers.emplace_back(s, n);
            return true;
        }
        return scalar([&] { m_capture_writer.String(s, n); }, "a string");
    }
    bool Key(const char* s, SizeType n, bool) {
        if (m_mode == mode::capture) m_capture_writer.Key(s, n);
        else if (m_mode == mode::root || m_mode == mode::metadata_extensions) m_key.assign(s, n);
        return true;
    }
    bool StartObject() { return open(true); }
    bool StartArray() { return open(false); }
    bool EndObject(SizeType) { return close(true); }
    bool EndArray(SizeType) { return close(false); }

    void finish() {
        if (!m_schema_seen) throw handler_failure("no interop_schema member: not a canonical document");
        emit_metadata();
        m_sink.on_end();
    }

private:
    enum class mode { root, collection, capture, skip, metadata_extensions, metadata_covers };

    template <class F> bool scalar(F&& forward, const char* what) {
        switch (m_mode) {
        case mode::capture: forward(); return true;
        case mode::skip: return true;
        case mode::collection: throw handler_failure(std::string("records must be objects, found ") + what);
        case mode::metadata_extensions: throw handler_failure(std::string("extensions: expected a string, found ") + what);
        case mode::metadata_covers: throw handler_failure(std::string("covers: expected kind names, found ") + what);
        case mode::root:
            if (m_depth == 0) throw handler_failure("the document must be an object");
            return root_other(what);
        }
        return true;
    }

    bool open(bool object) {
        if (++m_depth > m_limits.max_depth)
            throw handler_failure("nesting deeper than " + std::to_string(m_limits.max_depth) + " levels");
        if (m_depth == 1) {
            if (!object) throw handler_failure("the document must be an object");
            return true;
        }
        switch (m_mode) {
        case mode::capture: object ? m_capture_writer.StartObject() : m_capture_writer.StartArray(); return true;
        case mode::skip: return true;
        case mode::collection:
            if (!object) throw handler_failure("records must be objects, found an array");
            begin_capture();
            return true;
        case mode::metadata_extensions: throw handler_failure("extensions: expected a string, found an object or array");
        case mode::metadata_covers: throw handler_failure("covers: expected kind names, found an object or array");
        case mode::root:
            if (!object && m_key == "covers") {
                m_mode = mode::metadata_covers;
                return true;
            }
            if (!object) return begin_collection();
            if (m_key == "extensions") {
                m_mode = mode::metadata_extensions;
                return true;
            }
            root_other("an object");
            start_skip(); // an unknown member's object value is passed over whole
            return true;
        }
        return true;
    }

    bool close(bool object) {
        const std::size_t depth = m_depth--;
        switch (m_mode) {
        case mode::capture:
            object ? m_capture_writer.EndObject() : m_capture_writer.EndArray();
            if (depth == 3) end_capture();
            return true;
        case mode::skip:
            if (depth == m_skip_depth) m_mode = mode::root;
            return true;
        case mode::collection:
        case mode::metadata_extensions:
        case mode::metadata_covers: m_mode = mode::root; return true;
        case mode::root: return true;
        }
        return true;
    }

    template <class Parse> auto parse_meta(std::string_view value, Parse parse, const char* expected) {
        auto parsed = parse(value);
        if (!parsed) throw handler_failure(m_key + ": expected " + expected);
        return *parsed;
    }

    bool root_string(std::string_view value) {
        if (m_key == "interop_schema") {
            if (auto warning = check_schema_version(value, m_file, m_stream.line()))
                m_diags.add(severity::warning, "json.newer-minor", "", *warning, where());
            m_schema_seen = true;
        } else if (m_key == "generator") m_metadata.generator = std::string(value);
        else if (m_key == "source") m_metadata.source = std::string(value);
        else if (m_key == "generated_at") m_metadata.generated_at = parse_meta(value, model::parse_date_time, "an RFC 3339 date-time");
        else if (m_key == "scope") m_metadata.scope = parse_meta(value, model::parse_enum<model::scope>, "full or delta");
        else return root_other("a string");
        return true;
    }

    /** A root member that is not a collection: a metadata key of the wrong type, or unknown. */
    bool root_other(const char* what) {
        if (is_metadata_key(m_key)) throw handler_failure(m_key + ": expected a string, found " + std::string(what));
        unknown_member(m_key);
        return true;
    }

    static bool is_metadata_key(const std::string& k) {
        return k == "interop_schema" || k == "generator" || k == "source" || k == "generated_at" || k == "scope" || k == "covers" ||
               k == "extensions";
    }

    bool begin_collection() {
        m_parser = parser_for_collection(m_key);
        if (!m_parser) {
            unknown_member(m_key);
            start_skip();
            return true;
        }
        if (!m_schema_seen) throw handler_failure("interop_schema must come before the first collection (\"" + m_key + "\")");
        emit_metadata();
        m_collection = m_key;
        m_mode = mode::collection;
        return true;
    }

    void start_skip() {
        m_mode = mode::skip;
        m_skip_depth = m_depth;
    }

    void unknown_member(const std::string& key) {
        m_diags.add(severity::warning, "json.unknown-member", "", "unknown top-level member \"" + key + "\" ignored", where());
    }

    void begin_capture() {
        m_capture.Clear();
        m_capture_writer.Reset(m_capture);
        m_capture_writer.StartObject();
        m_record_line = m_stream.line();
        m_mode = mode::capture;
    }

    void end_capture() {
        m_mode = mode::collection;
        if (m_capture.GetSize() > m_limits.max_record_bytes)
            throw handler_failure("a record in \"" + m_collection + "\" is larger than " + std::to_string(m_limits.max_record_bytes) + " bytes");
        rapidjson::Document doc;
        if (auto failure = parse_bounded({m_capture.GetString(), m_capture.GetSize()}, doc, m_limits.max_depth))
            throw handler_failure(failure->message);
        std::vector<std::string> unknown;
        model::any_record rec;
        try {
            rec = m_parser(doc, unknown);
        } catch (const value_error& e) {
            throw handler_failure(m_collection + ": " + e.what());
        }
        for (const auto& name : unknown)
            m_diags.add(severity::warning, "json.unknown-field", record_label(rec), "unknown field \"" + name + "\" ignored",
                        {m_file, m_record_line, 0});
        m_sink.on_record(std::move(rec));
    }

    void emit_metadata() {
        if (m_metadata_sent) return;
        m_metadata_sent = true;
        m_sink.on_metadata(m_metadata);
    }

    position where() const { return {m_file, m_stream.line(), m_stream.column()}; }

    const std::string& m_file;
    io::record_sink& m_sink;
    diagnostics& m_diags;
    const limits& m_limits;
    const counting_stream& m_stream;

    mode m_mode = mode::root;
    std::size_t m_depth = 0;
    std::size_t m_skip_depth = 0;
    std::string m_key;
    std::string m_collection;
    record_parser m_parser = nullptr;
    bool m_schema_seen = false;
    bool m_metadata_sent = false;
    model::metadata m_metadata;
    std::uint64_t m_record_line = 0;
    rapidjson::StringBuffer m_capture;
    rapidjson::Writer<rapidjson::StringBuffer> m_capture_writer;
};

constexpr unsigned stream_flags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

} // namespace

void read_document(std::istream& in, const std::string& file, io::record_sink& sink, diagnostics& diags, const limits& lim) {
    counting_stream stream(in, lim.max_input_bytes);
    if (stream.Peek() == '\xEF') { // UTF-8 byte order mark
        for (int i = 0; i < 3; ++i) stream.Take();
    }
    document_handler handler(file, sink, diags, lim, stream);
    rapidjson::Reader reader;
    try {
        auto result = reader.Parse<stream_flags>(stream, handler);
        if (result.IsError())
            throw parse_error({file, stream.line(), stream.column()}, document_format, rapidjson::GetParseError_En(result.Code()));
        handler.finish();
    } catch (const handler_failure& e) {
        throw parse_error({file, stream.line(), stream.column()}, document_format, e.what());
    } catch (const input_too_large& e) {
        throw parse_error({file, stream.line(), stream.column()}, document_format, e.what());
    }
}

} // namespace interop::json
