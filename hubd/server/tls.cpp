#include "server/tls.hpp"

#include "auth/encoding.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <stdexcept>

namespace hubd::net {

std::unique_ptr<boost::asio::ssl::context> make_tls_context(const tls_settings& s) {
    namespace ssl = boost::asio::ssl;
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx->native_handle(), 0); // the highest the library knows: 1.3
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_compression | ssl::context::single_dh_use);
    boost::system::error_code ec;
    ctx->use_certificate_chain_file(s.certificate.string(), ec);
    if (ec) throw std::runtime_error("tls: cannot load the certificate " + s.certificate.string() + ": " + ec.message());
    ctx->use_private_key_file(s.private_key.string(), ssl::context::pem, ec);
    if (ec) throw std::runtime_error("tls: cannot load the private key " + s.private_key.string() + ": " + ec.message());
    if (!s.client_ca.empty()) {
        ctx->load_verify_file(s.client_ca.string(), ec);
        if (ec) throw std::runtime_error("tls: cannot load the client CA " + s.client_ca.string() + ": " + ec.message());
        // Ask, verify, but do not require: a failed verification only means no certificate identity.
        SSL_CTX_set_verify(ctx->native_handle(), SSL_VERIFY_PEER, [](int, X509_STORE_CTX*) { return 1; });
    }
    return ctx;
}

std::string verified_peer_fingerprint(SSL* ssl) {
    if (SSL_get_verify_result(ssl) != X509_V_OK) return {};
    X509* cert = SSL_get1_peer_certificate(ssl);
    if (!cert) return {};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    const bool ok = X509_digest(cert, EVP_sha256(), digest, &size) == 1;
    X509_free(cert);
    if (!ok) return {};
    return hex(std::string_view(reinterpret_cast<const char*>(digest), size));
}

} // namespace hubd::net
