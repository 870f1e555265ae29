#pragma once
// Schools and moments shared by the policy tests.

#include <interop/calendar/school_holidays.hpp>
#include <interop/model/types.hpp>

#include <doctest/doctest.h>

namespace test {

inline interop::model::establishment school_in(interop::model::holiday_zone zone, std::string time_zone = "Europe/Paris") {
    interop::model::establishment s;
    s.id = s.uai = "0750001A";
    s.zone = zone;
    s.time_zone = std::move(time_zone);
    return s;
}

inline interop::model::date_time at(const std::string& text) {
    auto t = interop::model::parse_date_time(text);
    REQUIRE_MESSAGE(t, text);
    return *t;
}

inline interop::model::date on(const std::string& text) {
    auto d = interop::model::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

} // namespace test
