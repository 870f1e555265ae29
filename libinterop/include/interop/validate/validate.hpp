#pragma once
/**
 * @file Validation of a dataset: referential integrity, UAI format and check letter, numbers
 * within their declared bounds (weekdays, levels, durations), date
 * sanity, overlapping sessions, duplicate identifiers.
 */

#include <interop/diagnostics.hpp>
#include <interop/model/dataset.hpp>

#include <optional>
#include <string_view>

namespace interop {

struct validate_options {
    /** Every warning becomes an error (a wrong UAI check letter among them). */
    bool strict = false;
};

/** Runs every rule; diagnostics name the rule (`code`) and the record (`kind/id`). */
diagnostics validate(const model::dataset& ds, const validate_options& opt = {});

/** The check letter of a UAI's 7 digits: number modulo 23 over ABCDEFGHJKLMNPRSTUVWXYZ. */
std::optional<char> uai_check_letter(std::string_view seven_digits);

enum class uai_status { valid, wrong_letter, malformed };
/** Checks 7 digits then the letter they give (upper case). */
uai_status check_uai(std::string_view uai);

} // namespace interop
