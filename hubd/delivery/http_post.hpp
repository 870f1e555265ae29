#pragma once
/** @file The webhook sender over HTTP and HTTPS (Beast), with a deadline on the whole exchange. */

#include "delivery/deliverer.hpp"

#include <chrono>

namespace hubd {

/** A sender that posts with `timeout` for connect, send and answer together; HTTPS verifies the peer and its name. */
webhook_sender make_http_sender(std::chrono::seconds timeout);

} // namespace hubd
