#pragma once
/** @file TLS for hubd: 1.2 minimum, 1.3 on, optional client certificates. */

#include "config.hpp"

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <string>

typedef struct ssl_st SSL;

namespace hubd::net {

/**
 * A server context from `tls_server` (every version the library has) floored at TLS 1.2: not
 * Asio's `tlsv12`, which also caps it at 1.2. With a client CA, certificates are asked for
 * and verified, not required (a client may still use a token).
 * @throws std::runtime_error naming the file that could not be loaded
 */
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const tls_settings& s);

/** Hex SHA-256 of the peer's certificate when it verified, else empty. */
std::string verified_peer_fingerprint(SSL* ssl);

} // namespace hubd::net
