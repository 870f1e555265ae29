#pragma once
// Responses checked against an OpenAPI 3.0 document: the YAML loaded with libyaml into a
// RapidJSON tree, then each JSON body validated against a response schema (`type`, `enum`,
// `format` date and date-time, `properties`, `items`, `$ref` to components). Enough of
// OpenAPI's schema object for the OneRoster document in the samples, which uses no more.

#include "support.hpp"

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <yaml.h>

#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

namespace test {

namespace detail {

struct yaml_item {
    yaml_event_type_t type;
    std::string scalar;
};

/** The node starting at `at` (scalar, mapping or sequence), as JSON; `at` moves past it. */
inline rapidjson::Value yaml_node(const std::vector<yaml_item>& events, std::size_t& at, rapidjson::Document::AllocatorType& a) {
    const auto& e = events.at(at++);
    if (e.type == YAML_SCALAR_EVENT) return rapidjson::Value(e.scalar.c_str(), static_cast<rapidjson::SizeType>(e.scalar.size()), a);
    if (e.type == YAML_SEQUENCE_START_EVENT) {
        rapidjson::Value out(rapidjson::kArrayType);
        while (events.at(at).type != YAML_SEQUENCE_END_EVENT) out.PushBack(yaml_node(events, at, a), a);
        ++at;
        return out;
    }
    if (e.type == YAML_MAPPING_START_EVENT) {
        rapidjson::Value out(rapidjson::kObjectType);
        while (events.at(at).type != YAML_MAPPING_END_EVENT) {
            auto key = yaml_node(events, at, a);
            auto value = yaml_node(events, at, a);
            if (key.IsString()) out.AddMember(key, value, a);
        }
        ++at;
        return out;
    }
    throw std::runtime_error("YAML: unexpected event (anchors and aliases are not read)");
}

} // namespace detail

/** A YAML document as JSON: mappings → objects, sequences → arrays, every scalar a string. */
inline rapidjson::Document load_yaml(const std::string& text) {
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    std::vector<detail::yaml_item> events;
    for (bool done = false; !done;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) {
            const std::string problem = parser.problem ? parser.problem : "error";
            yaml_parser_delete(&parser);
            throw std::runtime_error("YAML: " + problem);
        }
        done = e.type == YAML_STREAM_END_EVENT;
        if (e.type == YAML_SCALAR_EVENT)
            events.push_back({e.type, std::string(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length)});
        else if (e.type == YAML_MAPPING_START_EVENT || e.type == YAML_MAPPING_END_EVENT || e.type == YAML_SEQUENCE_START_EVENT ||
                 e.type == YAML_SEQUENCE_END_EVENT)
            events.push_back({e.type, {}});
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&parser);
    rapidjson::Document doc;
    std::size_t at = 0;
    auto root = detail::yaml_node(events, at, doc.GetAllocator());
    static_cast<rapidjson::Value&>(doc) = std::move(root);
    return doc;
}

class openapi_document {
public:
    explicit openapi_document(const fs::path& yaml) : m_doc(load_yaml(read_file(yaml))) {}

    rapidjson::Value* schema(const std::string& name) { return rapidjson::Pointer(("/components/schemas/" + name).c_str()).Get(m_doc); }

    /**
     * Replaces a property's schema (the sample document types some GUIDRef lists as `object`
     * where the 1.2 REST binding returns arrays): `json` is the schema to use instead.
     */
    void correct(const std::string& schema_name, const std::string& property, const std::string& json) {
        auto* props = rapidjson::Pointer(("/components/schemas/" + schema_name + "/properties").c_str()).Get(m_doc);
        if (!props || !props->HasMember(property.c_str())) throw std::runtime_error("no property " + property + " in " + schema_name);
        rapidjson::Document fixed;
        fixed.Parse(json.c_str());
        (*props)[property.c_str()].CopyFrom(fixed, m_doc.GetAllocator());
    }

    /** Problems of `value` against `schema`, each with its JSON path; empty when valid. */
    std::vector<std::string> validate(const rapidjson::Value& schema, const rapidjson::Value& value, const std::string& path = "$") const {
        std::vector<std::string> out;
        check(schema, value, path, out);
        return out;
    }

    /** The 200 response schema of a path and method (`get`), as written in the document. */
    const rapidjson::Value* response_schema(const std::string& api_path, const char* method = "get") const {
        const auto& paths = m_doc["paths"];
        const auto it = paths.FindMember(api_path.c_str());
        if (it == paths.MemberEnd()) return nullptr;
        return rapidjson::Pointer((std::string("/") + method + "/responses/200/content/application~1json/schema").c_str()).Get(it->value);
    }

private:
    const rapidjson::Value& resolve(const rapidjson::Value& schema) const {
        const auto ref = schema.FindMember("$ref");
        if (ref == schema.MemberEnd()) return schema;
        const std::string target = ref->value.GetString();
        const auto* v = rapidjson::Pointer(target.substr(1).c_str()).Get(m_doc);
        if (!v) throw std::runtime_error("unresolved $ref " + target);
        return resolve(*v);
    }

    static bool is(const rapidjson::Value& schema, const char* key, const char* value) {
        const auto it = schema.FindMember(key);
        return it != schema.MemberEnd() && it->value.IsString() && std::string(it->value.GetString()) == value;
    }

    void check(const rapidjson::Value& raw, const rapidjson::Value& v, const std::string& path, std::vector<std::string>& out) const {
        const auto& s = resolve(raw);
        auto fail = [&](const std::string& what) { out.push_back(path + ": " + what); };
        if (is(s, "type", "string") && !v.IsString()) return fail("not a string");
        if (is(s, "type", "number") && !v.IsNumber()) return fail("not a number");
        if (is(s, "type", "integer") && !(v.IsInt64() || v.IsUint64())) return fail("not an integer");
        if (is(s, "type", "boolean") && !v.IsBool()) return fail("not a boolean");
        if (is(s, "type", "object") && !v.IsObject()) return fail("not an object");
        if (is(s, "type", "array") && !v.IsArray()) return fail("not an array");
        if (v.IsString()) {
            const std::string text = v.GetString();
            if (const auto e = s.FindMember("enum"); e != s.MemberEnd()) {
                bool found = false;
                for (const auto& item : e->value.GetArray()) found = found || text == item.GetString();
                if (!found) fail("\"" + text + "\" is not in the enumeration");
            }
            static const std::regex date(R"(\d{4}-\d{2}-\d{2})"), date_time(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
            if (is(s, "format", "date") && !std::regex_match(text, date)) fail("\"" + text + "\" is not a date");
            if (is(s, "format", "date-time") && !std::regex_match(text, date_time)) fail("\"" + text + "\" is not a date-time");
        }
        if (v.IsObject())
            if (const auto props = s.FindMember("properties"); props != s.MemberEnd())
                for (const auto& m : v.GetObject())
                    if (const auto p = props->value.FindMember(m.name); p != props->value.MemberEnd())
                        check(p->value, m.value, path + "." + m.name.GetString(), out);
        if (v.IsArray())
            if (const auto items = s.FindMember("items"); items != s.MemberEnd())
                for (rapidjson::SizeType i = 0; i < v.Size(); ++i) check(items->value, v[i], path + "[" + std::to_string(i) + "]", out);
    }

    rapidjson::Document m_doc;
};

} // namespace test
