#pragma once
/**
 * @file Grade release: pupils see their grades first, guardians after a delay (24 h unless the
 * school says otherwise), never before the pupil.
 */

#include <interop/diagnostics.hpp>
#include <interop/model/dataset.hpp>

namespace interop::policy {

class right_to_disconnect;

struct grade_release_settings {
    int guardian_delay_minutes = 24 * 60;
};

/**
 * Stores the release times on `a`: pupils at `released_at` (or the time already on the record
 * when it is later), guardians `guardian_delay_minutes` after the pupils; with `window`, the
 * guardians' time is moved on to when the right to disconnect lets family items go out.
 */
void release_grades(model::assessment& a, const model::date_time& released_at, const grade_release_settings& settings = {},
                    const right_to_disconnect* window = nullptr);

/** An error for each assessment whose guardians' time comes before its pupils' (or has no pupils' time). */
void check_grade_release(const model::dataset& data, diagnostics& diags);

} // namespace interop::policy
