#include "bounded_parse.hpp"
#include "record_table.hpp"

#include <interop/json/canonical.hpp>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ostream>
#include <sstream>

namespace interop::json {
namespace {

using namespace detail;

template <class W> void write_metadata_members(W& w, const model::metadata& meta) {
    w.Key("interop_schema");
    w.String(model::schema_version.data(), static_cast<rapidjson::SizeType>(model::schema_version.size()));
    write_fields(w, meta);
}

class document_writer : public io::record_sink {
public:
    explicit document_writer(std::ostream& out) : m_out(out) {}
    void on_metadata(const model::metadata& m) override { m_data.metadata = m; }
    void on_record(model::any_record&& r) override { m_data.add(std::move(r)); }
    void on_end() override {
        rapidjson::OStreamWrapper os(m_out);
        rapidjson::PrettyWriter<rapidjson::OStreamWrapper> w(os);
        w.SetIndent(' ', 2);
        w.StartObject();
        write_metadata_members(w, m_data.metadata);
        model::for_each_kind([&]<class K>(std::type_identity<K>) {
            const auto& records = m_data.all<K>();
            if (records.empty()) return;
            w.Key(K::collection.data(), static_cast<rapidjson::SizeType>(K::collection.size()));
            w.StartArray();
            for (const K& r : records) write_record(w, r, false);
            w.EndArray();
        });
        w.EndObject();
        m_out << '\n';
        m_out.flush();
        if (!m_out) throw io_error("cannot write the canonical document");
    }

private:
    std::ostream& m_out;
    model::dataset m_data;
};

class ndjson_writer : public io::record_sink {
public:
    explicit ndjson_writer(std::ostream& out) : m_out(out), m_writer(m_buffer) {}
    void on_metadata(const model::metadata& m) override {
        if (m_header_written) return;
        m_header_written = true;
        begin();
        m_writer.StartObject();
        m_writer.Key("kind");
        m_writer.String("dataset");
        write_metadata_members(m_writer, m);
        m_writer.EndObject();
        flush_line();
    }
    void on_record(model::any_record&& r) override {
        if (!m_header_written) on_metadata({});
        begin();
        write_record(m_writer, r, true);
        flush_line();
    }
    void on_end() override {
        if (!m_header_written) on_metadata({});
        m_out.flush();
        if (!m_out) throw io_error("cannot write the NDJSON stream");
    }

private:
    void begin() {
        m_buffer.Clear();
        m_writer.Reset(m_buffer);
    }
    void flush_line() {
        m_out.write(m_buffer.GetString(), static_cast<std::streamsize>(m_buffer.GetSize()));
        m_out.put('\n');
    }

    std::ostream& m_out;
    rapidjson::StringBuffer m_buffer;
    rapidjson::Writer<rapidjson::StringBuffer> m_writer;
    bool m_header_written = false;
};

} // namespace

std::unique_ptr<io::record_sink> make_document_writer(std::ostream& out) { return std::make_unique<document_writer>(out); }
std::unique_ptr<io::record_sink> make_ndjson_writer(std::ostream& out) { return std::make_unique<ndjson_writer>(out); }

std::string to_json(const model::any_record& r) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    write_record(w, r, true);
    return {buffer.GetString(), buffer.GetSize()};
}

model::any_record record_from_json(std::string_view text, const std::string& file) {
    rapidjson::Document doc;
    if (auto failure = parse_bounded(text, doc, limits{}.max_depth))
        throw parse_error({file, 1, failure->offset + 1}, "canonical json", failure->message);
    auto kind = doc.IsObject() ? doc.FindMember("kind") : doc.MemberEnd();
    if (!doc.IsObject() || kind == doc.MemberEnd() || !kind->value.IsString())
        throw parse_error({file, 1, 0}, "canonical json", "expected an object with a \"kind\" string");
    auto parse = parser_for_kind(kind->value.GetString());
    if (!parse) throw parse_error({file, 1, 0}, "canonical json", std::string("unknown kind \"") + kind->value.GetString() + "\"");
    std::vector<std::string> unknown;
    try {
        return parse(doc, unknown);
    } catch (const value_error& e) {
        throw parse_error({file, 1, 0}, "canonical json", e.what());
    }
}

std::optional<std::string> kind_of_line(std::string_view line) {
    rapidjson::Document doc;
    if (parse_bounded(line, doc, limits{}.max_depth) || !doc.IsObject()) return std::nullopt;
    auto kind = doc.FindMember("kind");
    if (kind == doc.MemberEnd() || !kind->value.IsString()) return std::nullopt;
    return std::string(kind->value.GetString(), kind->value.GetStringLength());
}

std::string to_document(const model::dataset& ds) {
    std::ostringstream out;
    auto writer = make_document_writer(out);
    io::replay(ds, *writer);
    return out.str();
}

model::dataset dataset_from_document(std::string_view text, const std::string& file) {
    std::istringstream in{std::string(text)};
    model::dataset ds;
    io::dataset_sink sink(ds);
    diagnostics diags;
    read_document(in, file, sink, diags);
    return ds;
}

} // namespace interop::json
