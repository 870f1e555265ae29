#include <interop/calendar/public_holidays.hpp>

#include <algorithm>

namespace interop::calendar {

model::date easter_sunday(int year) {
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return {year, month, day};
}

holiday_region region_of(const model::establishment& school) {
    const auto& tz = school.time_zone;
    if (tz == "America/Guadeloupe" || tz == "America/St_Barthelemy" || tz == "America/Marigot") return holiday_region::guadeloupe;
    if (tz == "America/Martinique") return holiday_region::martinique;
    if (tz == "America/Cayenne") return holiday_region::guyane;
    if (tz == "Indian/Reunion") return holiday_region::reunion;
    if (tz == "Indian/Mayotte") return holiday_region::mayotte;
    if (school.postal_code && school.postal_code->size() >= 2) {
        auto dept = school.postal_code->substr(0, 2);
        if (dept == "57" || dept == "67" || dept == "68") return holiday_region::alsace_moselle;
    }
    return holiday_region::metropolitan;
}

namespace {

model::calendar_entry one_day(model::date d, std::string label) {
    return {model::calendar_entry_kind::public_holiday, std::move(label), d, d};
}

void add_regional(std::vector<model::calendar_entry>& out, int year, holiday_region region, model::date easter) {
    switch (region) {
    case holiday_region::alsace_moselle:
        out.push_back(one_day(model::add_days(easter, -2), "Vendredi saint"));
        out.push_back(one_day({year, 12, 26}, "Saint-Étienne"));
        break;
    case holiday_region::guadeloupe: out.push_back(one_day({year, 5, 27}, "Abolition de l'esclavage")); break;
    case holiday_region::martinique: out.push_back(one_day({year, 5, 22}, "Abolition de l'esclavage")); break;
    case holiday_region::guyane: out.push_back(one_day({year, 6, 10}, "Abolition de l'esclavage")); break;
    case holiday_region::reunion: out.push_back(one_day({year, 12, 20}, "Abolition de l'esclavage")); break;
    case holiday_region::mayotte: out.push_back(one_day({year, 4, 27}, "Abolition de l'esclavage")); break;
    case holiday_region::metropolitan: break;
    }
}

} // namespace

std::vector<model::calendar_entry> public_holidays(int year, holiday_region region) {
    auto easter = easter_sunday(year);
    std::vector<model::calendar_entry> out{
        one_day({year, 1, 1}, "Jour de l'an"),
        one_day(model::add_days(easter, 1), "Lundi de Pâques"),
        one_day({year, 5, 1}, "Fête du Travail"),
        one_day({year, 5, 8}, "Victoire 1945"),
        one_day(model::add_days(easter, 39), "Ascension"),
        one_day(model::add_days(easter, 50), "Lundi de Pentecôte"),
        one_day({year, 7, 14}, "Fête nationale"),
        one_day({year, 8, 15}, "Assomption"),
        one_day({year, 11, 1}, "Toussaint"),
        one_day({year, 11, 11}, "Armistice 1918"),
        one_day({year, 12, 25}, "Noël"),
    };
    add_regional(out, year, region, easter);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    return out;
}

} // namespace interop::calendar
