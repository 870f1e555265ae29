#pragma once
/** @file The hub's access tokens: compact JWS (RFC 7515/7519) signed with ES256. */

#include "auth/signing_key.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hubd {

struct token_claims {
    std::string issuer, audience, subject; ///< iss, aud, sub (the client id)
    std::vector<std::string> scopes;       ///< `scope`, space-separated in the token
    std::int64_t issued_at = 0, not_before = 0, expires = 0; ///< iat, nbf, exp (seconds)
    std::string token_id;                  ///< jti
};

std::string issue_token(const token_claims& claims, const signing_key& key);

/** A compact JWS (ES256) of any JSON payload: tokens, audit checkpoints. */
std::string sign_jws(std::string_view payload_json, const signing_key& key, std::string_view type = "JWT");
/** The payload of a compact JWS signed by `key` with ES256; nullopt otherwise. */
std::optional<std::string> verify_jws(std::string_view jws, const signing_key& key);

struct token_check {
    std::optional<token_claims> claims; ///< set when valid
    std::string problem;                ///< why not, for logs (never sent in detail)
};

/**
 * Verifies a token: header `alg` must be ES256 (no `none`, no other algorithm), the signature
 * good, `iss` and `aud` equal to what is expected, `nbf` ≤ now < `exp` (30 s leeway for clocks).
 */
token_check verify_token(std::string_view token, const signing_key& key, const std::string& issuer, const std::string& audience,
                         std::int64_t now_seconds);

} // namespace hubd
