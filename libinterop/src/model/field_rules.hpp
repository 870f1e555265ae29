#pragma once
// Which fields a serialised record may leave out: one rule for the JSON codec, the JSON
// Schemas and the model reference.

#include <interop/model/types.hpp>

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace interop::model::detail {

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};

/**
 * Fields of these types may be left out and keep their declared default (booleans and enums
 * are always written); the others are required.
 */
template <class T>
constexpr bool may_be_absent = is_optional<T>::value || is_vector<T>::value || std::is_same_v<T, extensions> ||
                               std::is_same_v<T, bool> || model_enum<T>;

/** The first number of `v` (a number, an optional one or a list) outside `b`; nullopt when all are within. */
template <class T> std::optional<int> outside(const T& v, const bounds& b) {
    if constexpr (std::is_same_v<T, int>) return b.admits(v) ? std::nullopt : std::optional<int>(v);
    else if constexpr (is_optional<T>::value) return v ? outside(*v, b) : std::nullopt;
    else if constexpr (is_vector<T>::value) {
        for (const auto& item : v)
            if (auto bad = outside(item, b)) return bad;
        return std::nullopt;
    } else static_assert(sizeof(T) == 0, "bounds apply to whole numbers and lists of them");
}

/** "must be between 1 and 7, not 9": the message every check of a bound gives. */
inline std::string bounds_problem(const bounds& b, int value) {
    return "must be between " + std::to_string(b.min) + " and " + std::to_string(b.max) + ", not " + std::to_string(value);
}

/**
 * Walks a value's fields, nested values included, and keeps the first number outside its
 * declared bounds: `problem` reads "slots[2].weekday must be between 1 and 7, not 9".
 */
/** Whether a value of type T may hold fields of its own (a time slot, a list of report subjects). */
template <class T> constexpr bool may_hold_fields() {
    if constexpr (is_vector<T>::value || is_optional<T>::value) return may_hold_fields<typename T::value_type>();
    else return has_fields<T>;
}

class bounds_walker {
public:
    /** Only values that may hold fields are walked into: no path is made for a string or a date (every record goes through here). */
    template <class T> void operator()(const char* name, const T& v, const char*) {
        if constexpr (may_hold_fields<T>()) nested(path(name), v);
    }
    template <class T> void operator()(const char* name, const T& v, const char*, const bounds& b) {
        if (problem) return;
        if (auto bad = outside(v, b)) problem = path(name) + " " + bounds_problem(b, *bad);
    }
    std::optional<std::string> problem;

private:
    std::string path(const char* name) const { return m_prefix.empty() ? name : m_prefix + "." + name; }
    template <class T> void nested(const std::string& at, const T& v) {
        if constexpr (has_fields<T>) {
            const std::string outer = std::exchange(m_prefix, at);
            T::fields(v, *this);
            m_prefix = outer;
        } else if constexpr (is_vector<T>::value) {
            for (std::size_t i = 0; i < v.size(); ++i) nested(at + "[" + std::to_string(i) + "]", v[i]);
        } else if constexpr (is_optional<T>::value) {
            if (v) nested(at, *v);
        }
    }
    std::string m_prefix;
};

/** What is out of bounds in `r` (the first such number); nullopt when every number is within its bounds. */
template <has_fields T> std::optional<std::string> out_of_bounds(const T& r) {
    bounds_walker walker;
    T::fields(r, walker);
    return walker.problem;
}

} // namespace interop::model::detail
