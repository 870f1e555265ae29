// iCalendar (RFC 5545) and jCal (RFC 7265): timetables out as calendars every client reads.

#include "calendar_reader.hpp"
#include "../common/course_losses.hpp"
#include "calendar_writer.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

#include <map>

namespace interop {
namespace {

/** One calendar, or a folder of them (our whole-school export): every entry an `.ics`, the first a VCALENDAR. */
confidence identify_ical(const io::input& in) {
    if (in.entries().empty()) return confidence::no;
    if (in.entries().size() > 1)
        for (const auto& e : in.entries())
            if (!e.name.ends_with(".ics")) return confidence::no;
    const auto head = in.head(in.entries().front(), 64); // held: the view below points into it
    auto text = adapter_support::skip_bom_and_space(head);
    return text.starts_with("BEGIN:VCALENDAR") || text.starts_with("BEGIN:VEVENT") ? confidence::yes : confidence::no;
}

void add_jcal(registry& r);

} // namespace

/** What calendars are made of: the timetable, and the names and memberships their events and files are labelled with. */
constexpr std::string_view calendar_kinds[] = {"school", "academic_year", "calendar", "week_pattern", "course", "session", "subject",
                                               "room", "staff", "student", "class", "group", "membership"};
/** What they do not carry as records: the school, the year and its weeks expanded into dated events, the pupils and their memberships a calendar each. */
constexpr std::string_view used_kinds[] = {"school", "academic_year", "week_pattern", "student", "membership"};

/** Of the subjects, teachers, classes, groups and rooms, an event names each by its label: read back, a label is all each holds. */
static std::map<std::string_view, std::vector<std::string_view>> labels_only() {
    return {{"subject", {}}, {"staff", {}}, {"class", {}}, {"group", {}}, {"room", {}}, {"course", course_losses::course_fields}};
}

/** Registers `ical` and its JSON form `jcal`. */
void register_ical(registry& r) {
    r.add({.name = "ical",
           .title = "iCalendar (RFC 5545): a calendar per class, group, teacher, pupil and room; agendas and holidays in",
           .domains = {"timetable"},
           .extensions = {"ics"},
           .media_type = "text/calendar",
           .expands_timetable = true,
           .identify = identify_ical,
           .make_reader = ical_adapter::make_reader,
           .make_writer = [](const std::filesystem::path& out, const io::write_options& opt) {
               return course_losses::declaring(std::make_unique<ical_adapter::calendar_writer>(out, ical_adapter::syntax::ical, opt.folder),
                                               {.equipment = false}, "ical", opt.losses);
           },
           .writes = {std::begin(calendar_kinds), std::end(calendar_kinds)},
           .fields_written = labels_only(),
           .uses = {std::begin(used_kinds), std::end(used_kinds)}});
    add_jcal(r);
}

namespace {

void add_jcal(registry& r) {
    r.add({.name = "jcal",
           .title = "jCal (RFC 7265): iCalendar as JSON",
           .domains = {"timetable"},
           .extensions = {"json"},
           .media_type = "application/calendar+json",
           .identify = [](const io::input&) { return confidence::no; },
           .make_reader = {},
           .make_writer = [](const std::filesystem::path& out, const io::write_options& opt) {
               return course_losses::declaring(std::make_unique<ical_adapter::calendar_writer>(out, ical_adapter::syntax::jcal, opt.folder),
                                               {.equipment = false}, "jcal", opt.losses);
           },
           .writes = {std::begin(calendar_kinds), std::end(calendar_kinds)},
           .fields_written = labels_only(),
           .uses = {std::begin(used_kinds), std::end(used_kinds)}});
}

} // namespace
} // namespace interop
