#include <interop/calendar/school_days.hpp>

#include <algorithm>

namespace interop::calendar {

school_days::school_days(const model::establishment& school, const holiday_table& table,
                         std::vector<model::calendar_entry> closures)
    : m_region(region_of(school)), m_days_off(std::move(closures)) {
    for (const auto& h : table.entries()) {
        if (h.zone != school.zone) continue;
        m_days_off.push_back({model::calendar_entry_kind::holiday, h.label, h.start, h.end});
        if (!m_known_until || h.end > *m_known_until) m_known_until = h.end;
    }
    std::stable_sort(m_days_off.begin(), m_days_off.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
}

std::optional<day_off> school_days::day_off_on(model::date day) const {
    for (const auto& e : public_holidays(day.year, m_region))
        if (e.start == day) return day_off{e.type, e.label};
    for (const auto& e : m_days_off) {
        if (e.start > day) break;
        if (day <= e.end) return day_off{e.type, e.label};
    }
    return std::nullopt;
}

bool school_days::holidays_known(model::date day) const { return m_known_until && day <= *m_known_until; }

bool school_days::has_classes(model::date day) const { return model::iso_weekday(day) <= 5 && !day_off_on(day); }

model::date school_days::next_school_day(model::date day) const {
    auto next = model::add_days(day, 1);
    for (int i = 0; i < 366 && !has_classes(next); ++i) next = model::add_days(next, 1);
    return next;
}

} // namespace interop::calendar
