#pragma once
/** @file base64url (RFC 4648 §5, unpadded) and random identifiers, for tokens and secrets. */

#include <optional>
#include <string>
#include <string_view>

namespace hubd {

std::string base64url_encode(std::string_view bytes);
/** nullopt on a character outside the alphabet or an impossible length. */
std::optional<std::string> base64url_decode(std::string_view text);
/** Lowercase hex of any bytes. */
std::string hex(std::string_view bytes);
/** `bytes` random bytes from OpenSSL's CSPRNG, as lowercase hex. @throws std::runtime_error */
std::string random_hex(std::size_t bytes);

} // namespace hubd
