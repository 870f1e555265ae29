// Secrets, the signing key and tokens.
#include "support.hpp"

#include "auth/encoding.hpp"
#include "auth/jwt.hpp"
#include "auth/password.hpp"
#include "auth/signing_key.hpp"

#include <doctest/doctest.h>

using namespace hubd;

TEST_CASE("base64url round-trips every length and refuses foreign characters") {
    std::string bytes;
    for (int i = 0; i < 70; ++i) {
        CHECK(base64url_decode(base64url_encode(bytes)) == bytes);
        bytes += static_cast<char>(i * 37);
    }
    CHECK(base64url_encode("\xfb\xff") == "-_8");
    CHECK_FALSE(base64url_decode("ab+c"));
    CHECK_FALSE(base64url_decode("abcde"));
    // Leftover bits must be zero, or two texts would decode to the same bytes (a cursor or a
    // token edited in its last character would still be accepted).
    CHECK(base64url_decode("-_8") == std::string("\xfb\xff"));
    CHECK_FALSE(base64url_decode("-_9"));
    CHECK_FALSE(base64url_decode("QB"));
}

TEST_CASE("secrets verify against their salted hash only") {
    const auto stored = hash_secret("s3cret", 2000);
    CHECK(stored.starts_with("pbkdf2-sha256$2000$"));
    CHECK(verify_secret("s3cret", stored, 2000));
    CHECK_FALSE(verify_secret("s3cret!", stored, 2000));
    CHECK_FALSE(verify_secret("s3cret", stored)); // cheaper than the default: a test's hash, refused elsewhere
    CHECK(hash_secret("s3cret", 2000) != stored); // a fresh salt each time
    for (const char* bad : {"", "pbkdf2-sha256$x$a$b", "md5$1$a$b", "pbkdf2-sha256$0$AAAA$AAAA", "pbkdf2-sha256$10$AAAA$AAAA"})
        CHECK_FALSE(verify_secret("s3cret", bad, 1));
    CHECK(hash_secret("x").starts_with("pbkdf2-sha256$600000$"));
}

TEST_CASE("the signing key is created once, kept private, and read back") {
    test::temp_dir dir("hubd-key");
    const auto file = dir / "signing-key.pem";
    const auto created = signing_key::load_or_create(file);
    CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::group_all) == std::filesystem::perms::none);
    const auto loaded = signing_key::load_or_create(file);
    CHECK(loaded.id() == created.id());
    const auto sig = created.sign("payload");
    CHECK(sig.size() == 64);
    CHECK(loaded.verify("payload", sig));
    CHECK_FALSE(loaded.verify("payload!", sig));
    CHECK_FALSE(signing_key::generate().verify("payload", sig));
    CHECK(created.public_jwk().find(R"("crv":"P-256")") != std::string::npos);
    test::write_file(dir / "bad.pem", "not a key");
    CHECK_THROWS(signing_key::load_or_create(dir / "bad.pem"));
}

namespace {

token_claims claims(std::int64_t now) { return {"hubd", "hubd", "cl_1", {"roster:read", "admin"}, now, now, now + 900, "j1"}; }

std::string b64(std::string_view s) { return base64url_encode(s); }

} // namespace

TEST_CASE("tokens verify with their claims, and every forgery or expiry is refused") {
    const auto key = signing_key::generate();
    const std::int64_t now = 1'800'000'000;
    const auto token = issue_token(claims(now), key);
    const auto ok = verify_token(token, key, "hubd", "hubd", now + 10);
    REQUIRE(ok.claims);
    CHECK(ok.claims->subject == "cl_1");
    CHECK(ok.claims->scopes == std::vector<std::string>{"roster:read", "admin"});

    CHECK(verify_token(token, key, "hubd", "hubd", now + 900 + 30).problem == "expired");
    CHECK(verify_token(token, key, "hubd", "hubd", now - 31).problem == "not yet valid");
    CHECK(verify_token(token, key, "other", "hubd", now).problem == "wrong issuer");
    CHECK(verify_token(token, key, "hubd", "other", now).problem == "wrong audience");
    CHECK(verify_token(token, signing_key::generate(), "hubd", "hubd", now).problem == "bad signature");

    const auto dot = token.find('.'), last = token.rfind('.');
    const auto body = token.substr(dot + 1, last - dot - 1);
    // alg none, with and without a signature part
    const auto none = b64(R"({"alg":"none","typ":"JWT"})") + "." + body + ".";
    CHECK_FALSE(verify_token(none, key, "hubd", "hubd", now).claims);
    // claims changed under the original signature
    auto forged_claims = claims(now);
    forged_claims.scopes.push_back("audit");
    const auto forged = issue_token(forged_claims, signing_key::generate());
    const auto swapped = token.substr(0, dot) + forged.substr(forged.find('.'), forged.rfind('.') - forged.find('.')) + token.substr(last);
    CHECK(verify_token(swapped, key, "hubd", "hubd", now).problem == "bad signature");
    for (const char* junk : {"", "a.b", "a.b.c.d", "....", "x.y.z"}) CHECK_FALSE(verify_token(junk, key, "hubd", "hubd", now).claims);
    CHECK(verify_token(std::string(9000, 'a'), key, "hubd", "hubd", now).problem == "token too long");
}
