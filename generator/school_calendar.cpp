#include "school_calendar.hpp"

#include <interop/calendar/public_holidays.hpp>
#include <interop/calendar/school_year.hpp>

#include <tuple>

namespace interop::generator {

using model::calendar_entry_kind;
using model::date;

namespace {

/** The whole weeks nearest to the days between the reference year's 1 September and this one's. */
std::int64_t weeks_from_reference(int start_year) {
    const auto days = model::days_since_epoch({start_year, 9, 1}) - model::days_since_epoch({school_calendar::reference_year, 9, 1});
    const auto weeks = (days + (days >= 0 ? 3 : -3)) / 7;
    return weeks * 7;
}

/** A day off, when it falls on a weekday (a public holiday on a weekend takes no class away). */
void add_if_weekday(std::vector<model::calendar_entry>& out, calendar_entry_kind kind, const char* label, date first, date last) {
    if (model::iso_weekday(first) <= 5) out.push_back({kind, label, first, last});
}

} // namespace

school_calendar::school_calendar(int year) : start_year(year), shift_days(weeks_from_reference(year)) {
    year_start = shifted(year_start);
    year_end = shifted(year_end);
    // Zone B holidays, 2025-2026 (official calendar), moved by whole weeks: first and last day
    // without classes, Saturday to Sunday.
    for (const auto& [label, first, last] : {std::tuple{"Vacances de la Toussaint", date{2025, 10, 18}, date{2025, 11, 2}},
                                             std::tuple{"Vacances de Noël", date{2025, 12, 20}, date{2026, 1, 4}},
                                             std::tuple{"Vacances d'hiver", date{2026, 2, 14}, date{2026, 3, 1}},
                                             std::tuple{"Vacances de printemps", date{2026, 4, 11}, date{2026, 4, 26}}})
        entries.push_back({calendar_entry_kind::holiday, label, shifted(first), shifted(last)});
    // The days that are fixed by date or by Easter, on the year's own dates.
    const int spring = start_year + 1;
    const auto easter = calendar::easter_sunday(spring);
    entries.push_back({calendar_entry_kind::holiday, "Pont de l'Ascension", model::add_days(easter, 39), model::add_days(easter, 42)});
    add_if_weekday(entries, calendar_entry_kind::public_holiday, "Armistice 1918", {start_year, 11, 11}, {start_year, 11, 11});
    add_if_weekday(entries, calendar_entry_kind::public_holiday, "Fête du Travail", {spring, 5, 1}, {spring, 5, 1});
    add_if_weekday(entries, calendar_entry_kind::public_holiday, "Victoire 1945", {spring, 5, 8}, {spring, 5, 8});
    add_if_weekday(entries, calendar_entry_kind::public_holiday, "Lundi de Pentecôte", model::add_days(easter, 50), model::add_days(easter, 50));
    terms = {{shifted({2025, 9, 1}), shifted({2025, 11, 28})}, {shifted({2025, 12, 1}), shifted({2026, 3, 6})}, {shifted({2026, 3, 9}), year_end}};
}

std::string school_calendar::label() const { return calendar::school_year_label(start_year); }

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
