#pragma once
// Conversion of model values to and from RapidJSON, driven by each type's `fields` list.

#include "../model/field_rules.hpp"

#include <interop/model/types.hpp>

#include <rapidjson/document.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace interop::json::detail {

/** A value of the wrong shape; `path` names the field (`contacts[2].type`). */
class value_error : public std::runtime_error {
public:
    value_error(const std::string& path, const std::string& problem) : std::runtime_error(path + ": " + problem) {}
};

using model::detail::is_optional;
using model::detail::is_vector;
using model::detail::may_be_absent;

template <class T> bool is_absent(const T& v) {
    if constexpr (is_optional<T>::value) return !v.has_value();
    else if constexpr (is_vector<T>::value || std::is_same_v<T, model::extensions>) return v.empty();
    else return false;
}

// ---- writing -----------------------------------------------------------------------

template <class W> void write_value(W& w, const std::string& v) { w.String(v.data(), static_cast<rapidjson::SizeType>(v.size())); }
template <class W> void write_value(W& w, bool v) { w.Bool(v); }
template <class W> void write_value(W& w, int v) { w.Int(v); }
template <class W> void write_value(W& w, std::uint64_t v) { w.Uint64(v); }
template <class W> void write_value(W& w, double v) { w.Double(v); }
template <class W> void write_value(W& w, const model::date& v) { write_value(w, model::to_string(v)); }
template <class W> void write_value(W& w, const model::time_of_day& v) { write_value(w, model::to_string(v)); }
template <class W> void write_value(W& w, const model::date_time& v) { write_value(w, model::to_string(v)); }
template <class W, model::model_enum E> void write_value(W& w, E v) {
    const std::string_view s = model::to_string(v);
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
template <class W, model::has_fields T> void write_value(W& w, const T& v);
template <class W, class T> void write_value(W& w, const std::vector<T>& v);
template <class W, class T> void write_value(W& w, const std::optional<T>& v) { write_value(w, *v); }
template <class W, class T> void write_value(W& w, const std::vector<T>& v) {
    w.StartArray();
    for (const auto& item : v) write_value(w, item);
    w.EndArray();
}
template <class W> void write_value(W& w, const model::extensions& v) {
    w.StartObject();
    for (const auto& [key, value] : v) {
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        write_value(w, value);
    }
    w.EndObject();
}

template <class W> struct field_writer {
    W& w;
    template <class T, class... Rules> void operator()(const char* name, const T& value, const char*, const Rules&...) {
        if (is_absent(value)) return;
        w.Key(name);
        write_value(w, value);
    }
};

/** Writes the fields of `v` into an object already started. */
template <class W, model::has_fields T> void write_fields(W& w, const T& v) {
    field_writer<W> fw{w};
    T::fields(v, fw);
}

template <class W, model::has_fields T> void write_value(W& w, const T& v) {
    w.StartObject();
    write_fields(w, v);
    w.EndObject();
}

// ---- reading -----------------------------------------------------------------------

using value = rapidjson::Value;

inline std::string_view string_of(const value& v, const std::string& path) {
    if (!v.IsString()) throw value_error(path, "expected a string");
    return {v.GetString(), v.GetStringLength()};
}

inline void read_value(const value& v, std::string& out, const std::string& path) { out = string_of(v, path); }
inline void read_value(const value& v, bool& out, const std::string& path) {
    if (!v.IsBool()) throw value_error(path, "expected true or false");
    out = v.GetBool();
}
inline void read_value(const value& v, int& out, const std::string& path) {
    if (!v.IsInt()) throw value_error(path, "expected a 32-bit integer");
    out = v.GetInt();
}
inline void read_value(const value& v, std::uint64_t& out, const std::string& path) {
    if (!v.IsUint64()) throw value_error(path, "expected a non-negative integer");
    out = v.GetUint64();
}
inline void read_value(const value& v, double& out, const std::string& path) {
    if (!v.IsNumber()) throw value_error(path, "expected a number");
    out = v.GetDouble();
}
template <class T, class Parse>
void read_parsed(const value& v, T& out, const std::string& path, Parse parse, const char* expected) {
    auto parsed = parse(string_of(v, path));
    if (!parsed) throw value_error(path, std::string("expected ") + expected + ", got \"" + std::string(string_of(v, path)) + "\"");
    out = *parsed;
}
inline void read_value(const value& v, model::date& out, const std::string& path) {
    read_parsed(v, out, path, model::parse_date, "a date YYYY-MM-DD");
}
inline void read_value(const value& v, model::time_of_day& out, const std::string& path) {
    read_parsed(v, out, path, model::parse_time_of_day, "a time HH:MM");
}
inline void read_value(const value& v, model::date_time& out, const std::string& path) {
    read_parsed(v, out, path, model::parse_date_time, "an RFC 3339 date-time");
}
template <model::model_enum E> void read_value(const value& v, E& out, const std::string& path) {
    read_parsed(v, out, path, model::parse_enum<E>, "one of the documented names");
}
template <class T> void read_value(const value& v, std::optional<T>& out, const std::string& path);
template <class T> void read_value(const value& v, std::vector<T>& out, const std::string& path);
void read_value(const value& v, model::extensions& out, const std::string& path);
template <model::has_fields T> void read_value(const value& v, T& out, const std::string& path);

template <class T> void read_value(const value& v, std::optional<T>& out, const std::string& path) {
    if (v.IsNull()) {
        out.reset();
        return;
    }
    T item{};
    read_value(v, item, path);
    out = std::move(item);
}

template <class T> void read_value(const value& v, std::vector<T>& out, const std::string& path) {
    if (!v.IsArray()) throw value_error(path, "expected an array");
    out.clear();
    out.reserve(v.Size());
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
        T item{};
        read_value(v[i], item, path + "[" + std::to_string(i) + "]");
        out.push_back(std::move(item));
    }
}

