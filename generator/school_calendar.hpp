#pragma once
// A school year of a zone B collège: terms, holidays, public holidays, school days. The
// generator's dates are written for 2025-2026 (the reference, whose official calendar this
// follows); another year moves them by whole weeks, so that each keeps its weekday.

#include <interop/model/structure.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace interop::generator {

struct school_calendar {
    static constexpr int reference_year = 2025;
    int start_year = reference_year;
    std::int64_t shift_days = 0; ///< from the reference year to this one: a whole number of weeks
    model::date year_start{2025, 9, 1};
    model::date year_end{2026, 7, 3};
    std::vector<model::calendar_entry> entries;
    std::vector<std::pair<model::date, model::date>> terms; // trimesters

    /** The school year starting in `start_year` (2026: 2026-2027). */
    explicit school_calendar(int start_year = reference_year);
    /** A date written for the reference year, moved to this one on the same weekday. */
    model::date shifted(const model::date& reference) const { return model::add_days(reference, shift_days); }
    /** A year written for the reference year (birth years), moved to this one. */
    int shifted_year(int reference) const { return reference + start_year - reference_year; }
    /** "2025-2026". */
    std::string label() const;
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
