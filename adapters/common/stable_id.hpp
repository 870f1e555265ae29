#pragma once
// Ids for records whose source gives none: the same content always gives the same id, on
// every platform (FNV-1a 64 of the parts, separated), so that re-reading a file diffs clean.

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>

namespace interop::stable_id {

/** `prefix-` then 16 hex digits hashing `parts`. */
inline std::string of(std::string_view prefix, std::initializer_list<std::string_view> parts) {
    std::uint64_t h = 1469598103934665603ULL;
    for (std::string_view part : parts) {
        for (unsigned char c : part) h = (h ^ c) * 1099511628211ULL;
        h = (h ^ 0x1f) * 1099511628211ULL; // separator: ("ab","c") differs from ("a","bc")
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return std::string(prefix) + "-" + hex;
}

} // namespace interop::stable_id
