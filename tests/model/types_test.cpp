#include <doctest/doctest.h>

#include <interop/model/dataset.hpp>

using namespace interop::model;

TEST_CASE("dates parse only real calendar days and print back the same") {
    CHECK(parse_date("2024-02-29") == date{2024, 2, 29});
    CHECK_FALSE(parse_date("2023-02-29"));
    CHECK_FALSE(parse_date("2025-13-01"));
    CHECK_FALSE(parse_date("2025-1-01"));
    CHECK_FALSE(parse_date("01/09/2025"));
    CHECK_FALSE(parse_date("2025-09-0x"));
    CHECK(to_string(date{2025, 9, 1}) == "2025-09-01");
}

TEST_CASE("day arithmetic and ISO weekdays") {
    CHECK(days_since_epoch({1970, 1, 1}) == 0);
    CHECK(date_from_days(days_since_epoch({2025, 12, 31}) + 1) == date{2026, 1, 1});
    CHECK(iso_weekday({2025, 9, 1}) == 1);  // a Monday
    CHECK(iso_weekday({2025, 11, 30}) == 7); // a Sunday
    CHECK(add_days({2024, 2, 28}, 1) == date{2024, 2, 29});
    for (std::int64_t d = -1000; d < 30000; d += 37) CHECK(days_since_epoch(date_from_days(d)) == d);
}

TEST_CASE("times of day") {
    CHECK(parse_time_of_day("08:05") == time_of_day{485});
    CHECK_FALSE(parse_time_of_day("24:00"));
    CHECK_FALSE(parse_time_of_day("8:05"));
    CHECK(to_string(time_of_day{13 * 60 + 30}) == "13:30");
}

TEST_CASE("date-times keep their offset and compare as instants") {
    auto paris = parse_date_time("2025-09-01T08:00:00+02:00");
    REQUIRE(paris);
    CHECK(to_string(*paris) == "2025-09-01T08:00:00+02:00");
    auto utc = parse_date_time("2025-09-01T06:30:00Z");
    REQUIRE(utc);
    CHECK(to_string(*utc) == "2025-09-01T06:30:00Z");
    CHECK(before(*paris, *utc)); // 06:00Z is before 06:30Z
    auto local = parse_date_time("2025-09-01T08:00:00");
    REQUIRE(local);
    CHECK_FALSE(local->utc_offset_minutes);
    CHECK(to_string(*parse_date_time("2025-01-01T00:00:00-03:30")) == "2025-01-01T00:00:00-03:30");
    CHECK_FALSE(parse_date_time("2025-09-01 08:00:00"));
    CHECK_FALSE(parse_date_time("2025-09-01T08:00:00+2"));
    CHECK_FALSE(parse_date_time("2025-09-01T25:00:00"));
}

TEST_CASE("enums have names both ways") {
    CHECK(to_string(session_status::cancelled) == "cancelled");
    CHECK(parse_enum<holiday_zone>("B") == holiday_zone::b);
    CHECK(parse_enum<audience_kind>("class") == audience_kind::class_);
    CHECK_FALSE(parse_enum<priority>("critical"));
}
