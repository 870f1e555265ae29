#pragma once
/** @file A notification as the API shows it. */

#include "json_writer.hpp"
#include "store/notification_store.hpp"

namespace hubd {

void write_notification(json_writer& w, const notification_row& n);

/** Thousandths of a cent as euros (3.5 c€ a segment is 0.035). */
inline double euros_of(std::int64_t millicents) { return static_cast<double>(millicents) / 100'000; }

} // namespace hubd
