// Messages to families: every kind in every language uses the same placeholders, French stays
// in the GSM alphabet, right-to-left text isolates what it inserts.
#include <doctest/doctest.h>

#include <interop/errors.hpp>
#include <interop/text/sms.hpp>
#include <interop/text/templates.hpp>

using namespace interop::text;

namespace {

std::map<std::string, std::string> values_of(event_kind k) {
    std::map<std::string, std::string> v;
    for (const auto& name : placeholders(k)) v[name] = "<" + name + ">";
    return v;
}

} // namespace

TEST_CASE("every kind renders in every language, with each of its placeholders filled once") {
    for (const auto k : all_event_kinds) {
        for (const auto& language : template_languages()) {
            CAPTURE(to_string(k));
            CAPTURE(language);
            const auto m = render_message(k, language, values_of(k));
            CHECK(m.language == language);
            CHECK(!m.subject.empty());
            CHECK(m.body.find('{') == std::string::npos);
            for (const auto& name : placeholders(k)) {
                const auto marker = "<" + name + ">";
                const auto at = m.body.find(marker);
                CHECK_MESSAGE(at != std::string::npos, "no ", marker);
                CHECK(m.body.find(marker, at + 1) == std::string::npos);
            }
        }
    }
}

TEST_CASE("French messages stay in the GSM alphabet: one segment is the cheap one") {
    const std::map<std::string, std::string> v = {{"pupil", "Lea Martin"}, {"date", "12/03"}, {"time", "08:00"}, {"subject", "Maths"},
                                                  {"due", "15/03"}, {"title", "Sortie au musee"}, {"text", "cours de 10h annule"},
                                                  {"school", "College Jean Moulin"}};
    for (const auto k : all_event_kinds) {
        CAPTURE(to_string(k));
        const auto m = render_message(k, "fr", v);
        CHECK(fits_gsm7(m.body));
        CHECK(segment_sms(m.body).segments() == 1);
    }
}

TEST_CASE("right-to-left: Arabic isolates every value; other languages isolate only right-to-left values") {
    const std::map<std::string, std::string> v = {{"pupil", "Léa Martin"}, {"date", "12/03"}, {"time", "08:00"}, {"school", "Collège Jean Moulin"}};
    const auto ar = render_message(event_kind::late, "ar-MA", v);
    CHECK(ar.language == "ar");
    CHECK(ar.right_to_left);
    CHECK(ar.body.find("\u2068Léa Martin\u2069") != std::string::npos);
    CHECK(ar.body.find("\u206808:00\u2069") != std::string::npos);

    auto named = v;
    named["pupil"] = "يوسف بن علي";
    const auto fr = render_message(event_kind::late, "fr", named);
    CHECK_FALSE(fr.right_to_left);
    CHECK(fr.body.find("\u2068يوسف بن علي\u2069") != std::string::npos);
    CHECK(fr.body.find("\u206808:00") == std::string::npos);
    named["pupil"] = "Արամ";                                   // Armenian, left to right: no isolate
    CHECK(render_message(event_kind::late, "fr", named).body.find("\u2068") == std::string::npos);
    named["pupil"] = "דנה";                                    // Hebrew, right to left
    CHECK(render_message(event_kind::late, "fr", named).body.find("\u2068דנה\u2069") != std::string::npos);
}

TEST_CASE("languages: region tags and case are read, an unknown language falls back to French") {
    CHECK(template_language("pt-BR") == "pt");
    CHECK(template_language("AR") == "ar");
    CHECK(template_language("tr_TR") == "tr");
    CHECK(template_language("de") == "fr");
    CHECK(template_language("") == "fr");
    CHECK(render_message(event_kind::school_message, "es", {{"school", "X"}, {"text", "Y"}}).body == "Mensaje de X: Y");
}

TEST_CASE("kinds by name, placeholders, and a missing value refused by name") {
    for (const auto k : all_event_kinds) CHECK(event_kind_named(to_string(k)) == k);
    CHECK_FALSE(event_kind_named("detention").has_value());
    CHECK(placeholders(event_kind::absence) == std::vector<std::string>{"pupil", "date", "time", "school"});
    CHECK_THROWS_WITH_AS(render_message(event_kind::absence, "fr", {{"pupil", "A"}}), doctest::Contains("{date}"), interop::error);
}
