#pragma once
// The 2025-2026 school year of a zone B collège: terms, holidays, public holidays, school days.

#include <interop/model/structure.hpp>

#include <vector>

namespace interop::generator {

struct school_calendar {
    model::date year_start{2025, 9, 1};
    model::date year_end{2026, 7, 3};
    std::vector<model::calendar_entry> entries;
    std::vector<std::pair<model::date, model::date>> terms; // trimesters

    school_calendar();
    /** A day with classes: not a weekend, holiday or public holiday. */
    bool has_classes(const model::date& d) const;
    /** Mondays of the school weeks (at least one day with classes). */
    std::vector<model::date> school_weeks() const;
};

/** Offset of Europe/Paris on that day, in minutes (+120 in summer time, +60 otherwise). */
int paris_offset(const model::date& d);
/** A date-time in Paris local time with its offset. */
model::date_time paris(const model::date& d, int hour, int minute);

} // namespace interop::generator
