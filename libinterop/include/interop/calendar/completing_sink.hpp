#pragma once
/**
 * @file Days without classes for timetables that come without them (aSc, FET, Untis, UDT, …):
 * a sink that forwards every record and, at the end, adds for each school with courses and
 * each of its academic years the school calendar from a holiday table, when the input gave
 * none for that year. Expansions and iCalendar feeds then skip holidays and public holidays.
 */

#include <interop/calendar/school_holidays.hpp>
#include <interop/diagnostics.hpp>
#include <interop/io/sink.hpp>

#include <map>
#include <optional>
#include <set>

namespace interop::calendar {

class completing_sink : public io::record_sink {
public:
    /** `zone`, when given, is the holiday zone of schools the input does not describe (or describes without one). */
    completing_sink(io::record_sink& next, const holiday_table& table, std::optional<model::holiday_zone> zone, diagnostics& diags)
        : m_next(next), m_table(table), m_zone(zone), m_diags(diags) {}

    void on_metadata(const model::metadata& m) override { m_next.on_metadata(m); }
    void on_record(model::any_record&& r) override;
    void on_end() override;

private:
    io::record_sink& m_next;
    const holiday_table& m_table;
    std::optional<model::holiday_zone> m_zone;
    diagnostics& m_diags;
    std::map<std::string, model::establishment> m_schools;
    std::vector<model::academic_year> m_years;
    std::set<std::pair<std::string, std::string>> m_calendars; ///< school, academic year
    std::set<std::string> m_with_courses;
};

} // namespace interop::calendar
