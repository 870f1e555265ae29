#pragma once
/**
 * @file The weekly digest: for people who asked for one message instead of many, their week's
 * notifications (absences, grades released, homework, news) in one plain-text message, at the
 * school's digest time (Friday 17:00 unless it says otherwise).
 */

#include "store/notification_store.hpp"

#include <string>
#include <vector>

namespace hubd {

class hub;
struct school_rules;

/** The last digest time at or before `now` (ms), in the school's time. */
millis last_digest_time(millis now, const school_rules& rules);

/** One digest per person from their `digest` items, in the language of the first. */
std::vector<notification_row> digests_of(const std::vector<notification_row>& items, const school_rules& rules, millis now);

/** Makes the school's digests when its digest time has come since the last; returns how many. */
std::size_t make_school_digests(hub& h, const std::string& school);

} // namespace hubd
