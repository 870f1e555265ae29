#include "bounded_parse.hpp"
#include "value_codec.hpp"

#include <interop/json/schema.hpp>
#include <interop/model/dataset.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <stdexcept>

namespace interop::json {
namespace {

using writer_t = rapidjson::PrettyWriter<rapidjson::StringBuffer>;
constexpr const char* draft = "http://json-schema.org/draft-04/schema#";
constexpr const char* date_pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
constexpr const char* time_pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
constexpr const char* date_time_pattern =
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](Z|z|[+-][0-9]{2}:[0-9]{2})?$";

void type(writer_t& w, const char* t) {
    w.Key("type");
    w.String(t);
}
void string_pattern(writer_t& w, const char* pattern) {
    type(w, "string");
    w.Key("pattern");
    w.String(pattern);
}

// Each overload writes the members of the schema object describing one value type.
void schema_members(writer_t& w, const std::string*) { type(w, "string"); }
void schema_members(writer_t& w, const bool*) { type(w, "boolean"); }
void schema_members(writer_t& w, const int*) { type(w, "integer"); }
void schema_members(writer_t& w, const std::uint64_t*) {
    type(w, "integer");
    w.Key("minimum");
    w.Int(0);
}
void schema_members(writer_t& w, const double*) { type(w, "number"); }
void schema_members(writer_t& w, const model::date*) { string_pattern(w, date_pattern); }
void schema_members(writer_t& w, const model::time_of_day*) { string_pattern(w, time_pattern); }
void schema_members(writer_t& w, const model::date_time*) { string_pattern(w, date_time_pattern); }
void schema_members(writer_t& w, const model::extensions*) {
    type(w, "object");
    w.Key("additionalProperties");
    w.StartObject();
    type(w, "string");
    w.EndObject();
}
template <model::model_enum E> void schema_members(writer_t& w, const E*) {
    type(w, "string");
    w.Key("enum");
    w.StartArray();
    for (auto name : model::enum_names<E>::values) w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    w.EndArray();
}
template <class T> void schema_members(writer_t& w, const std::optional<T>*) { schema_members(w, static_cast<const T*>(nullptr)); }
template <class T> void schema_members(writer_t& w, const std::vector<T>*);
template <model::has_fields T> void schema_members(writer_t& w, const T*);

// With bounds (a weekday, a level): the numbers, or each number of a list, within them.
void schema_members(writer_t& w, const int*, const model::bounds& b) {
    type(w, "integer");
    w.Key("minimum");
    w.Int(b.min);
    w.Key("maximum");
    w.Int(b.max);
}
template <class T> void schema_members(writer_t& w, const std::optional<T>*, const model::bounds& b) {
    schema_members(w, static_cast<const T*>(nullptr), b);
}
template <class T> void schema_members(writer_t& w, const std::vector<T>*, const model::bounds& b) {
    type(w, "array");
    w.Key("items");
    w.StartObject();
    schema_members(w, static_cast<const T*>(nullptr), b);
    w.EndObject();
}

template <class T> void schema_members(writer_t& w, const std::vector<T>*) {
    type(w, "array");
    w.Key("items");
    w.StartObject();
    schema_members(w, static_cast<const T*>(nullptr));
    w.EndObject();
}

/** Writes `properties` for each field and collects the required ones. */
struct property_writer {
    writer_t& w;
    std::vector<std::string> required;
    template <class T, class... Rules> void operator()(const char* name, const T&, const char* description, const Rules&... rules) {
        w.Key(name);
        w.StartObject();
        w.Key("description");
        w.String(description);
        schema_members(w, static_cast<const T*>(nullptr), rules...);
        w.EndObject();
        if (!detail::may_be_absent<T>) required.emplace_back(name);
    }
};

void required_list(writer_t& w, const std::vector<std::string>& required) {
    if (required.empty()) return;
    w.Key("required");
    w.StartArray();
    for (const auto& r : required) w.String(r.c_str());
    w.EndArray();
}

/** The object schema of a described type; `extra` writes more properties (kind, provenance). */
template <class T, class Extra> void object_schema(writer_t& w, Extra&& extra) {
    type(w, "object");
    w.Key("properties");
    w.StartObject();
    T sample{};
    property_writer pw{w, {}};
    T::fields(sample, pw);
    extra();
    w.EndObject();
    required_list(w, pw.required);
    w.Key("additionalProperties");
    w.Bool(false);
}

template <model::has_fields T> void schema_members(writer_t& w, const T*) {
    object_schema<T>(w, [] {});
}

template <class K> void record_members(writer_t& w) {
    w.Key("title");
    w.String(K::kind.data(), static_cast<rapidjson::SizeType>(K::kind.size()));
    w.Key("description");
    w.String(K::summary.data(), static_cast<rapidjson::SizeType>(K::summary.size()));
    object_schema<K>(w, [&] {
        w.Key("kind");
        w.StartObject();
        w.Key("description");
        w.String("Kind of the record; required in NDJSON, optional in a document.");
        w.Key("enum");
        w.StartArray();
        w.String(K::kind.data(), static_cast<rapidjson::SizeType>(K::kind.size()));
        w.EndArray();
        w.EndObject();
        w.Key("provenance");
        w.StartObject();
        w.Key("description");
        w.String("Where the record was read from; not part of its content.");
        schema_members(w, static_cast<const model::provenance*>(nullptr));
        w.EndObject();
    });
}

void metadata_properties(writer_t& w) {
    w.Key("interop_schema");
    w.StartObject();
    w.Key("description");
    w.String("Version of the canonical schema, MAJOR.MINOR; readers refuse another major.");
    string_pattern(w, "^1\\.[0-9]+$");
    w.EndObject();
    model::metadata sample;
    property_writer pw{w, {}};
    model::metadata::fields(sample, pw);
}

template <class F> std::string write_schema(const char* id, F&& body) {
    rapidjson::StringBuffer buffer;
    writer_t w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    w.Key("$schema");
    w.String(draft);
    w.Key("id");
    w.String(id);
    body(w);
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

} // namespace

std::string record_schema(std::string_view kind) {
    std::string out;
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        if (K::kind != kind) return;
        const std::string id = "https://interop-hub.example/schemas/canonical/v1/" + std::string(kind) + ".schema.json";
        out = write_schema(id.c_str(), [](writer_t& w) { record_members<K>(w); });
    });
    if (out.empty()) throw std::invalid_argument("unknown kind " + std::string(kind));
    return out;
}

