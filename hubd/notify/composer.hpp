#pragma once
/**
 * @file From an event to notifications: one per person reached, in their language, through the
 * channel that reaches them, held until the right to disconnect and any release delay let it go.
 */

#include "notify/events.hpp"

#include <set>

namespace hubd {

struct compose_context {
    directory& people;
    const school_rules& rules;
    std::set<std::string> channels; ///< the channels this hub has (push, email, sms)
    millis now = 0;                 ///< policy time
    std::string actor = "hub";
};

/** The notifications of an event, its audiences taken from the school's rules. */
std::vector<notification_row> compose(const event_occurrence& e, compose_context& ctx);

/**
 * One notification to one person: the message rendered in their language, the channel chosen,
 * the send time set (`not_before` for release delays, then the window unless urgent). A person
 * the hub cannot reach gets a `failed` notification saying why, for the school to see.
 */
notification_row notification_for(const person_contact& p, const event_occurrence& e, const std::map<std::string, std::string>& values,
                                   millis not_before, compose_context& ctx);

} // namespace hubd
