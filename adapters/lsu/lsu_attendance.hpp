#pragma once
// What a report card says of attendance when the card gives no figures: counted from the
// pupil's attendance events of the period, as LSU counts them (absences in half-days).

#include <interop/model/dataset.hpp>

#include <string>

namespace interop::lsu {

struct attendance_counts {
    int justified_half_days = 0;
    int unjustified_half_days = 0;
    int late_arrivals = 0;
};

/**
 * The pupil's absences and late arrivals that start between `first` and `last` (inclusive).
 * An absence counts each morning (before 12:00) and afternoon it covers, on its own wall
 * clock; a weekend it spans is left out (a Saturday it starts or ends on counts); one still
 * open counts its first half-day only.
 */
attendance_counts count_attendance(const model::dataset& ds, const std::string& student, model::date first, model::date last);

} // namespace interop::lsu
