#pragma once
/** @file Client secrets stored as slow salted hashes (PBKDF2-HMAC-SHA256). */

#include <string>
#include <string_view>

namespace hubd {

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
inline constexpr int default_secret_iterations = 600000;
/** The range the configuration may name (auth.secret_iterations). */
inline constexpr int min_secret_iterations = 1000, max_secret_iterations = 10000000;

/** `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64url), with a fresh 16-byte salt. */
std::string hash_secret(std::string_view secret, int iterations = default_secret_iterations);
/**
 * Constant-time check of a secret against a stored hash; false on any malformed hash and on a
 * hash of fewer than `min_iterations` (a test's weak hash in a hub that is not a test's).
 */
bool verify_secret(std::string_view secret, std::string_view stored, int min_iterations = default_secret_iterations);

} // namespace hubd
