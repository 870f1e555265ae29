#pragma once
// Which fields a serialised record may leave out: one rule for the JSON codec, the JSON
// Schemas and the model reference.

#include <interop/model/types.hpp>

#include <optional>
#include <type_traits>
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

} // namespace interop::model::detail
