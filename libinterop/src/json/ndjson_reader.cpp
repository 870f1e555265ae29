// NDJSON: an optional header line `{"kind":"dataset","interop_schema":"1.0",…}`, then one
// record a line with its kind. Each line is parsed on its own, with the same bounds.

#include "bounded_parse.hpp"
#include "line_reader.hpp"
#include "record_table.hpp"

#include <interop/json/canonical.hpp>

#include <stdexcept>

namespace interop::json {
namespace {

using namespace detail;
constexpr const char* ndjson_format = "canonical ndjson";

void strip_bom(std::string& line) {
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
}

model::metadata read_header(const rapidjson::Value& v, const std::string& file, std::uint64_t line, diagnostics& diags) {
    auto version = v.FindMember("interop_schema");
    if (version == v.MemberEnd() || !version->value.IsString())
        throw parse_error({file, line, 0}, ndjson_format, "the dataset header has no interop_schema string");
    if (auto warning = check_schema_version(version->value.GetString(), file, line))
        diags.add(severity::warning, "json.newer-minor", "", *warning, {file, line, 0});
    model::metadata meta;
    try {
        read_fields(v, meta, "", {"kind", "interop_schema"});
    } catch (const value_error& e) {
        throw parse_error({file, line, 0}, ndjson_format, std::string("dataset header: ") + e.what());
    }
    return meta;
}

class ndjson_reader {
public:
    ndjson_reader(const std::string& file, io::record_sink& sink, diagnostics& diags)
        : m_file(file), m_sink(sink), m_diags(diags) {}

    void line(const rapidjson::Value& v, std::uint64_t number) {
        if (!v.IsObject()) fail(number, "each line must be a JSON object");
        auto kind = v.FindMember("kind");
        if (kind == v.MemberEnd() || !kind->value.IsString()) fail(number, "the object has no \"kind\" string");
        const std::string_view name(kind->value.GetString(), kind->value.GetStringLength());
        if (name == "dataset") return header(v, number);
        auto parse = parser_for_kind(name);
        if (!parse) fail(number, "unknown kind \"" + std::string(name) + "\"");
        start();
        std::vector<std::string> unknown;
        model::any_record rec;
        try {
            rec = parse(v, unknown);
        } catch (const value_error& e) {
            fail(number, std::string(name) + ": " + e.what());
        }
        for (const auto& field : unknown)
            m_diags.add(severity::warning, "json.unknown-field", record_label(rec), "unknown field \"" + field + "\" ignored",
                        {m_file, number, 0});
        m_sink.on_record(std::move(rec));
    }

    void finish(std::uint64_t lines) {
        if (!m_started) fail(lines, "empty input: no dataset header and no record");
        m_sink.on_end();
    }

    [[noreturn]] void fail(std::uint64_t number, const std::string& problem) {
        throw parse_error({m_file, number, 0}, ndjson_format, problem);
    }

private:
    void header(const rapidjson::Value& v, std::uint64_t number) {
        if (m_started) fail(number, "the dataset header must be the first line");
        m_metadata = read_header(v, m_file, number, m_diags);
        start();
    }

    void start() {
        if (m_started) return;
        m_started = true;
        m_sink.on_metadata(m_metadata);
    }

    const std::string& m_file;
    io::record_sink& m_sink;
    diagnostics& m_diags;
    model::metadata m_metadata;
    bool m_started = false;
};

} // namespace

void read_ndjson(std::istream& in, const std::string& file, io::record_sink& sink, diagnostics& diags, const limits& lim) {
    line_reader lines(in, lim.max_record_bytes, lim.max_input_bytes);
    ndjson_reader reader(file, sink, diags);
    std::string text;
    try {
        while (lines.next(text)) {
            if (lines.line_number() == 1) strip_bom(text);
            if (text.find_first_not_of(" \t") == std::string::npos) continue;
            rapidjson::Document doc;
            if (auto failure = parse_bounded(text, doc, lim.max_depth))
                throw parse_error({file, lines.line_number(), failure->offset + 1}, ndjson_format, failure->message);
            reader.line(doc, lines.line_number());
        }
    } catch (const std::length_error& e) {
        throw parse_error({file, lines.line_number() + 1, 0}, ndjson_format, e.what());
    }
    reader.finish(lines.line_number());
}

} // namespace interop::json
