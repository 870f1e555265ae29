#include "auth/signing_key.hpp"

#include "auth/encoding.hpp"
#include "import/record_index.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace hubd {

namespace {

constexpr int coordinate_bytes = 32;

std::string public_der(EVP_PKEY* key) {
    unsigned char* der = nullptr;
    const int size = i2d_PUBKEY(key, &der);
    if (size <= 0) throw std::runtime_error("cannot encode the public key");
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    return out;
}

std::string bignum_bytes(const BIGNUM* n) {
    std::string out(coordinate_bytes, '\0');
    BN_bn2binpad(n, reinterpret_cast<unsigned char*>(out.data()), coordinate_bytes);
    return out;
}

std::string coordinate(EVP_PKEY* key, const char* name) {
    BIGNUM* n = nullptr;
    if (!EVP_PKEY_get_bn_param(key, name, &n)) throw std::runtime_error("cannot read the public key");
    auto out = bignum_bytes(n);
    BN_free(n);
    return out;
}

void write_private_pem(EVP_PKEY* key, const std::filesystem::path& file) {
    const auto tmp = file.string() + ".tmp";
    const mode_t old = umask(077);
    FILE* f = std::fopen(tmp.c_str(), "wb");
    umask(old);
    if (!f) throw std::runtime_error("cannot write the signing key " + tmp);
    const bool ok = PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    const bool closed = std::fflush(f) == 0 && fsync(fileno(f)) == 0;
    std::fclose(f);
    if (!ok || !closed) throw std::runtime_error("cannot write the signing key " + tmp);
    std::filesystem::rename(tmp, file);
}

} // namespace

signing_key::signing_key(EVP_PKEY* key) : m_key(key, EVP_PKEY_free) {
    m_id = sha256_hex(public_der(key)).substr(0, 16);
}

signing_key signing_key::generate() {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    if (!key) throw std::runtime_error("cannot generate a P-256 key");
    return signing_key(key);
}

signing_key signing_key::load_or_create(const std::filesystem::path& file) {
    if (std::filesystem::exists(file)) return load(file);
    auto key = generate();
    write_private_pem(key.m_key.get(), file);
    return key;
}

signing_key signing_key::load(const std::filesystem::path& file) {
    FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) throw std::runtime_error("cannot read the signing key " + file.string());
    EVP_PKEY* key = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC || EVP_PKEY_get_bits(key) != 256) {
        EVP_PKEY_free(key);
        throw std::runtime_error(file.string() + " is not a P-256 private key in PEM");
    }
    return signing_key(key);
}

std::string signing_key::sign(std::string_view data) const {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::size_t size = 0;
    std::string der;
    bool ok = ctx && EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_key.get()) == 1 &&
              EVP_DigestSign(ctx, nullptr, &size, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
    if (ok) {
        der.resize(size);
        ok = EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(der.data()), &size,
                            reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
        der.resize(size);
    }
    EVP_MD_CTX_free(ctx);
    if (!ok) throw std::runtime_error("ES256 signing failed");
    // OpenSSL gives DER (SEQUENCE of two INTEGERs); JOSE wants R ‖ S of fixed width.
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    if (!sig) throw std::runtime_error("ES256 signing gave no signature");
    auto out = bignum_bytes(ECDSA_SIG_get0_r(sig)) + bignum_bytes(ECDSA_SIG_get0_s(sig));
    ECDSA_SIG_free(sig);
    return out;
}

bool signing_key::verify(std::string_view data, std::string_view signature) const {
    if (signature.size() != 2 * coordinate_bytes) return false;
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()), coordinate_bytes, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()) + coordinate_bytes, coordinate_bytes, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return false;
    }
    unsigned char* der = nullptr;
    const int der_size = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    if (der_size <= 0) return false;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, m_key.get()) == 1 &&
                    EVP_DigestVerify(ctx, der, static_cast<std::size_t>(der_size), reinterpret_cast<const unsigned char*>(data.data()),
                                     data.size()) == 1;
    EVP_MD_CTX_free(ctx);
    OPENSSL_free(der);
    return ok;
}

std::string signing_key::public_jwk() const {
    return R"({"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":")" + m_id + R"(","x":")" +
           base64url_encode(coordinate(m_key.get(), OSSL_PKEY_PARAM_EC_PUB_X)) + R"(","y":")" +
           base64url_encode(coordinate(m_key.get(), OSSL_PKEY_PARAM_EC_PUB_Y)) + R"("})";
}

} // namespace hubd
