// What an attacker controls in hubd's authentication: bearer tokens (JWS parsing and
// verification), audit checkpoints, webhook signature headers.
#include "auth/jwt.hpp"
#include "delivery/signature.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto key = hubd::signing_key::generate();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)hubd::verify_token(text, key, "hubd", "hubd", 1'800'000'000);
    (void)hubd::verify_jws(text, key);
    const auto split = text.find('\n');
    if (split != std::string_view::npos)
        (void)hubd::verify_delivery_signature(text.substr(0, split), "0123456789abcdef", text.substr(split + 1), 1'800'000'000);
    return 0;
}
