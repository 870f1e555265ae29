#pragma once
/**
 * @file The webhook outbox: the changes of a transaction become deliveries for every matching
 * subscription, written in that same transaction, so that no committed change goes undelivered
 * and no delivery announces an uncommitted change.
 */

#include "store/store.hpp"

#include <vector>

namespace hubd {

/** Changes per delivery, at most. */
inline constexpr std::size_t changes_per_delivery = 500;

/** Adds the deliveries of `changes` (in sequence order) to the writer's transaction; returns how many. */
std::size_t enqueue_deliveries(store_writer& w, const std::vector<change_entry>& changes, millis now);

/** Whether a subscription wants a change (its schools and kinds; `*` or empty kinds: all). */
bool subscription_wants(const subscription_row& s, const change_entry& c);

/** The JSON body of a delivery. */
std::string delivery_payload(const std::string& delivery_id, const std::string& subscription_id,
                             const std::vector<const change_entry*>& changes);

} // namespace hubd
