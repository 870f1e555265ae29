#include <interop/text/sms.hpp>

#include "text/utf8.hpp"

#include <algorithm>
#include <array>

namespace interop::text {

namespace {

/** The basic table of 3GPP TS 23.038 §6.2.1, by code (0x1B, the escape, stands for itself). */
constexpr std::array<char32_t, 128> basic = {
    U'@', U'£', U'$', U'¥', U'è', U'é', U'ù', U'ì', U'ò', U'Ç', U'\n', U'Ø', U'ø', U'\r', U'Å', U'å',
    U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ', U'Σ', U'Θ', U'Ξ', 0x1B, U'Æ', U'æ', U'ß', U'É',
    U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(', U')', U'*', U'+', U',', U'-', U'.', U'/',
    U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7', U'8', U'9', U':', U';', U'<', U'=', U'>', U'?',
    U'¡', U'A', U'B', U'C', U'D', U'E', U'F', U'G', U'H', U'I', U'J', U'K', U'L', U'M', U'N', U'O',
    U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W', U'X', U'Y', U'Z', U'Ä', U'Ö', U'Ñ', U'Ü', U'§',
    U'¿', U'a', U'b', U'c', U'd', U'e', U'f', U'g', U'h', U'i', U'j', U'k', U'l', U'm', U'n', U'o',
    U'p', U'q', U'r', U's', U't', U'u', U'v', U'w', U'x', U'y', U'z', U'ä', U'ö', U'ñ', U'ü', U'à'};

/** The extension table (§6.2.1.1): two septets each. */
constexpr std::array<char32_t, 10> extension = {U'\f', U'^', U'{', U'}', U'\\', U'[', U'~', U']', U'|', U'€'};

constexpr std::size_t single_gsm7 = 160, part_gsm7 = 153, single_ucs2 = 70, part_ucs2 = 67;

/** Septets of a character in GSM-7: 1, 2 (extension), or 0 when it is not in the alphabet. */
std::size_t septets(char32_t c) {
    if (c != 0x1B && std::find(basic.begin(), basic.end(), c) != basic.end()) return 1;
    return std::find(extension.begin(), extension.end(), c) != extension.end() ? 2 : 0;
}

struct code_point {
    char32_t value;
    std::size_t offset; ///< byte offset in the UTF-8 text
};

std::vector<code_point> code_points(std::string_view text) {
    std::vector<code_point> out;
    for (std::size_t at = 0; at < text.size();) {
        const auto offset = at;
        out.push_back({detail::next_code_point(text, at), offset});
    }
    return out;
}

/** Packs code points of `cost` units into segments of `capacity`, never splitting one. */
template <class Cost> std::vector<std::size_t> pack(const std::vector<code_point>& cps, std::size_t capacity, Cost cost) {
    std::vector<std::size_t> starts;
    std::size_t used = capacity;
    for (const auto& cp : cps) {
        const auto n = cost(cp.value);
        if (used + n > capacity) {
            starts.push_back(cp.offset);
            used = 0;
        }
        used += n;
    }
    return starts;
}

} // namespace

bool fits_gsm7(std::string_view utf8) {
    for (const auto& cp : code_points(utf8))
        if (septets(cp.value) == 0) return false;
    return true;
}

sms_segmentation segment_sms(std::string_view utf8) {
    const auto cps = code_points(utf8);
    sms_segmentation s;
    s.characters = cps.size();
    const bool gsm7 = std::all_of(cps.begin(), cps.end(), [](const code_point& cp) { return septets(cp.value) > 0; });
    s.encoding = gsm7 ? sms_encoding::gsm7 : sms_encoding::ucs2;
    const auto cost = [gsm7](char32_t c) -> std::size_t { return gsm7 ? septets(c) : (c > 0xFFFF ? 2 : 1); };
    for (const auto& cp : cps) s.units += cost(cp.value);
    if (cps.empty()) return s;
    if (s.units <= (gsm7 ? single_gsm7 : single_ucs2)) {
        s.starts = {0};
        return s;
    }
    s.starts = pack(cps, gsm7 ? part_gsm7 : part_ucs2, cost);
    return s;
}

} // namespace interop::text
