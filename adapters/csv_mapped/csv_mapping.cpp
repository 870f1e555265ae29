// Mapping files: parsed with every mistake named, written back, made by default for a kind.

#include "csv_mapping.hpp"

#include "json/bounded_parse.hpp"

#include <interop/errors.hpp>

#include <sstream>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace interop::csv_mapped {
namespace {

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

/** What a cell can carry of a field of type T; nullopt for what it cannot (lists of objects…). */
template <class T> std::optional<field_type> type_of() {
    if constexpr (is_optional<T>::value) return type_of<typename T::value_type>();
    else if constexpr (std::is_same_v<T, std::string>) return field_type::text;
    else if constexpr (std::is_same_v<T, bool>) return field_type::boolean;
    else if constexpr (std::is_integral_v<T>) return field_type::integer;
    else if constexpr (std::is_floating_point_v<T>) return field_type::number;
    else if constexpr (std::is_same_v<T, model::date>) return field_type::date;
    else if constexpr (std::is_same_v<T, model::date_time>) return field_type::date_time;
    else if constexpr (std::is_same_v<T, model::time_of_day>) return field_type::time;
    else if constexpr (model::model_enum<T>) return field_type::enumeration;
    else if constexpr (std::is_same_v<T, std::vector<std::string>>) return field_type::text_list;
    else return std::nullopt;
}

struct field_info {
    std::string name;
    std::optional<field_type> type;
};

struct field_lister {
    std::vector<field_info>& out;
    template <class T, class... Rules> void operator()(const char* name, const T&, const char*, const Rules&...) { out.push_back({name, type_of<T>()}); }
};

/** The fields of `kind` in declaration order; empty when no kind has that name. */
std::vector<field_info> fields_of(std::string_view kind) {
    std::vector<field_info> out;
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        if (K::kind != kind) return;
        K sample{};
        field_lister lister{out};
        K::fields(sample, lister);
    });
    return out;
}

class mapping_parser {
public:
    mapping_parser(std::string_view json, std::string file) : m_file(std::move(file)) {
        if (auto failure = json::detail::parse_bounded(json, m_doc, 8)) throw parse_error({m_file, failure->line, 0}, format_name, failure->message);
        if (!m_doc.IsObject()) fail("the mapping is not a JSON object");
    }

    mapping parse() {
        mapping m;
        m.kind = text("kind", "");
        m_fields = fields_of(m.kind);
        if (m_fields.empty()) fail("kind: '" + m.kind + "' is not a record kind (" + kind_names() + ")");
        m.file = text("file", "");
        m.separator = one_char("separator", ';');
        m.decimal_separator = one_char("decimal_separator", '.');
        m.list_separator = one_char("list_separator", ',');
        encoding(m);
        m.header = flag("header", true);
        m.date_format = text("date_format", m.date_format);
        m.time_format = text("time_format", m.time_format);
        m.date_time_format = text("date_time_format", m.date_time_format);
        m.school = text("school", "");
        if (const auto* ids = member("id_columns")) {
            if (!ids->IsArray()) fail("id_columns: expected a list of column names");
            for (const auto& c : ids->GetArray()) m.id_columns.push_back(c.IsString() ? c.GetString() : (fail("id_columns: expected names"), ""));
        }
        columns(m);
        constants(m);
        return m;
    }

private:
    [[noreturn]] void fail(const std::string& problem) const { throw parse_error({m_file, 0, 0}, format_name, problem); }

    const rapidjson::Value* member(const char* name) const {
        const auto it = m_doc.FindMember(name);
        return it == m_doc.MemberEnd() ? nullptr : &it->value;
    }

    std::string text(const char* name, std::string fallback) const {
        const auto* v = member(name);
        if (!v) return fallback;
        if (!v->IsString()) fail(std::string(name) + ": expected a string");
        return v->GetString();
    }

    bool flag(const char* name, bool fallback) const {
        const auto* v = member(name);
        if (!v) return fallback;
        if (!v->IsBool()) fail(std::string(name) + ": expected true or false");
        return v->GetBool();
    }

    char one_char(const char* name, char fallback) const {
        auto t = text(name, std::string(1, fallback));
        if (t == "\\t" || t == "tab") t = "\t";
        if (t.size() != 1) fail(std::string(name) + ": expected one character, got '" + t + "'");
        return t[0];
    }

