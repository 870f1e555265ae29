#pragma once
/**
 * @file Which fields of a record hold something, and which differ between two records of a
 * kind, read off each kind's `fields()`: what a writer must carry or declare lost, and what an
 * oracle compares.
 */

#include <string_view>
#include <vector>

namespace interop::model {

namespace detail {

/** Calls `visit(name, a_field, b_field)` for each field of two records of one kind, in order. */
template <class K, class F> void each_field_pair(const K& a, const K& b, F&& visit) {
    std::vector<const void*> of_b;
    auto collect = [&](const char*, const auto& v, const char*, auto&&...) { of_b.push_back(&v); };
    K::fields(b, collect);
    std::size_t i = 0;
    auto pair = [&]<class V>(const char* name, const V& v, const char*, auto&&...) { visit(name, v, *static_cast<const V*>(of_b[i++])); };
    K::fields(a, pair);
}

} // namespace detail

/** The fields in which `a` and `b` differ, by name. */
template <class K> std::vector<std::string_view> differing_fields(const K& a, const K& b) {
    std::vector<std::string_view> out;
    detail::each_field_pair(a, b, [&](const char* name, const auto& x, const auto& y) {
        if (!(x == y)) out.push_back(name);
    });
    return out;
}

/** The fields of `r` that hold something: those that differ from a record of its kind made by default. */
template <class K> std::vector<std::string_view> set_fields(const K& r) {
    static const K blank{};
    return differing_fields(r, blank);
}

} // namespace interop::model
