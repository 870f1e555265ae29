#include "api/signature.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <map>
#include <memory>

namespace conformance::api {

namespace {

std::string hex(const unsigned char* bytes, std::size_t n) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += {digits[bytes[i] >> 4], digits[bytes[i] & 15]};
    return out;
}

template <class T, void (*F)(T*)> struct freer {
    void operator()(T* p) const { F(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, freer<EVP_PKEY, EVP_PKEY_free>>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, freer<EVP_MD_CTX, EVP_MD_CTX_free>>;
using pkey_ctx_ptr = std::unique_ptr<EVP_PKEY_CTX, freer<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using params_ptr = std::unique_ptr<OSSL_PARAM, freer<OSSL_PARAM, OSSL_PARAM_free>>;
using builder_ptr = std::unique_ptr<OSSL_PARAM_BLD, freer<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using sig_ptr = std::unique_ptr<ECDSA_SIG, freer<ECDSA_SIG, ECDSA_SIG_free>>;

/** A P-256 public key from its coordinates (32 bytes each). */
pkey_ptr p256_key(const std::string& x, const std::string& y) {
    const std::string point = std::string(1, '\x04') + x + y;
    builder_ptr b(OSSL_PARAM_BLD_new());
    OSSL_PARAM_BLD_push_utf8_string(b.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(b.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
    params_ptr params(OSSL_PARAM_BLD_to_param(b.get()));
    pkey_ctx_ptr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 || EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return nullptr;
    return pkey_ptr(key);
}

/** JOSE's r‖s signature as the DER ECDSA-Sig-Value OpenSSL verifies. */
std::string der_signature(const std::string& raw) {
    sig_ptr sig(ECDSA_SIG_new());
    const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
    ECDSA_SIG_set0(sig.get(), BN_bin2bn(bytes, 32, nullptr), BN_bin2bn(bytes + 32, 32, nullptr));
    unsigned char* der = nullptr;
    const int n = i2d_ECDSA_SIG(sig.get(), &der);
    if (n <= 0) return {};
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
    OPENSSL_free(der);
    return out;
}

} // namespace

std::string hmac_sha256_hex(const std::string& key, const std::string& data) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &n);
    return hex(mac, n);
}

std::string sha256_hex(const std::string& data) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
    return hex(digest, sizeof digest);
}

std::optional<std::string> webhook_signature_problem(const std::string& header, const std::string& body, const std::string& secret, long long now) {
    std::map<std::string, std::string> parts;
    std::size_t start = 0;
    while (start <= header.size()) {
        const auto end = std::min(header.find(',', start), header.size());
        const auto item = header.substr(start, end - start);
        const auto eq = item.find('=');
        if (eq != std::string::npos) parts[item.substr(0, eq)] = item.substr(eq + 1);
        start = end + 1;
    }
    if (!parts.count("t") || !parts.count("v1")) return "Interop-Signature lacks t= or v1=: '" + header + "'";
    char* rest = nullptr;
    const long long t = std::strtoll(parts["t"].c_str(), &rest, 10);
    if (*rest != '\0') return "t= is not a number: '" + parts["t"] + "'";
    if (std::llabs(now - t) > 300) return "t=" + parts["t"] + " is more than 5 minutes from now";
    if (hmac_sha256_hex(secret, parts["t"] + "." + body) != parts["v1"]) return "v1= is not the HMAC-SHA256 of t.body with the subscription's secret";
    return std::nullopt;
}

std::optional<std::string> base64url_decode(const std::string& text) {
    std::string b64 = text;
    for (auto& c : b64) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (b64.size() % 4) b64 += '=';
    std::string out(b64.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(b64.data()),
                                  static_cast<int>(b64.size()));
    if (n < 0) return std::nullopt;
    const auto pad = b64.size() - b64.find_last_not_of('=') - 1;
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

std::optional<std::string> verify_es256(const std::string& jws, const std::string& x, const std::string& y) {
    const auto dot1 = jws.find('.'), dot2 = jws.rfind('.');
    if (dot1 == std::string::npos || dot1 == dot2) return std::nullopt;
    const auto kx = base64url_decode(x), ky = base64url_decode(y), sig = base64url_decode(jws.substr(dot2 + 1));
    const auto payload = base64url_decode(jws.substr(dot1 + 1, dot2 - dot1 - 1));
    if (!kx || !ky || !sig || !payload || kx->size() != 32 || ky->size() != 32 || sig->size() != 64) return std::nullopt;
    const auto key = p256_key(*kx, *ky);
    if (!key) return std::nullopt;
    const auto der = der_signature(*sig);
    md_ctx_ptr ctx(EVP_MD_CTX_new());
    const std::string signed_part = jws.substr(0, dot2);
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                         reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) != 1)
        return std::nullopt;
    return payload;
}

} // namespace conformance::api