    void encoding(mapping& m) const {
        const auto e = text("encoding", "auto");
        if (e == "auto") m.encoding = csv::encoding::automatic;
        else if (e == "utf-8" || e == "UTF-8") m.encoding = csv::encoding::utf8;
        else if (e == "utf-8-bom") m.encoding = csv::encoding::utf8, m.bom = true;
        else if (e == "iso-8859-1" || e == "latin1") m.encoding = csv::encoding::latin1;
        else if (e == "windows-1252" || e == "cp1252") m.encoding = csv::encoding::windows1252;
        else fail("encoding: '" + e + "' is not auto, utf-8, utf-8-bom, iso-8859-1 or windows-1252");
    }

    /** The type of `field` in the kind, or of `extensions.X` / `external_ids.X`. */
    field_type type_of_field(const std::string& field, const std::string& where) const {
        if (field.rfind("extensions.", 0) == 0 && field.size() > 11) return field_type::extension;
        if (field.rfind("external_ids.", 0) == 0 && field.size() > 13) return field_type::external_id;
        for (const auto& f : m_fields)
            if (f.name == field) {
                if (!f.type) fail(where + ": field '" + field + "' holds a list of objects, which no column can carry");
                return *f.type;
            }
        std::string names;
        for (const auto& f : m_fields)
            if (f.type) names += (names.empty() ? "" : ", ") + f.name;
        fail(where + ": '" + field + "' is not a field of " + m_doc["kind"].GetString() + " (" + names + ", extensions.NAME, external_ids.SYSTEM)");
    }

    void columns(mapping& m) const {
        const auto* cols = member("columns");
        if (!cols || !cols->IsObject() || cols->MemberCount() == 0) fail("columns: expected an object naming at least one column");
        for (const auto& [name, spec] : cols->GetObject()) {
            const auto where = std::string("columns.") + name.GetString();
            if (!spec.IsArray()) m.columns.push_back(parse_column(name.GetString(), spec, where));
            else // one column feeding several fields: a date for the start and the end
                for (const auto& one : spec.GetArray()) m.columns.push_back(parse_column(name.GetString(), one, where));
        }
    }

    column parse_column(const std::string& name, const rapidjson::Value& spec, const std::string& where) const {
        column c;
        c.name = name;
        if (spec.IsString()) c.field = spec.GetString();
        else if (spec.IsObject() && spec.HasMember("field") && spec["field"].IsString()) {
            c.field = spec["field"].GetString();
            if (spec.HasMember("part")) c.part = spec["part"].IsString() ? spec["part"].GetString() : "?";
            if (spec.HasMember("values")) {
                if (!spec["values"].IsObject()) fail(where + ".values: expected an object of cell text → value");
                for (const auto& [cell, value] : spec["values"].GetObject()) {
                    value_entry entry{cell.GetString(), value.IsObject() ? "" : json::detail::compact_text(value), {}};
                    if (value.IsObject())
                        for (const auto& field : value.GetObject()) {
                            type_of_field(field.name.GetString(), where + ".values." + cell.GetString());
                            entry.sets.emplace_back(field.name.GetString(), json::detail::compact_text(field.value));
                        }
                    c.values.push_back(std::move(entry));
                }
            }
        } else fail(where + ": expected a field name, {\"field\": …} or a list of them");
        c.type = type_of_field(c.field, where);
        if (!c.part.empty() && (c.type != field_type::date_time || (c.part != "date" && c.part != "time")))
            fail(where + ".part: \"date\" or \"time\" of a date-time field");
        return c;
    }

    void constants(mapping& m) const {
        const auto* consts = member("constants");
        if (!consts) return;
        if (!consts->IsObject()) fail("constants: expected an object of field → value");
        for (const auto& [field, value] : consts->GetObject()) {
            type_of_field(field.GetString(), std::string("constants.") + field.GetString());
            m.constants.emplace_back(field.GetString(), json::detail::compact_text(value));
        }
    }

    std::string m_file;
    rapidjson::Document m_doc;
    std::vector<field_info> m_fields;
};

