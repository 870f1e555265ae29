#include <interop/messaging/sms_route.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace interop::messaging {

namespace {

/** Overseas departments: national prefix (after the 0) → country code, for mobiles and landlines alike. */
struct overseas {
    std::string_view national, country;
};
constexpr std::array<overseas, 13> overseas_plans = {{{"690", "590"}, {"691", "590"}, {"590", "590"},  // Guadeloupe, Saint-Martin, Saint-Barthélemy
                                                      {"694", "594"}, {"594", "594"},                  // Guyane
                                                      {"696", "596"}, {"697", "596"}, {"596", "596"},  // Martinique
                                                      {"692", "262"}, {"693", "262"}, {"262", "262"},  // La Réunion
                                                      {"639", "262"}, {"269", "262"}}};                // Mayotte

std::string digits_and_plus(std::string_view written) {
    std::string out;
    for (char c : written) {
        if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && out.empty())) out += c;
        else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '/') return {};
    }
    return out;
}

std::string national_to_e164(const std::string& national) {
    const auto rest = national.substr(1); // without the trunk 0
    for (const auto& o : overseas_plans)
        if (rest.rfind(o.national, 0) == 0) return "+" + std::string(o.country) + rest;
    return "+33" + rest;
}

} // namespace

std::optional<std::string> e164(std::string_view written) {
    std::string text(written);
    if (const auto trunk = text.find("(0)"); trunk != std::string::npos) text.erase(trunk, 3); // +33 (0)6 …: the trunk 0 shown, not dialled
    auto n = digits_and_plus(text);
    if (n.rfind("00", 0) == 0) n = "+" + n.substr(2);
    else if (n.size() == 10 && n[0] == '0' && n[1] != '0') n = national_to_e164(n);
    if (n.size() < 8 || n.size() > 16 || n[0] != '+' || n[1] == '0') return std::nullopt; // E.164: at most 15 digits
    if (n.rfind("+33", 0) == 0 && n.size() != 12) return std::nullopt;                    // metropolitan France: 9 digits
    return n;
}

bool french_mobile(std::string_view n) {
    if (n.rfind("+336", 0) == 0 || n.rfind("+337", 0) == 0) return n.size() == 12;
    for (std::string_view p : {"+590690", "+590691", "+594694", "+596696", "+596697", "+262692", "+262693", "+262639"})
        if (n.rfind(p, 0) == 0) return n.size() == 13;
    return false;
}

bool sms_route::serves(std::string_view number) const {
    return prefixes.empty() || std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) { return number.rfind(p, 0) == 0; });
}

std::optional<sms_quote> cheapest_route(const std::vector<sms_route>& routes, std::string_view number, std::string_view text) {
    const auto segments = text::segment_sms(text).segments();
    if (segments == 0) return std::nullopt;
    std::optional<sms_quote> best;
    for (const auto& r : routes) {
        if (!r.serves(number)) continue;
        const auto price = r.millicents_per_segment * static_cast<std::int64_t>(segments);
        if (!best || price < best->millicents) best = sms_quote{&r, segments, price};
    }
    return best;
}

} // namespace interop::messaging
