#pragma once
/** @file Checks the hub's signatures: webhook HMACs and ES256 JWS (tokens, audit checkpoints). */

#include <optional>
#include <string>

namespace conformance::api {

/** Hex HMAC-SHA256. */
std::string hmac_sha256_hex(const std::string& key, const std::string& data);
/** Hex SHA-256. */
std::string sha256_hex(const std::string& data);

/** Whether `Interop-Signature: t=…,v1=…` signs `body` with `secret`; the reason when it does not. `now` in seconds. */
std::optional<std::string> webhook_signature_problem(const std::string& header, const std::string& body, const std::string& secret, long long now);

/**
 * The payload of an ES256 compact JWS verified with a P-256 public key given by its JWK
 * coordinates (base64url `x`, `y`); nullopt when the signature does not hold.
 */
std::optional<std::string> verify_es256(const std::string& jws, const std::string& x, const std::string& y);

std::optional<std::string> base64url_decode(const std::string& text);

} // namespace conformance::api