void put(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_column(rapidjson::Writer<rapidjson::StringBuffer>& w, const column& c) {
    if (c.part.empty() && c.values.empty()) {
        w.String(c.field.c_str());
        return;
    }
    w.StartObject();
    put(w, "field", c.field);
    if (!c.part.empty()) put(w, "part", c.part);
    if (!c.values.empty()) {
        w.Key("values");
        w.StartObject();
        for (const auto& entry : c.values) {
            w.Key(entry.cell.c_str());
            if (entry.sets.empty()) {
                w.RawValue(entry.value.c_str(), entry.value.size(), rapidjson::kStringType);
                continue;
            }
            w.StartObject();
            for (const auto& [field, value] : entry.sets) {
                w.Key(field.c_str());
                w.RawValue(value.c_str(), value.size(), rapidjson::kStringType);
            }
            w.EndObject();
        }
        w.EndObject();
    }
    w.EndObject();
}


std::string_view encoding_name(const mapping& m) {
    switch (m.encoding) {
    case csv::encoding::utf8: return m.bom ? "utf-8-bom" : "utf-8";
    case csv::encoding::latin1: return "iso-8859-1";
    case csv::encoding::windows1252: return "windows-1252";
    case csv::encoding::automatic: break;
    }
    return "auto";
}

} // namespace

std::string kind_names() {
    std::string out;
    model::for_each_kind([&]<class K>(std::type_identity<K>) { out += (out.empty() ? "" : ", ") + std::string(K::kind); });
    return out;
}

mapping parse_mapping(std::string_view json, const std::string& file) { return mapping_parser(json, file).parse(); }

bool is_mapping_name(std::string_view name) { return name.size() > mapping_suffix.size() && name.ends_with(mapping_suffix); }

mapping read_mapping(const io::input& in, const io::input::entry& e) {
    std::ostringstream text;
    text << in.open_entry(e)->rdbuf();
    auto m = parse_mapping(text.str(), in.describe(e));
    const auto slash = e.name.rfind('/');
    const auto folder = slash == std::string::npos ? std::string() : e.name.substr(0, slash + 1);
    m.file = m.file.empty() ? e.name.substr(0, e.name.size() - (is_mapping_name(e.name) ? mapping_suffix.size() : 0)) + ".csv" : folder + m.file;
    return m;
}

mapping load_mapping(const std::filesystem::path& path) {
    const auto in = io::input::open(path);
    if (in.entries().size() != 1) throw io_error("the mapping " + path.string() + " is not one file");
    return read_mapping(in, in.entries().front());
}

std::string mapping_json(const mapping& m) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    put(w, "kind", m.kind);
    if (!m.file.empty()) put(w, "file", m.file);
    put(w, "separator", std::string(1, m.separator));
    put(w, "encoding", encoding_name(m));
    w.Key("header");
    w.Bool(m.header);
    put(w, "date_format", m.date_format);
    put(w, "time_format", m.time_format);
    put(w, "date_time_format", m.date_time_format);
    put(w, "decimal_separator", std::string(1, m.decimal_separator));
    put(w, "list_separator", std::string(1, m.list_separator));
    if (!m.school.empty()) put(w, "school", m.school);
    w.Key("columns");
    w.StartObject();
    for (std::size_t i = 0; i < m.columns.size(); ++i) {
        const auto& c = m.columns[i];
        const bool first = i == 0 || m.columns[i - 1].name != c.name, last = i + 1 == m.columns.size() || m.columns[i + 1].name != c.name;
        if (first) w.Key(c.name.c_str());
        if (first && !last) w.StartArray();
        write_column(w, c);
        if (last && !first) w.EndArray();
    }
    w.EndObject();
    if (!m.constants.empty()) {
        w.Key("constants");
        w.StartObject();
        for (const auto& [field, value] : m.constants) {
            w.Key(field.c_str());
            w.RawValue(value.c_str(), value.size(), rapidjson::kStringType);
        }
        w.EndObject();
    }
    if (!m.id_columns.empty()) {
        w.Key("id_columns");
        w.StartArray();
        for (const auto& c : m.id_columns) w.String(c.c_str());
        w.EndArray();
    }
    w.EndObject();
    return std::string(buffer.GetString()) + "\n";
}



mapping default_mapping(std::string_view kind) {
    const auto fields = fields_of(kind);
    if (fields.empty()) throw error("csv-mapped: '" + std::string(kind) + "' is not a record kind (" + kind_names() + ")");
    mapping m;
    m.kind = kind;
    m.encoding = csv::encoding::utf8;
    m.date_time_format = rfc3339;
    m.time_format = "HH:mm";
    for (const auto& f : fields)
        if (f.type) m.columns.push_back({f.name, f.name, *f.type, "", {}});
    return m;
}

} // namespace interop::csv_mapped
