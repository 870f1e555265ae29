// Phone numbers as families write them, and the cheapest SMS route that serves each.
#include <doctest/doctest.h>

#include <interop/messaging/sms_route.hpp>

#include <string>

using namespace interop::messaging;

TEST_CASE("numbers as written become E.164; overseas departments get their own country codes") {
    CHECK(e164("06 12 34 56 78") == "+33612345678");
    CHECK(e164("06.12.34.56.78") == "+33612345678");
    CHECK(e164("+33 (0)6 12 34 56 78") == "+33612345678"); // the trunk 0 shown, not dialled
    CHECK_FALSE(e164("+33 06 12 34 56 78").has_value());    // ten digits after +33: no such number
    CHECK(e164("+33 6 12 34 56 78") == "+33612345678");
    CHECK(e164("0033612345678") == "+33612345678");
    CHECK(e164("0690 12 34 56") == "+590690123456"); // Guadeloupe
    CHECK(e164("0692-12-34-56") == "+262692123456"); // La Réunion
    CHECK(e164("0639 12 34 56") == "+262639123456"); // Mayotte
    CHECK(e164("01 45 67 89 01") == "+33145678901");
    CHECK(e164("+32 470 12 34 56") == "+32470123456");
    CHECK_FALSE(e164("unknown").has_value());
    CHECK_FALSE(e164("12").has_value());
    CHECK_FALSE(e164("").has_value());
}

TEST_CASE("French mobiles, metropolitan and overseas; landlines get no SMS") {
    CHECK(french_mobile("+33612345678"));
    CHECK(french_mobile("+33712345678"));
    CHECK(french_mobile("+262692123456"));
    CHECK(french_mobile("+590690123456"));
    CHECK_FALSE(french_mobile("+33145678901"));
    CHECK_FALSE(french_mobile("+262262123456"));
    CHECK_FALSE(french_mobile("+3361234567")); // a digit short
}

TEST_CASE("the cheapest route that serves the number, priced by segments") {
    const std::vector<sms_route> routes = {{"operator-a", {"+33"}, 4500}, {"operator-b", {"+33", "+262"}, 3800}, {"international", {}, 9000}};
    const auto short_fr = cheapest_route(routes, "+33612345678", "Retard de Lea le 12/03 a 08:00.");
    REQUIRE(short_fr);
    CHECK(short_fr->route->name == "operator-b");
    CHECK(short_fr->segments == 1);
    CHECK(short_fr->millicents == 3800);

    const auto long_fr = cheapest_route(routes, "+33612345678", std::string(161, 'a'));
    CHECK(long_fr->segments == 2);
    CHECK(long_fr->millicents == 7600);

    const auto ucs2 = cheapest_route(routes, "+262692123456", std::string("Leçon ") + std::string(65, 'a')); // 71 UCS-2 units
    CHECK(ucs2->segments == 2);
    CHECK(ucs2->route->name == "operator-b");

    CHECK(cheapest_route(routes, "+32470123456", "Bonjour")->route->name == "international");
    CHECK_FALSE(cheapest_route({routes[0]}, "+32470123456", "Bonjour").has_value());
    CHECK_FALSE(cheapest_route(routes, "+33612345678", "").has_value());
    const std::vector<sms_route> tied = {{"first", {"+33"}, 4000}, {"second", {"+33"}, 4000}};
    CHECK(cheapest_route(tied, "+33612345678", "x")->route->name == "first");
}
