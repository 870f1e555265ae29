#pragma once
/**
 * @file The official school holiday calendar by zone. The library ships the dates it can vouch
 * for (`official_holidays()`), and reads updates from the ministry's exports: the per-zone
 * iCalendar files and the day-by-day CSV (`date,vacances_zone_a,vacances_zone_b,
 * vacances_zone_c,nom_vacances`), or the library's own `zone;label;start;end` table.
 */

#include <interop/calendar/public_holidays.hpp>
#include <interop/io/input.hpp>

#include <optional>
#include <vector>

namespace interop::calendar {

/** One holiday of one zone; `end` is the last day without classes (inclusive). */
struct holiday {
    model::holiday_zone zone = model::holiday_zone::none;
    std::string label;
    model::date start;
    model::date end;
    bool operator==(const holiday&) const = default;
};

/** Holidays of every zone, kept sorted by zone then start. */
class holiday_table {
public:
    holiday_table() = default;
    explicit holiday_table(std::vector<holiday> entries);

    const std::vector<holiday>& entries() const { return m_entries; }
    /** Holidays of a zone that meet [from, to]. */
    std::vector<holiday> of_zone(model::holiday_zone zone, model::date from, model::date to) const;
    /**
     * Takes a newer table's dates: for each zone it holds, its holidays replace ours over the
     * span it covers (so a ministry correction wins); ours outside that span stay.
     */
    void update(const holiday_table& newer);
    /** The last day the table knows holidays on (the end of its last school year), if any. */
    std::optional<model::date> known_until() const;

private:
    std::vector<holiday> m_entries;
};

/** The holiday dates this library ships (zones A, B and C; see docs/calendar.md for the years). */
const holiday_table& official_holidays();

/**
 * Reads holidays from an iCalendar file (one zone; taken from `X-WR-CALNAME` / `LOCATION`
 * "Zone X" unless given), the day-by-day CSV, or the `zone;label;start;end` table, chosen
 * from the content.
 * @throws parse_error naming file, line and problem.
 */
holiday_table read_holidays(const io::input& in, std::optional<model::holiday_zone> zone = std::nullopt);

/** Writes the `zone;label;start;end` table (what `read_holidays` reads back). */
void write_holidays(const holiday_table& table, std::ostream& out);

/**
 * The school's days without classes over a school year: its zone's holidays and the public
 * holidays of its region, clipped to the year.
 */
model::calendar school_calendar(const holiday_table& table, const model::establishment& school,
                                const model::academic_year& year);

} // namespace interop::calendar
