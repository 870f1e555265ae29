#pragma once
/** @file HTTP and HTTPS out of hubd: the webhook sender, the gateways' calls (Beast), with a deadline on the whole exchange. */

#include "delivery/deliverer.hpp"
#include "notify/channel.hpp"

#include <chrono>

namespace hubd {

/** A sender that posts with `timeout` for connect, send and answer together; HTTPS verifies the peer and its name. */
webhook_sender make_http_sender(std::chrono::seconds timeout);

/** One exchange with a deadline on the whole of it; never throws (status 0 and the error instead). */
http_answer http_exchange(const http_call& call, std::chrono::seconds timeout);
/** http_exchange as the notifier's gateways and push relay take it. */
http_caller make_http_caller(std::chrono::seconds timeout);

} // namespace hubd
