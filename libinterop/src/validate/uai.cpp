#include <interop/validate/validate.hpp>

#include <algorithm>

namespace interop {

std::optional<char> uai_check_letter(std::string_view digits) {
    if (digits.size() != 7 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    static constexpr std::string_view letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    long number = 0;
    for (char c : digits) number = number * 10 + (c - '0');
    return letters[static_cast<std::size_t>(number % 23)];
}

uai_status check_uai(std::string_view uai) {
    if (uai.size() != 8) return uai_status::malformed;
    const auto expected = uai_check_letter(uai.substr(0, 7));
    if (!expected || uai[7] < 'A' || uai[7] > 'Z') return uai_status::malformed;
    return uai[7] == *expected ? uai_status::valid : uai_status::wrong_letter;
}

} // namespace interop