std::string header_schema() {
    return write_schema("https://interop-hub.example/schemas/canonical/v1/header.schema.json", [](writer_t& w) {
        w.Key("title");
        w.String("dataset header");
        w.Key("description");
        w.String("First line of a canonical NDJSON stream.");
        type(w, "object");
        w.Key("properties");
        w.StartObject();
        w.Key("kind");
        w.StartObject();
        w.Key("enum");
        w.StartArray();
        w.String("dataset");
        w.EndArray();
        w.EndObject();
        metadata_properties(w);
        w.EndObject();
        required_list(w, {"kind", "interop_schema"});
        w.Key("additionalProperties");
        w.Bool(false);
    });
}

std::string document_schema() {
    return write_schema("https://interop-hub.example/schemas/canonical/v1/document.schema.json", [](writer_t& w) {
        w.Key("title");
        w.String("canonical document");
        w.Key("description");
        w.String("A whole dataset: metadata, then one array per record kind.");
        type(w, "object");
        w.Key("properties");
        w.StartObject();
        metadata_properties(w);
        model::for_each_kind([&]<class K>(std::type_identity<K>) {
            w.Key(K::collection.data(), static_cast<rapidjson::SizeType>(K::collection.size()));
            w.StartObject();
            type(w, "array");
            w.Key("items");
            w.StartObject();
            w.Key("$ref");
            w.String(("#/definitions/" + std::string(K::kind)).c_str());
            w.EndObject();
            w.EndObject();
        });
        w.EndObject();
        required_list(w, {"interop_schema"});
        w.Key("additionalProperties");
        w.Bool(false);
        w.Key("definitions");
        w.StartObject();
        model::for_each_kind([&]<class K>(std::type_identity<K>) {
            w.Key(K::kind.data(), static_cast<rapidjson::SizeType>(K::kind.size()));
            w.StartObject();
            record_members<K>(w);
            w.EndObject();
        });
        w.EndObject();
    });
}

std::vector<schema_file> all_schema_files() {
    std::vector<schema_file> files{{"document.schema.json", document_schema()}, {"header.schema.json", header_schema()}};
    for (auto kind : model::kind_names()) files.push_back({std::string(kind) + ".schema.json", record_schema(kind)});
    return files;
}

std::vector<std::string> validate_against_schema(std::string_view schema_text, std::string_view json_text) {
    rapidjson::Document schema_doc;
    if (detail::parse_bounded(schema_text, schema_doc, 64)) return {"the schema is not valid JSON"};
    rapidjson::SchemaDocument schema(schema_doc);
    rapidjson::Document doc;
    if (auto failure = detail::parse_bounded(json_text, doc, 64))
        return {"not valid JSON at offset " + std::to_string(failure->offset) + ": " + failure->message};
    rapidjson::SchemaValidator validator(schema);
    if (doc.Accept(validator)) return {};
    rapidjson::StringBuffer where, rule;
    validator.GetInvalidSchemaPointer().StringifyUriFragment(rule);
    validator.GetInvalidDocumentPointer().StringifyUriFragment(where);
    return {std::string("at ") + where.GetString() + ": fails " + rule.GetString() + " (" + validator.GetInvalidSchemaKeyword() + ")"};
}

} // namespace interop::json
