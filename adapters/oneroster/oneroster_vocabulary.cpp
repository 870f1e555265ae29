#include "oneroster_vocabulary.hpp"

#include <interop/adapter/support.hpp>

#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <cstdio>

namespace interop::oneroster {
namespace {

using adapter_support::lower_ascii;
using adapter_support::trimmed;

struct level_grade {
    std::string_view level, grade;
};
/** The French level first, then other spellings met in exports. */
constexpr level_grade levels[] = {
    {"PS", "PR"}, {"MS", "PK"}, {"GS", "KG"}, {"CP", "01"}, {"CE1", "02"}, {"CE2", "03"}, {"CM1", "04"}, {"CM2", "05"},
    {"6e", "06"}, {"5e", "07"}, {"4e", "08"}, {"3e", "09"}, {"2nde", "10"}, {"1re", "11"}, {"Tle", "12"},
    {"6eme", "06"}, {"5eme", "07"}, {"4eme", "08"}, {"3eme", "09"}, {"6ème", "06"}, {"5ème", "07"}, {"4ème", "08"}, {"3ème", "09"},
    {"seconde", "10"}, {"2de", "10"}, {"premiere", "11"}, {"première", "11"}, {"1ere", "11"}, {"1ère", "11"}, {"terminale", "12"},
};

struct role_function {
    std::string_view role, function;
};
/** Function codes of STS-Web / AAF and the OneRoster role each is written as, first match wins on read. */
constexpr role_function staff_roles[] = {
    {"teacher", "ENS"}, {"principal", "DIR"}, {"counselor", "EDU"}, {"teacher", "DOC"}, {"aide", "AED"},
    {"siteAdministrator", "ADM"}, {"aide", "MED"}, {"districtAdministrator", "ADM"}, {"systemAdministrator", "ADM"},
    {"administrator", "ADM"}, {"proctor", "AED"},
};

} // namespace

std::string sourced_id(std::string_view kind, std::string_view school, std::string_view id) {
    std::string input = "interop-oneroster";
    for (auto part : {kind, school, id}) {
        input += '\0';
        input += part;
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_Digest(input.data(), input.size(), digest.data(), &length, EVP_sha256(), nullptr);
    digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x80); // version 8: custom (RFC 9562)
    digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80); // variant 10
    std::string out;
    char hex[3];
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        std::snprintf(hex, sizeof hex, "%02x", digest[static_cast<std::size_t>(i)]);
        out += hex;
    }
    return out;
}

std::optional<std::string> ceds_grade(std::string_view level) {
    const auto wanted = lower_ascii(trimmed(level));
    for (const auto& l : levels)
        if (lower_ascii(std::string(l.level)) == wanted) return std::string(l.grade);
    return std::nullopt;
}

std::optional<std::string> french_level(std::string_view grade) {
    for (const auto& l : levels)
        if (l.grade == trimmed(grade)) return std::string(l.level);
    return std::nullopt;
}

std::string staff_role(const std::vector<std::string>& functions) {
    if (!functions.empty())
        for (const auto& r : staff_roles)
            if (r.function == functions.front()) return std::string(r.role);
    return "teacher";
}

role_kind kind_of_role(std::string_view role) {
    if (role == "student") return role_kind::student;
    if (role == "guardian" || role == "parent" || role == "relative") return role_kind::guardian;
    for (const auto& r : staff_roles)
        if (r.role == role) return role_kind::staff;
    return role_kind::none;
}

std::string function_of_role(std::string_view role) {
    for (const auto& r : staff_roles)
        if (r.role == role) return std::string(r.function);
    return "ENS";
}

score_status score_status_of(model::grade_status s) {
    switch (s) {
    case model::grade_status::graded: return {"fully graded", ""};
    case model::grade_status::absent: return {"not submitted", "ABS"};
    case model::grade_status::exempt: return {"exempt", ""};
    case model::grade_status::not_graded: return {"submitted", ""};
    case model::grade_status::not_handed_in: return {"not submitted", ""};
    }
    return {"fully graded", ""};
}

model::grade_status grade_status_of(std::string_view score_status, std::string_view text_score) {
    if (score_status == "exempt") return model::grade_status::exempt;
    if (score_status == "not submitted") return lower_ascii(std::string(text_score)) == "abs" ? model::grade_status::absent : model::grade_status::not_handed_in;
    if (score_status == "submitted") return model::grade_status::not_graded;
    return model::grade_status::graded;
}

std::string sex_of(std::string_view model_sex) {
    if (model_sex == "M") return "male";
    if (model_sex == "F") return "female";
    return {};
}

std::optional<std::string> model_sex(std::string_view oneroster_sex) {
    const auto s = lower_ascii(std::string(oneroster_sex));
    if (s == "male" || s == "m") return "M";
    if (s == "female" || s == "f") return "F";
    return std::nullopt;
}

lenient_date parse_lenient_date(std::string_view text) {
    const auto t = trimmed(text);
    if (t.empty()) return {};
    if (auto d = model::parse_date(t)) return {d, false};
    if (t.size() > 10 && (t[10] == 'T' || t[10] == ' '))
        if (auto d = model::parse_date(t.substr(0, 10))) return {d, t[10] == ' '};
    // d/m/yyyy, day first (what the packages met write; a month above 12 would say otherwise)
    const auto first = t.find('/'), second = t.find('/', first + 1);
    if (first == std::string::npos || second == std::string::npos) return {};
    auto pad = [](std::string s) { return s.size() == 1 ? "0" + s : s; };
    const auto iso = t.substr(second + 1) + "-" + pad(t.substr(first + 1, second - first - 1)) + "-" + pad(t.substr(0, first));
    return {model::parse_date(iso), true};
}

std::optional<bool> parse_bool(std::string_view text) {
    const auto t = lower_ascii(trimmed(text));
    if (t == "true" || t == "1" || t == "yes") return true;
    if (t == "false" || t == "0" || t == "no") return false;
    return std::nullopt;
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& part : adapter_support::split_nonempty(text, ','))
        if (auto t = trimmed(part); !t.empty()) out.push_back(std::move(t));
    return out;
}

std::string join_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
    return out;
}

std::vector<model::external_id> parse_user_ids(std::string_view text) {
    std::vector<model::external_id> out;
    for (const auto& item : split_list(text)) {
        auto inner = std::string_view(item);
        if (inner.starts_with('{') && inner.ends_with('}')) inner = inner.substr(1, inner.size() - 2);
        const auto colon = inner.find(':');
        if (colon == std::string_view::npos) continue;
        out.push_back({trimmed(inner.substr(0, colon)), trimmed(inner.substr(colon + 1))});
    }
    return out;
}

std::string user_ids_text(const std::vector<model::external_id>& ids) {
    std::vector<std::string> items;
    for (const auto& e : ids) items.push_back("{" + e.system + ":" + e.id + "}");
    return join_list(items);
}

std::string number_text(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

} // namespace interop::oneroster
