#pragma once
/**
 * @file A school's policy settings, read from a small JSON file:
 *
 *     {"families": {"night": {"from": "20:00", "until": "07:00"},
 *                   "weekend": {"from": "friday 20:00", "until": "monday 07:00"},
 *                   "public_holidays": true, "school_holidays": true},
 *      "staff": {…the same…},
 *      "closures": [{"label": "Pont", "start": "2027-05-07", "end": "2027-05-07"}],
 *      "grades": {"guardian_delay_hours": 24},
 *      "homework": {"late_after": "19:00"}}
 *
 * Every member is optional; what is left out keeps its default. `"night": null` (or
 * `"weekend": null`) turns that window off.
 */

#include <interop/policy/disconnect.hpp>
#include <interop/policy/grade_release.hpp>
#include <interop/policy/homework.hpp>

#include <string>
#include <string_view>

namespace interop::policy {

struct school_policy {
    disconnect_settings disconnect;
    grade_release_settings grades;
    homework_settings homework;
};

/** @throws parse_error naming the file, the member and the problem. */
school_policy read_school_policy(std::string_view json, const std::string& file);

} // namespace interop::policy
