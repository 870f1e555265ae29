// FET day names → ISO weekdays. FET lets a school name its days freely: full names in its
// language, abbreviations (Mo, Di, Mi, Do, Fr), names with more after them (Monday AM), or
// dates. The names of one file are read in one language, so that `Do` is Thursday among
// German days and Sunday among Spanish ones.

#include "fet_format.hpp"

#include <interop/adapter/support.hpp>
#include <interop/model/types.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace interop::fet {
namespace {

/** One language's names of Monday … Sunday, each day's accepted words (full, then short). */
using language = std::array<std::vector<std::string_view>, 7>;

const std::vector<language>& languages() {
    static const std::vector<language> all = {
        {{{"monday", "mon", "mo"}, {"tuesday", "tue", "tues", "tu"}, {"wednesday", "wed", "we"}, {"thursday", "thu", "thur", "thurs", "th"},
          {"friday", "fri", "fr"}, {"saturday", "sat", "sa"}, {"sunday", "sun", "su"}}},
        {{{"lundi", "lun", "lu"}, {"mardi", "mar", "ma"}, {"mercredi", "mer", "me"}, {"jeudi", "jeu", "je"}, {"vendredi", "ven", "ve"},
          {"samedi", "sam", "sa"}, {"dimanche", "dim", "di"}}},
        {{{"montag", "mo"}, {"dienstag", "di"}, {"mittwoch", "mi"}, {"donnerstag", "do"}, {"freitag", "fr"}, {"samstag", "sa"},
          {"sonntag", "so"}}},
        {{{"lunes", "lun", "lu"}, {"martes", "mar", "ma"}, {"miércoles", "miercoles", "mié", "mie", "mi", "x"}, {"jueves", "jue", "ju", "j"},
          {"viernes", "vie", "vi", "v"}, {"sábado", "sabado", "sáb", "sab", "sa"}, {"domingo", "dom", "do"}}},
        {{{"mandag", "man", "ma"}, {"tirsdag", "tir", "ti"}, {"onsdag", "ons", "on"}, {"torsdag", "tor", "to"}, {"fredag", "fre", "fr"},
          {"lørdag", "lør", "lø"}, {"søndag", "søn", "sø"}}},
    };
    return all;
}

/** The leading word of a day name in lower case: `Monday AM` → `monday`, `Mo1` → `mo`, `Lun.` → `lun`. */
std::string leading_word(std::string_view name) {
    std::string word;
    for (char ch : adapter_support::trimmed(name)) {
        const auto u = static_cast<unsigned char>(ch);
        if (u < 0x80 && !std::isalpha(u)) break;
        word += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    }
    return adapter_support::lower_ascii(word);
}

/** A date as the name of a day: 2025-09-01, 01/09/2025, 01.09.2025 or 01-09-2025. */
std::optional<int> weekday_of_date(std::string_view name) {
    const std::string text = adapter_support::trimmed(name);
    if (auto d = model::parse_date(text)) return model::iso_weekday(*d);
    if (text.size() != 10 || (text[2] != '/' && text[2] != '.' && text[2] != '-') || text[5] != text[2]) return std::nullopt;
    if (auto d = model::parse_date(text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2))) return model::iso_weekday(*d);
    return std::nullopt;
}

std::optional<int> weekday_in(const language& lang, std::string_view name) {
    const std::string word = leading_word(name);
    for (std::size_t d = 0; d < lang.size(); ++d)
        if (std::find(lang[d].begin(), lang[d].end(), word) != lang[d].end()) return static_cast<int>(d) + 1;
    return std::nullopt;
}

} // namespace

// Declared in fet_format.hpp.
std::optional<std::vector<int>> weekdays_named(const std::vector<std::string>& names) {
    std::vector<int> dated;
    for (const auto& n : names)
        if (auto w = weekday_of_date(n)) dated.push_back(*w);
    if (!names.empty() && dated.size() == names.size()) return dated;
    for (const auto& lang : languages()) {
        std::vector<int> out;
        for (const auto& n : names)
            if (auto w = weekday_in(lang, n)) out.push_back(*w);
        if (out.size() == names.size()) return out;
    }
    return std::nullopt;
}

std::optional<int> weekday_named(std::string name) {
    auto w = weekdays_named({std::move(name)});
    return w ? std::optional<int>(w->front()) : std::nullopt;
}

} // namespace interop::fet
