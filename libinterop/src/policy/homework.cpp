#include <interop/model/dataset.hpp>
#include <interop/policy/homework.hpp>

namespace interop::policy {

std::string late_homework_reason(const model::homework& h, const calendar::school_days& days,
                                 const timetable::time_zone& zone, const homework_settings& settings) {
    const auto set = h.set_at.utc_offset_minutes ? zone.local(model::epoch_seconds(h.set_at)) : h.set_at;
    if (h.due != days.next_school_day(set.day)) return {};
    if (!days.has_classes(set.day)) {
        const auto off = days.day_off_on(set.day);
        return "set on " + model::to_string(set.day) + " (" + (off ? off->label : std::string("weekend")) +
               ") for the next school day, " + model::to_string(h.due);
    }
    if (set.seconds / 60 < settings.late_after.minutes) return {};
    return "set at " + model::to_string(model::time_of_day{set.seconds / 60}) + " on " + model::to_string(set.day) +
           " (after " + model::to_string(settings.late_after) + ") for the next school day, " + model::to_string(h.due);
}

void check_late_homework(const model::dataset& data, const calendar::school_days& days, const timetable::time_zone& zone,
                         diagnostics& diags, const homework_settings& settings) {
    for (const auto& h : data.all<model::homework>())
        if (auto reason = late_homework_reason(h, days, zone, settings); !reason.empty())
            diags.add(severity::warning, "homework.late", "homework/" + h.id, reason);
}

} // namespace interop::policy
