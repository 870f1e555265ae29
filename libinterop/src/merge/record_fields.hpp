#pragma once
// Generic work on a record's fields, driven by each kind's `fields(self, visitor)` list:
// filling one record from another (reporting conflicts), and rewriting person references.

#include <interop/model/dataset.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace interop::detail {

/** A value as a conflict message shows it. */
template <class T> std::string shown(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) return "\"" + v + "\"";
    else if constexpr (std::is_same_v<T, model::date>) return model::to_string(v);
    else if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
    else if constexpr (std::is_same_v<T, int>) return std::to_string(v);
    else if constexpr (model::model_enum<T>) return std::string(model::to_string(v));
    else if constexpr (requires { v.has_value(); *v; }) return v ? shown(*v) : "absent";
    else return "another value";
}

/** Upper case without accents, spaces for hyphens and apostrophes: for comparing names across sources. */
std::string folded(std::string_view s);

/** Texts that differ only by case or accents are the same value for a merge. */
template <class T> bool same_value(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, std::string>) return a == b || folded(a) == folded(b);
    else if constexpr (std::is_same_v<T, std::optional<std::string>>) return a == b || (a && b && folded(*a) == folded(*b));
    else return a == b;
}

template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};

struct field_addresses {
    std::vector<const void*> at;
    template <class T, class... Rules> void operator()(const char*, const T& member, const char*, const Rules&...) { at.push_back(&member); }
};

/**
 * Fills the fields of `into` left at their default from `from`; lists get the elements they
 * lack; a field set differently on both is kept and `conflict(field, kept, other)` is called.
 * Identity fields (id, school, external ids, extensions) are left to the caller.
 */
template <class K>
void fill_fields(K& into, const K& from, const std::function<void(const char*, const std::string&, const std::string&)>& conflict) {
    static const K blank{};
    field_addresses theirs, defaults;
    K::fields(from, theirs);
    K::fields(blank, defaults);
    std::size_t i = 0;
    auto visit = [&]<class T>(const char* name, T& mine, const char*, const auto&...) {
        const T& other = *static_cast<const T*>(theirs.at[i]);
        const T& fallback = *static_cast<const T*>(defaults.at[i]);
        ++i;
        const std::string_view n = name;
        if (n == "id" || n == "school" || n == "external_ids" || n == "extensions" || other == fallback || same_value(mine, other)) return;
        if constexpr (is_vector<T>::value) {
            for (const auto& element : other)
                if (std::find(mine.begin(), mine.end(), element) == mine.end()) mine.push_back(element);
        } else if (mine == fallback) mine = other;
        else conflict(name, shown(mine), shown(other));
    };
    K::fields(into, visit);
}

/** Which person kind a reference field names; "" for any person (person, recipient), nullopt if none. */
inline std::optional<std::string_view> person_field(std::string_view field) {
    if (field == "student" || field == "students") return "student";
    if (field == "guardian") return "guardian";
    if (field == "staff" || field == "teacher" || field == "teachers" || field == "recorded_by" || field == "reported_by" ||
        field == "given_by" || field == "author")
        return "staff";
    if (field == "person" || field == "recipient") return "";
    return std::nullopt;
}

/** Rewrites every person reference of `r` through `rename(kind, school, id)`, which returns nullptr to keep it. */
template <class K>
void rewrite_person_refs(K& r, const std::function<const std::string*(std::string_view, const std::string&, const std::string&)>& rename) {
    const std::string school = r.school;
    auto one = [&](std::string_view kind, std::string& id) {
        if (const std::string* to = rename(kind, school, id)) id = *to;
    };
    auto visit = [&]<class T>(const char* name, T& member, const char*, const auto&...) {
        const auto kind = person_field(name);
        if (!kind || std::string_view(name) == "id") return;
        if constexpr (std::is_same_v<T, std::string>) one(*kind, member);
        else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            if (member) one(*kind, *member);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            for (auto& id : member) one(*kind, id);
        }
    };
    K::fields(r, visit);
}

} // namespace interop::detail
