#include "delivery/signature.hpp"

#include "auth/encoding.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>
#include <vector>

namespace hubd {

namespace {

std::string hmac_hex(std::string_view secret, std::string_view data) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         mac, &size);
    return hex(std::string_view(reinterpret_cast<const char*>(mac), size));
}

} // namespace

std::string sign_delivery(std::string_view secret, std::int64_t t, std::string_view body) {
    const auto ts = std::to_string(t);
    return "t=" + ts + ",v1=" + hmac_hex(secret, ts + "." + std::string(body));
}

bool verify_delivery_signature(std::string_view header, std::string_view secret, std::string_view body, std::int64_t now,
                               std::int64_t tolerance) {
    if (header.size() > 4096) return false;
    std::string_view timestamp;
    std::vector<std::string_view> macs;
    while (!header.empty()) {
        const auto comma = header.find(',');
        const auto part = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        const auto eq = part.find('=');
        if (eq == std::string_view::npos) return false;
        const auto name = part.substr(0, eq), value = part.substr(eq + 1);
        if (name == "t") timestamp = value;
        else if (name == "v1") macs.push_back(value);
    }
    std::int64_t t = 0;
    auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), t);
    if (timestamp.empty() || ec != std::errc() || end != timestamp.data() + timestamp.size()) return false;
    if (t < now - tolerance || t > now + tolerance) return false;
    const auto expected = hmac_hex(secret, std::string(timestamp) + "." + std::string(body));
    for (auto mac : macs)
        if (mac.size() == expected.size() && CRYPTO_memcmp(mac.data(), expected.data(), mac.size()) == 0) return true;
    return false;
}

} // namespace hubd
