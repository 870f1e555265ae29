#include <doctest/doctest.h>

#include <interop/validate/validate.hpp>

using namespace interop;

TEST_CASE("the check letter is the number modulo 23 over the letters without I, O, Q") {
    CHECK(uai_check_letter("0440008") == 'V'); // Collège François Cacault, Clisson
    CHECK(uai_check_letter("0000000") == 'A');
    CHECK(uai_check_letter("0000022") == 'Z');
    CHECK(uai_check_letter("0000008") == 'J'); // I is skipped
    CHECK_FALSE(uai_check_letter("044000"));
    CHECK_FALSE(uai_check_letter("04400a8"));
}

TEST_CASE("UAI status") {
    CHECK(check_uai("0440008V") == uai_status::valid);
    CHECK(check_uai("0134567A") == uai_status::wrong_letter); // the made-up UAI of public fixtures
    CHECK(check_uai("0440008v") == uai_status::malformed);
    CHECK(check_uai("044008V") == uai_status::malformed);
    CHECK(check_uai("") == uai_status::malformed);
}
