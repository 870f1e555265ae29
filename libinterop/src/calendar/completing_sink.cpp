#include <interop/calendar/completing_sink.hpp>

namespace interop::calendar {

void completing_sink::on_record(model::any_record&& r) {
    std::visit(
        [&](const auto& k) {
            using K = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<K, model::establishment>) m_schools[k.uai.empty() ? k.id : k.uai] = k;
            else if constexpr (std::is_same_v<K, model::academic_year>) m_years.push_back(k);
            else if constexpr (std::is_same_v<K, model::calendar>) m_calendars.insert({k.school, k.academic_year});
            else if constexpr (std::is_same_v<K, model::course>) m_with_courses.insert(k.school);
        },
        r);
    m_next.on_record(std::move(r));
}

void completing_sink::on_end() {
    for (const auto& uai : m_with_courses) {
        auto school = m_schools.count(uai) ? m_schools.at(uai) : model::establishment{};
        school.id = school.uai = uai;
        if (school.zone == model::holiday_zone::none && m_zone) school.zone = *m_zone;
        bool added = false;
        for (const auto& year : m_years) {
            if (year.school != uai || m_calendars.count({uai, year.id})) continue;
            auto cal = school_calendar(m_table, school, year);
            cal.provenance = {"holidays", "official calendar", 0};
            m_next.on_record(model::any_record{std::move(cal)});
            added = true;
        }
        if (added && school.zone == model::holiday_zone::none)
            m_diags.add(severity::warning, "calendar.no-zone", "", "school " + (uai.empty() ? std::string("(no UAI)") : uai) +
                                                                         " has no holiday zone: only public holidays are left out of its timetable (give --zone)",
                        {});
    }
    m_next.on_end();
}

} // namespace interop::calendar
