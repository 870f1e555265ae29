#pragma once
/**
 * @file Webhook signatures: `Interop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `<t>.<body>` with the subscription's secret. The timestamp lets receivers refuse replays.
 */

#include <cstdint>
#include <string>
#include <string_view>

namespace hubd {

std::string sign_delivery(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

/**
 * Checks a header against the body: well-formed, a `v1` that matches (constant time), and a
 * timestamp within `tolerance_seconds` of `now`. Several `v1` values are allowed (secret rotation).
 */
bool verify_delivery_signature(std::string_view header, std::string_view secret, std::string_view body, std::int64_t now,
                               std::int64_t tolerance_seconds = 300);

} // namespace hubd
