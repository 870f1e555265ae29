// SMS encoding and segments (3GPP TS 23.038): GSM-7 with its extension table, UCS-2 otherwise;
// 160/70 in one segment, 153/67 per segment concatenated, escapes and surrogate pairs unsplit.
#include <doctest/doctest.h>

#include <interop/text/sms.hpp>

#include <string>
#include <vector>

using namespace interop::text;

namespace {

std::string times(std::size_t n, const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

} // namespace

TEST_CASE("French in the GSM alphabet: é è à ù Ç fit, ç ê ô and typographic dashes do not") {
    CHECK(segment_sms("Cours annulé demain à 8h, salle B12.").encoding == sms_encoding::gsm7);
    CHECK(fits_gsm7("Élève absent : où est-il ? Ça va."));
    CHECK_FALSE(fits_gsm7("Leçon"));            // ç: only the capital is in the alphabet
    CHECK_FALSE(fits_gsm7("fête"));
    CHECK_FALSE(fits_gsm7("Absence — merci")); // an em dash turns the whole message to UCS-2
    const auto s = segment_sms("Leçon annulée");
    CHECK(s.encoding == sms_encoding::ucs2);
    CHECK(s.characters == 13);
    CHECK(s.units == 13);
    CHECK(s.segments() == 1);
}

TEST_CASE("GSM-7: 160 septets in one segment, then 153 per segment") {
    CHECK(segment_sms(times(160, "a")).starts == std::vector<std::size_t>{0});
    CHECK(segment_sms(times(161, "a")).starts == std::vector<std::size_t>{0, 153});
    CHECK(segment_sms(times(306, "a")).segments() == 2);
    CHECK(segment_sms(times(307, "a")).segments() == 3);
    CHECK(segment_sms("").segments() == 0);
}

TEST_CASE("extension characters take two septets and are never split from their escape") {
    auto braces = segment_sms(times(80, "{"));
    CHECK(braces.encoding == sms_encoding::gsm7);
    CHECK(braces.units == 160);
    CHECK(braces.segments() == 1);
    CHECK(segment_sms(times(81, "{")).starts == std::vector<std::size_t>{0, 76}); // 76 × 2 = 152 of 153
    const auto euro = segment_sms(times(152, "a") + "€" + times(7, "a"));       // 161 septets
    CHECK(euro.units == 161);
    CHECK(euro.starts == std::vector<std::size_t>{0, 152}); // the € (2 septets) would end at 154: next segment
}

TEST_CASE("UCS-2: 70 units in one segment, then 67; an emoji is a surrogate pair, never split") {
    const std::string arabic = "غياب"; // 4 letters, 2 bytes each in UTF-8
    CHECK(segment_sms(times(17, arabic) + "ab").segments() == 1); // 70 units
    const auto long_arabic = segment_sms(times(17, arabic) + "abc"); // 71
    CHECK(long_arabic.encoding == sms_encoding::ucs2);
    CHECK(long_arabic.segments() == 2);
    CHECK(long_arabic.starts[1] == 67 * 2); // the 68th character is Arabic too: 2 bytes each

    const auto emoji = segment_sms(times(66, "a") + "😀" + times(5, "a")); // 66 + 2 + 5 = 73 units
    CHECK(emoji.encoding == sms_encoding::ucs2);
    CHECK(emoji.characters == 72);
    CHECK(emoji.units == 73);
    CHECK(emoji.starts == std::vector<std::size_t>{0, 66}); // the pair would straddle 67: it starts the next
}

TEST_CASE("invalid UTF-8 counts as replacement characters, so UCS-2") {
    const auto s = segment_sms("caf\xC3");
    CHECK(s.encoding == sms_encoding::ucs2);
    CHECK(s.characters == 4);
    CHECK(segment_sms("\xF0\x82\x82\xAC").characters == 4); // an overlong encoding: four bad bytes
}
