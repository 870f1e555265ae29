// Wall times to instants across daylight-saving changes, in metropolitan and overseas zones.
#include <doctest/doctest.h>

#include <interop/errors.hpp>
#include <interop/timetable/time_zone.hpp>

using namespace interop;

namespace {
std::int64_t utc(model::date d, int h, int m = 0) { return model::days_since_epoch(d) * 86400 + h * 3600 + m * 60; }
} // namespace

TEST_CASE("Europe/Paris: +1 in winter, +2 in summer, changes on the last Sundays of March and October") {
    timetable::time_zone paris("Europe/Paris");
    CHECK(paris.to_utc({2026, 1, 12}, 8 * 3600) == utc({2026, 1, 12}, 7));
    CHECK(paris.to_utc({2026, 6, 15}, 8 * 3600) == utc({2026, 6, 15}, 6));
    auto changes = paris.changes(utc({2026, 1, 1}, 0), utc({2027, 1, 1}, 0));
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].utc == utc({2026, 3, 29}, 1));
    CHECK(changes[0].offset_before == 60);
    CHECK(changes[0].offset_after == 120);
    CHECK(changes[0].abbreviation == "CEST");
    CHECK(changes[0].daylight);
    CHECK(changes[1].utc == utc({2026, 10, 25}, 1));
    CHECK_FALSE(changes[1].daylight);
    CHECK(paris.offset_minutes(utc({2026, 10, 25}, 0, 59)) == 120);
    CHECK(paris.offset_minutes(utc({2026, 10, 25}, 1)) == 60);
}

TEST_CASE("a time skipped in spring moves on by the gap; a time met twice in autumn is the first") {
    timetable::time_zone paris("Europe/Paris");
    CHECK(paris.to_utc({2026, 3, 29}, 2 * 3600 + 30 * 60) == utc({2026, 3, 29}, 1, 30)); // 03:30 CEST
    CHECK(paris.to_utc({2026, 10, 25}, 2 * 3600 + 30 * 60) == utc({2026, 10, 25}, 0, 30)); // 02:30 CEST
}

TEST_CASE("overseas zones without daylight time") {
    timetable::time_zone cayenne("America/Cayenne");
    CHECK(cayenne.to_utc({2026, 3, 30}, 8 * 3600) == utc({2026, 3, 30}, 11));
    CHECK(cayenne.changes(utc({2020, 1, 1}, 0), utc({2030, 1, 1}, 0)).empty());
    timetable::time_zone reunion("Indian/Reunion");
    CHECK(reunion.offset_minutes(utc({2026, 7, 1}, 0)) == 240);
    CHECK(reunion.state(utc({2026, 7, 1}, 0)).abbreviation == "+04");
}

TEST_CASE("an unknown zone is an error naming it") {
    CHECK_THROWS_WITH_AS(timetable::time_zone("Europe/Atlantis"), "unknown time zone 'Europe/Atlantis' (expected an IANA name such as Europe/Paris)",
                         interop::error);
}
