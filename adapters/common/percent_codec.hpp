#pragma once
// Ids carried inside URNs and space-separated lists: bytes other than letters, digits and a
// few safe characters as `%XX`, and back.

#include <cctype>
#include <string>
#include <string_view>

namespace interop::percent_codec {

/** `id` with every byte that is not a letter, a digit or one of `keep` written `%XX`. */
inline std::string encode(std::string_view id, std::string_view keep) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : id) {
        if (std::isalnum(c) || keep.find(static_cast<char>(c)) != std::string_view::npos) out.push_back(static_cast<char>(c));
        else out += {'%', hex[c >> 4], hex[c & 15]};
    }
    return out;
}

/** `%XX` sequences back to bytes; anything else kept as it is. */
inline std::string decode(std::string_view text) {
    auto value = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::toupper(static_cast<unsigned char>(c)) - 'A' + 10; };
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out.push_back(static_cast<char>(value(text[i + 1]) * 16 + value(text[i + 2])));
            i += 2;
        } else out.push_back(text[i]);
    }
    return out;
}

} // namespace interop::percent_codec
