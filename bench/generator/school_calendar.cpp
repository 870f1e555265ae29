#include "school_calendar.hpp"

namespace interop::generator {

using model::calendar_entry_kind;
using model::date;

school_calendar::school_calendar() {
    // Zone B, 2025-2026 (official calendar): first and last day without classes.
    entries = {
        {calendar_entry_kind::holiday, "Vacances de la Toussaint", {2025, 10, 18}, {2025, 11, 2}},
        {calendar_entry_kind::holiday, "Vacances de Noël", {2025, 12, 20}, {2026, 1, 4}},
        {calendar_entry_kind::holiday, "Vacances d'hiver", {2026, 2, 14}, {2026, 3, 1}},
        {calendar_entry_kind::holiday, "Vacances de printemps", {2026, 4, 11}, {2026, 4, 26}},
        {calendar_entry_kind::holiday, "Pont de l'Ascension", {2026, 5, 14}, {2026, 5, 17}},
        {calendar_entry_kind::public_holiday, "Armistice 1918", {2025, 11, 11}, {2025, 11, 11}},
        {calendar_entry_kind::public_holiday, "Fête du Travail", {2026, 5, 1}, {2026, 5, 1}},
        {calendar_entry_kind::public_holiday, "Victoire 1945", {2026, 5, 8}, {2026, 5, 8}},
        {calendar_entry_kind::public_holiday, "Lundi de Pentecôte", {2026, 5, 25}, {2026, 5, 25}},
    };
    terms = {{{2025, 9, 1}, {2025, 11, 28}}, {{2025, 12, 1}, {2026, 3, 6}}, {{2026, 3, 9}, {2026, 7, 3}}};
}

bool school_calendar::has_classes(const date& d) const {
    if (d < year_start || year_end < d || model::iso_weekday(d) > 5) return false;
    for (const auto& e : entries)
        if (!(d < e.start) && !(e.end < d)) return false;
    return true;
}

std::vector<date> school_calendar::school_weeks() const {
    std::vector<date> weeks;
    for (date monday = year_start; !(year_end < monday); monday = model::add_days(monday, 7))
        for (int i = 0; i < 5; ++i)
            if (has_classes(model::add_days(monday, i))) {
                weeks.push_back(monday);
                break;
            }
    return weeks;
}

namespace {
/** The last Sunday of a month. */
date last_sunday(int year, int month) {
    date d = model::add_days(date{month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1}, -1);
    return model::add_days(d, -(model::iso_weekday(d) % 7));
}
} // namespace

int paris_offset(const date& d) {
    const bool summer = !(d < last_sunday(d.year, 3)) && d < last_sunday(d.year, 10);
    return summer ? 120 : 60;
}

model::date_time paris(const date& d, int hour, int minute) { return {d, hour * 3600 + minute * 60, paris_offset(d)}; }

} // namespace interop::generator
