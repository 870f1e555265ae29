// RRULE subset: the RFC 5545 examples it covers give RFC 5545's dates; bounds hold.
#include <doctest/doctest.h>

#include <interop/ical/recurrence.hpp>

using namespace interop;
using interop::model::date;

namespace {

std::vector<date> days_of(const std::string& rule, date first, date last = {2030, 1, 1}, std::size_t max = 1000) {
    std::string problem;
    auto r = ical::parse_rule(rule, problem);
    REQUIRE_MESSAGE(r, problem);
    return ical::occurrence_days(*r, first, last, [](date) { return false; }, max);
}

} // namespace

TEST_CASE("weekly rules with INTERVAL, BYDAY and WKST give RFC 5545's dates") {
    // RFC 5545 §3.8.5.3: "An example where the days generated makes a difference because of WKST".
    CHECK(days_of("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", {1997, 8, 5}) == std::vector<date>{{1997, 8, 5}, {1997, 8, 10}, {1997, 8, 19}, {1997, 8, 24}});
    CHECK(days_of("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", {1997, 8, 5}) == std::vector<date>{{1997, 8, 5}, {1997, 8, 17}, {1997, 8, 19}, {1997, 8, 31}});
    // "Weekly on Tuesday and Thursday for five weeks" (COUNT=10).
    auto tu_th = days_of("FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", {1997, 9, 2});
    REQUIRE(tu_th.size() == 10);
    CHECK(tu_th.back() == date{1997, 10, 2});
    // A fortnightly course, as our writer gives it: every other Monday.
    CHECK(days_of("FREQ=WEEKLY;INTERVAL=2", {2025, 9, 1}, {2025, 10, 1}) == std::vector<date>{{2025, 9, 1}, {2025, 9, 15}, {2025, 9, 29}});
}

TEST_CASE("daily, monthly and yearly rules; UNTIL, the last day and the bound stop them") {
    CHECK(days_of("FREQ=DAILY;COUNT=3", {2025, 12, 30}) == std::vector<date>{{2025, 12, 30}, {2025, 12, 31}, {2026, 1, 1}});
    // The 31st of months that have one (RFC 5545: invalid dates are skipped, not moved).
    CHECK(days_of("FREQ=MONTHLY;COUNT=3", {2025, 1, 31}) == std::vector<date>{{2025, 1, 31}, {2025, 3, 31}, {2025, 5, 31}});
    CHECK(days_of("FREQ=YEARLY", {2024, 2, 29}, {2032, 12, 31}) == std::vector<date>{{2024, 2, 29}, {2028, 2, 29}, {2032, 2, 29}});
    std::string problem;
    auto r = ical::parse_rule("FREQ=WEEKLY;UNTIL=20250915", problem);
    REQUIRE(r);
    CHECK(r->until == "20250915");
    auto until = ical::occurrence_days(*r, {2025, 9, 1}, {2026, 7, 3}, [](date d) { return d > date{2025, 9, 15}; }, 1000);
    CHECK(until.size() == 3);
    CHECK(days_of("FREQ=DAILY", {2025, 1, 1}, {2030, 1, 1}, 50).size() == 50);
}

TEST_CASE("malformed rules are refused; parts not understood are reported") {
    std::string problem;
    CHECK(!ical::parse_rule("INTERVAL=2", problem));
    CHECK(problem == "RRULE without FREQ");
    CHECK(!ical::parse_rule("FREQ=HOURLY", problem));
    CHECK(problem == "RRULE FREQ=HOURLY is not supported (DAILY, WEEKLY, MONTHLY, YEARLY are)");
    CHECK(!ical::parse_rule("FREQ=WEEKLY;INTERVAL=0", problem));
    CHECK(!ical::parse_rule("FREQ=WEEKLY;COUNT", problem));
    auto r = ical::parse_rule("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-2", problem);
    REQUIRE(r);
    CHECK(r->ignored == std::vector<std::string>{"BYSETPOS=-2", "BYDAY on a non-weekly rule"});
}
