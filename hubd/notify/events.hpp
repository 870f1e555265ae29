#pragma once
/**
 * @file The events in the change feed that concern families and staff: an absence or late
 * arrival recorded, a grade released, homework set, news published, tomorrow's timetable
 * changed. Each says whom it concerns, what a message about it says, and from when it may be
 * known (grades wait for their release; a news item for its publication).
 */

#include "notify/directory.hpp"
#include "policy/school_rules.hpp"

#include <interop/text/templates.hpp>

#include <map>
#include <string>
#include <vector>

namespace hubd {

struct event_occurrence {
    interop::text::event_kind kind = interop::text::event_kind::school_message;
    std::string subject_record;       ///< `kind/id`
    std::vector<std::string> pupils;  ///< whom it is about: their guardians and themselves are told
    std::vector<std::string> staff;   ///< staff concerned
    bool whole_school = false;        ///< a news item for everyone: every pupil's guardians
    std::map<std::string, std::string> values; ///< template values but pupil and school
    millis known_to_pupils = 0, known_to_guardians = 0; ///< not before (release times)
    bool urgent = false;
};

/**
 * The events a change to `r` (not a deletion) stands for, decided at `now` (the policy time);
 * none for kinds and changes families are not told of.
 */
std::vector<event_occurrence> events_of(const change_entry& c, const stored_record& r, directory& dir, const school_rules& rules,
                                        store& db, millis now);

/** The `{text}` of a timetable change in a template language: "Mathématiques 10:00 annulé". */
std::string timetable_text(const std::map<std::string, std::string>& values, const std::string& language);

/** `dd/mm/yyyy` and `HH:MM` in the school's time. */
std::string local_day(millis at, const school_rules& rules);
std::string local_time(millis at, const school_rules& rules);

} // namespace hubd