inline void read_value(const value& v, model::extensions& out, const std::string& path) {
    if (!v.IsObject()) throw value_error(path, "expected an object of strings");
    out.clear();
    for (const auto& m : v.GetObject())
        out[std::string(m.name.GetString(), m.name.GetStringLength())] =
            std::string(string_of(m.value, path + "." + m.name.GetString()));
}

/** Reads the listed fields of an object; counts how many members it matched. */
struct field_reader {
    const value& object;
    const std::string& path;
    rapidjson::SizeType matched = 0;

    template <class T> void operator()(const char* name, T& member, const char*) {
        const std::string field_path = path.empty() ? name : path + "." + name;
        auto it = object.FindMember(name);
        if (it == object.MemberEnd()) {
            if (!may_be_absent<T>) throw value_error(field_path, "required field is missing");
            return;
        }
        ++matched;
        read_value(it->value, member, field_path);
    }
    template <class T> void operator()(const char* name, T& member, const char* doc, const model::bounds& b) {
        (*this)(name, member, doc);
        if (auto bad = model::detail::outside(member, b)) throw value_error(path.empty() ? name : path + "." + name, model::detail::bounds_problem(b, *bad));
    }
};

/**
 * Reads the fields of `out` from `v`. Returns the names of members the type does not have,
 * so the caller can report them; `ignored` lists names that are expected elsewhere (`kind`).
 */
template <model::has_fields T>
std::vector<std::string> read_fields(const value& v, T& out, const std::string& path,
                                     std::initializer_list<std::string_view> ignored = {}) {
    if (!v.IsObject()) throw value_error(path.empty() ? "record" : path, "expected an object");
    field_reader fr{v, path};
    T::fields(out, fr);
    std::vector<std::string> unknown;
    if (fr.matched == v.MemberCount()) return unknown;
    for (const auto& m : v.GetObject()) {
        const std::string_view name(m.name.GetString(), m.name.GetStringLength());
        bool known = std::find(ignored.begin(), ignored.end(), name) != ignored.end();
        auto match = [&](const char* field, auto&, const char*, const auto&...) { known = known || name == field; };
        T::fields(out, match);
        if (!known) unknown.emplace_back(name);
    }
    return unknown;
}

template <model::has_fields T> void read_value(const value& v, T& out, const std::string& path) {
    auto unknown = read_fields(v, out, path);
    if (!unknown.empty()) throw value_error(path + "." + unknown.front(), "unknown field");
}

} // namespace interop::json::detail
