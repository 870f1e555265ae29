#include <interop/calendar/school_holidays.hpp>

#include <sstream>

namespace interop::calendar {
namespace {

/**
 * School holidays of zones A, B and C from the official calendars (arrêtés published in the
 * Bulletin officiel; the ministry's per-zone iCalendar files and data.education.gouv.fr).
 * First and last day without classes, both inclusive. Later years come from the ministry's
 * exports (`read_holidays`, `holiday_table::update`; `interop convert --holidays FILE`): the
 * dates of a school year are only known once the ministry publishes them.
 */
constexpr std::string_view shipped_table = R"(zone;label;start;end
A;Vacances de la Toussaint;2024-10-19;2024-11-03
A;Vacances de Noël;2024-12-21;2025-01-05
A;Vacances d'hiver;2025-02-22;2025-03-09
A;Vacances de printemps;2025-04-19;2025-05-04
A;Pont de l'Ascension;2025-05-29;2025-06-01
A;Vacances d'été;2025-07-05;2025-08-31
A;Vacances de la Toussaint;2025-10-18;2025-11-02
A;Vacances de Noël;2025-12-20;2026-01-04
A;Vacances d'hiver;2026-02-07;2026-02-22
A;Vacances de printemps;2026-04-04;2026-04-19
A;Pont de l'Ascension;2026-05-14;2026-05-17
A;Vacances d'été;2026-07-04;2026-08-31
B;Vacances de la Toussaint;2024-10-19;2024-11-03
B;Vacances de Noël;2024-12-21;2025-01-05
B;Vacances d'hiver;2025-02-08;2025-02-23
B;Vacances de printemps;2025-04-05;2025-04-21
B;Pont de l'Ascension;2025-05-29;2025-06-01
B;Vacances d'été;2025-07-05;2025-08-31
B;Vacances de la Toussaint;2025-10-18;2025-11-02
B;Vacances de Noël;2025-12-20;2026-01-04
B;Vacances d'hiver;2026-02-14;2026-03-01
B;Vacances de printemps;2026-04-11;2026-04-26
B;Pont de l'Ascension;2026-05-14;2026-05-17
B;Vacances d'été;2026-07-04;2026-08-31
C;Vacances de la Toussaint;2024-10-19;2024-11-03
C;Vacances de Noël;2024-12-21;2025-01-05
C;Vacances d'hiver;2025-02-15;2025-03-02
C;Vacances de printemps;2025-04-12;2025-04-27
C;Pont de l'Ascension;2025-05-29;2025-06-01
C;Vacances d'été;2025-07-05;2025-08-31
C;Vacances de la Toussaint;2025-10-18;2025-11-02
C;Vacances de Noël;2025-12-20;2026-01-04
C;Vacances d'hiver;2026-02-21;2026-03-08
C;Vacances de printemps;2026-04-18;2026-05-03
C;Pont de l'Ascension;2026-05-14;2026-05-17
C;Vacances d'été;2026-07-04;2026-08-31
)";

} // namespace

const holiday_table& official_holidays() {
    static const holiday_table parsed = [] {
        auto in = io::input::from_memory("official_holidays", std::string(shipped_table));
        return read_holidays(in);
    }();
    return parsed;
}

} // namespace interop::calendar
