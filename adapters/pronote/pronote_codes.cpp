// Pronote's labels and dates, both ways.

#include "pronote_format.hpp"

#include <interop/adapter/support.hpp>

#include <array>
#include <charconv>
#include <cstdio>

namespace interop::pronote {
namespace {

struct level_entry {
    std::string_view label;
    int genre;
    std::optional<int> level;
};
// The labels of eleve.xsd's GenreNiveauDAcquisition ("Expert " with its space), in Genre order.
constexpr std::array<level_entry, 8> levels{{{"Expert ", 0, 4},
                                            {"Acquis", 1, 3},
                                            {"Presque acquis", 2, 3},
                                            {"En cours d\u2019acquisition", 3, 2},
                                            {"Début d\u2019acquisition", 4, 1},
                                            {"Non acquis", 5, 1},
                                            {"Absent", 6, std::nullopt},
                                            {"Non évalué", 7, std::nullopt}}};

struct nature_entry {
    std::string_view label;
    model::sanction_kind kind;
};
constexpr std::array<nature_entry, 8> natures{{{"Retenue", model::sanction_kind::detention},
                                              {"Devoir supplémentaire", model::sanction_kind::extra_work},
                                              {"Avertissement", model::sanction_kind::warning},
                                              {"Blâme", model::sanction_kind::blame},
                                              {"Mesure de responsabilisation", model::sanction_kind::responsibility_measure},
                                              {"Exclusion temporaire de la classe", model::sanction_kind::class_exclusion},
                                              {"Exclusion temporaire de l'établissement", model::sanction_kind::temporary_exclusion},
                                              {"Exclusion définitive", model::sanction_kind::permanent_exclusion}}};

std::string without_trailing_space(std::string_view s) { return adapter_support::trimmed(s); }

} // namespace

std::optional<model::date_time> parse_time(std::string_view text) {
    std::string t = adapter_support::trimmed(text);
    if (auto dot = t.find('.'); dot != std::string::npos && dot > 10) {
        auto end = t.find_first_of("Z+-", dot);
        t.erase(dot, end == std::string::npos ? std::string::npos : end - dot);
    }
    // `+0000` → `+00:00`
    if (t.size() >= 5 && (t[t.size() - 5] == '+' || t[t.size() - 5] == '-') && t.find(':', t.size() - 5) == std::string::npos)
        t = t.substr(0, t.size() - 2) + ":" + t.substr(t.size() - 2);
    if (auto dt = model::parse_date_time(t)) return dt;
    if (auto d = model::parse_date(t)) return model::date_time{*d, 0, std::nullopt};
    return std::nullopt;
}

std::optional<model::date> parse_day(std::string_view text) {
    auto t = parse_time(text);
    return t ? std::optional<model::date>(t->day) : std::nullopt;
}

std::optional<mark> parse_mark(std::string_view text) {
    const auto t = adapter_support::lower_ascii(adapter_support::trimmed(text));
    if (t == "abs" || t == "absent") return mark{model::grade_status::absent, {}};
    if (t == "disp" || t == "dispensé" || t == "dispense") return mark{model::grade_status::exempt, {}};
    if (t == "n.not" || t == "nnot" || t == "non noté") return mark{model::grade_status::not_graded, {}};
    if (t == "n.rdu" || t == "nrdu" || t == "non rendu") return mark{model::grade_status::not_handed_in, {}};
    std::string number = t;
    for (char& c : number)
        if (c == ',') c = '.';
    double value = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || end != number.data() + number.size() || number.empty() || value < 0) return std::nullopt;
    return mark{model::grade_status::graded, value};
}

std::string mark_text(const model::grade_result& r) {
    switch (r.status) {
    case model::grade_status::absent: return "Abs";
    case model::grade_status::exempt: return "Disp";
    case model::grade_status::not_handed_in: return "N.Rdu";
    case model::grade_status::not_graded: return "N.Not";
    case model::grade_status::graded: break;
    }
    if (!r.value) return "N.Not";
    char text[32];
    std::snprintf(text, sizeof text, "%g", *r.value);
    return text;
}

model::sanction_kind sanction_kind_of(std::string_view nature) {
    const auto n = without_trailing_space(nature);
    for (const auto& e : natures)
        if (e.label == n) return e.kind;
    if (n.rfind("Exclusion temporaire", 0) == 0) return model::sanction_kind::temporary_exclusion;
    return model::sanction_kind::other;
}

std::string_view nature_label(model::sanction_kind k) {
    for (const auto& e : natures)
        if (e.kind == k) return e.label;
    return "Autre";
}

bool is_punishment(model::sanction_kind k) {
    return k == model::sanction_kind::detention || k == model::sanction_kind::extra_work || k == model::sanction_kind::other;
}

std::optional<int> level_of(std::string_view label) {
    const auto l = without_trailing_space(label);
    for (const auto& e : levels)
        if (without_trailing_space(e.label) == l) return e.level;
    return std::nullopt;
}

std::string_view level_label(int level) {
    switch (level) {
    case 4: return levels[0].label;
    case 3: return levels[1].label;
    case 2: return levels[3].label;
    default: return levels[5].label;
    }
}

int level_genre(std::string_view label) {
    for (const auto& e : levels)
        if (e.label == label) return e.genre;
    return 7;
}

} // namespace interop::pronote
