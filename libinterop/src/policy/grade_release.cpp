#include <interop/policy/disconnect.hpp>
#include <interop/policy/grade_release.hpp>

namespace interop::policy {
namespace {

/** `t` moved by `minutes`, keeping its offset (or lack of one). */
model::date_time shifted(const model::date_time& t, int minutes) {
    const auto seconds = model::days_since_epoch(t.day) * 86400 + t.seconds + std::int64_t{minutes} * 60;
    const auto days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    return {model::date_from_days(days), static_cast<int>(seconds - days * 86400), t.utc_offset_minutes};
}

} // namespace

void release_grades(model::assessment& a, const model::date_time& released_at, const grade_release_settings& settings,
                    const right_to_disconnect* window) {
    auto pupils = released_at;
    if (a.visible_to_students_at && model::before(released_at, *a.visible_to_students_at)) pupils = *a.visible_to_students_at;
    auto guardians = shifted(pupils, std::max(0, settings.guardian_delay_minutes));
    if (window) guardians = window->decide(guardians, audience::families).send_at;
    a.visible_to_students_at = pupils;
    a.visible_to_guardians_at = guardians;
}

void check_grade_release(const model::dataset& data, diagnostics& diags) {
    for (const auto& a : data.all<model::assessment>()) {
        if (!a.visible_to_guardians_at) continue;
        const auto record = "assessment/" + a.id;
        if (!a.visible_to_students_at)
            diags.add(severity::error, "grades.guardians-first", record, "guardians may see the grades but pupils have no release time");
        else if (model::before(*a.visible_to_guardians_at, *a.visible_to_students_at))
            diags.add(severity::error, "grades.guardians-first", record,
                      "guardians see the grades at " + model::to_string(*a.visible_to_guardians_at) + ", before the pupils (" +
                          model::to_string(*a.visible_to_students_at) + ")");
    }
}

} // namespace interop::policy
