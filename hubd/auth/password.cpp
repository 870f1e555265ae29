#include "auth/password.hpp"

#include "auth/encoding.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <stdexcept>
#include <vector>

namespace hubd {

namespace {

constexpr std::string_view scheme = "pbkdf2-sha256";
constexpr std::size_t hash_bytes = 32;

std::string derive(std::string_view secret, std::string_view salt, int iterations) {
    std::string out(hash_bytes, '\0');
    if (PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(hash_bytes),
                          reinterpret_cast<unsigned char*>(out.data())) != 1)
        throw std::runtime_error("PBKDF2 failed");
    return out;
}

std::vector<std::string_view> split_dollar(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == '$') {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return parts;
}

} // namespace

std::string hash_secret(std::string_view secret, int iterations) {
    std::string salt(16, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), 16) != 1) throw std::runtime_error("no random bytes from OpenSSL");
    return std::string(scheme) + "$" + std::to_string(iterations) + "$" + base64url_encode(salt) + "$" +
           base64url_encode(derive(secret, salt, iterations));
}

bool verify_secret(std::string_view secret, std::string_view stored, int min_iterations) {
    const auto parts = split_dollar(stored);
    if (parts.size() != 4 || parts[0] != scheme) return false;
    int iterations = 0;
    auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
    if (ec != std::errc() || end != parts[1].data() + parts[1].size() || iterations < min_iterations || iterations > max_secret_iterations) return false;
    const auto salt = base64url_decode(parts[2]);
    const auto expected = base64url_decode(parts[3]);
    if (!salt || !expected || expected->size() != hash_bytes) return false;
    const auto actual = derive(secret, *salt, iterations);
    return CRYPTO_memcmp(actual.data(), expected->data(), hash_bytes) == 0;
}

} // namespace hubd
