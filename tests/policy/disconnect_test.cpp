// The right to disconnect across nights, the Friday-to-Monday window, zone holidays, public
// holidays, daylight saving changes, overseas time zones and the urgent bypass.
#include "policy/policy_support.hpp"

#include <interop/policy/disconnect.hpp>

using namespace interop;
using policy::audience;
using test::at;

namespace {

const calendar::holiday_table& shipped() { return calendar::official_holidays(); }

policy::right_to_disconnect zone_a(policy::disconnect_settings s = {}) {
    return policy::right_to_disconnect(test::school_in(model::holiday_zone::a), shipped(), std::move(s));
}

/** When an item toward families at `when` goes out, as written in the school's time. */
std::string send_at(const policy::right_to_disconnect& rule, const std::string& when, audience who = audience::families) {
    return model::to_string(rule.decide(at(when), who).send_at);
}

} // namespace

TEST_CASE("a weekday in class hours sends now; the evening waits for the morning") {
    const auto rule = zone_a();
    auto d = rule.decide(at("2025-11-18T10:00:00+01:00"), audience::families);
    CHECK(d.send_now);
    CHECK(d.held_by.empty());
    CHECK(model::to_string(d.send_at) == "2025-11-18T10:00:00+01:00");

    d = rule.decide(at("2025-11-18T21:30:00+01:00"), audience::families);
    CHECK_FALSE(d.send_now);
    CHECK(d.held_by == "night (20:00-07:00)");
    CHECK(model::to_string(d.send_at) == "2025-11-19T07:00:00+01:00");
    CHECK(send_at(rule, "2025-11-19T06:59:00+01:00") == "2025-11-19T07:00:00+01:00");
    CHECK(send_at(rule, "2025-11-19T07:00:00+01:00") == "2025-11-19T07:00:00+01:00");
    CHECK(send_at(rule, "2025-11-18T19:59:59+01:00") == "2025-11-18T19:59:59+01:00");
    // The same instant written in UTC, or without an offset (school time), decides the same.
    CHECK(send_at(rule, "2025-11-18T20:30:00Z") == "2025-11-19T07:00:00+01:00");
    CHECK(send_at(rule, "2025-11-18T21:30:00") == "2025-11-19T07:00:00+01:00");
}

TEST_CASE("from Friday 20:00 to Monday 07:00 nothing goes out") {
    const auto rule = zone_a();
    auto d = rule.decide(at("2025-11-21T20:00:00+01:00"), audience::families);
    CHECK(d.held_by == "weekend (Friday 20:00 - Monday 07:00)");
    CHECK(model::to_string(d.send_at) == "2025-11-24T07:00:00+01:00");
    CHECK(send_at(rule, "2025-11-22T12:00:00+01:00") == "2025-11-24T07:00:00+01:00");
    CHECK(send_at(rule, "2025-11-23T23:59:00+01:00") == "2025-11-24T07:00:00+01:00");
    CHECK(rule.decide(at("2025-11-21T19:00:00+01:00"), audience::families).send_now);
}

TEST_CASE("school holidays of the school's zone, and only of its zone") {
    // 9 February 2026: zone A is on winter holidays (7-22 February), zones B and C are not yet.
    const auto monday = at("2026-02-09T10:00:00+01:00");
    auto d = zone_a().decide(monday, audience::families);
    CHECK(d.held_by == "school holidays: Vacances d'hiver");
    CHECK(model::to_string(d.send_at) == "2026-02-23T07:00:00+01:00");
    for (auto zone : {model::holiday_zone::b, model::holiday_zone::c})
        CHECK(policy::right_to_disconnect(test::school_in(zone), shipped()).decide(monday, audience::families).send_now);
}

TEST_CASE("public holidays, and the morning after a long weekend") {
    const auto rule = zone_a();
    auto d = rule.decide(at("2025-11-11T10:00:00+01:00"), audience::families);
    CHECK(d.held_by == "public holiday: Armistice 1918");
    CHECK(model::to_string(d.send_at) == "2025-11-12T07:00:00+01:00");
    // Whit Monday 2026 (25 May): Friday evening waits for Tuesday.
    CHECK(send_at(rule, "2026-05-22T21:00:00+02:00") == "2026-05-26T07:00:00+02:00");
    // Alsace-Moselle adds Good Friday (3 April 2026, just before zone B's spring holidays).
    auto strasbourg = test::school_in(model::holiday_zone::b);
    strasbourg.postal_code = "67000";
    CHECK(policy::right_to_disconnect(strasbourg, shipped()).decide(at("2026-04-03T10:00:00+02:00"), audience::families).held_by ==
          "public holiday: Vendredi saint");
    CHECK(policy::right_to_disconnect(test::school_in(model::holiday_zone::b), shipped())
              .decide(at("2026-04-03T10:00:00+02:00"), audience::families).send_now);
}

TEST_CASE("daylight saving changes: the window opens at 07:00 on the wall clock") {
    const auto rule = zone_a();
    // Clocks go forward on Sunday 29 March 2026: Monday 07:00 is +02:00.
    CHECK(send_at(rule, "2026-03-27T22:00:00+01:00") == "2026-03-30T07:00:00+02:00");
    // Clocks go back on Sunday 26 October 2025, inside zone A's Toussaint holidays (18 October -
    // 2 November): an item of Friday evening before them goes out on Monday 3 November at 07:00 +01:00.
    auto d = rule.decide(at("2025-10-17T21:00:00+02:00"), audience::families);
    CHECK(d.held_by == "weekend (Friday 20:00 - Monday 07:00)");
    CHECK(model::to_string(d.send_at) == "2025-11-03T07:00:00+01:00");
}

TEST_CASE("overseas: the school's own time zone and public holidays") {
    // La Réunion (UTC+4, no daylight saving): 20 December is the abolition of slavery.
    const policy::right_to_disconnect reunion(test::school_in(model::holiday_zone::none, "Indian/Reunion"), shipped());
    auto d = reunion.decide(at("2025-12-19T16:30:00Z"), audience::families); // 20:30 in Saint-Denis
    CHECK(d.held_by == "weekend (Friday 20:00 - Monday 07:00)");
    CHECK(model::to_string(d.send_at) == "2025-12-22T07:00:00+04:00");
    CHECK(reunion.decide(at("2025-12-18T20:00:00+04:00"), audience::families).held_by == "night (20:00-07:00)");
    // Its school holidays are not in the zone table: said, not silently ignored.
    REQUIRE_FALSE(d.notes.empty());
    CHECK(d.notes.front().find("not known") != std::string::npos);
    // Cayenne (UTC-3) 19:30 on a Tuesday is open; the same instant is night in Paris.
    const policy::right_to_disconnect cayenne(test::school_in(model::holiday_zone::none, "America/Cayenne"), shipped());
    CHECK(cayenne.decide(at("2025-11-18T22:30:00Z"), audience::families).send_now);
    CHECK_FALSE(zone_a().decide(at("2025-11-18T22:30:00Z"), audience::families).send_now);
}

TEST_CASE("urgent items bypass the window only with a reason, and the decision says so") {
    const auto rule = zone_a();
    const auto night = at("2025-11-18T22:00:00+01:00");
    auto d = rule.decide(night, audience::families, {true, "school closed tomorrow: storm warning"});
    CHECK(d.send_now);
    CHECK(d.urgent_bypass);
    CHECK(d.urgent_reason == "school closed tomorrow: storm warning");
    CHECK(d.held_by == "night (20:00-07:00)"); // what it went through
    d = rule.decide(night, audience::families, {true, ""});
    CHECK_FALSE(d.send_now);
    CHECK_FALSE(d.urgent_bypass);
    REQUIRE_FALSE(d.notes.empty());
    CHECK(d.notes.front().find("without a reason") != std::string::npos);
    // An urgent item in an open window is simply sent.
    d = rule.decide(at("2025-11-18T10:00:00+01:00"), audience::families, {true, "fire drill"});
    CHECK(d.send_now);
    CHECK_FALSE(d.urgent_bypass);
}

TEST_CASE("every window is configurable per school and per audience") {
    policy::disconnect_settings s;
    s.staff.evening = {21 * 60};
    s.staff.morning = {6 * 60 + 30};
    s.staff.school_holidays = false; // staff work during the pre-term days
    s.families.weekend_from = {3, {12 * 60}}; // a school with no classes on Wednesday afternoons
    s.families.weekend_to = {3, {23 * 60}};
    s.closures.push_back({model::calendar_entry_kind::closure, "Pont du 12 novembre", test::on("2025-11-12"), test::on("2025-11-12")});
    const auto rule = zone_a(s);
    CHECK(rule.decide(at("2025-11-18T20:30:00+01:00"), audience::staff).send_now);
    CHECK(send_at(rule, "2025-11-18T21:30:00+01:00", audience::staff) == "2025-11-19T06:30:00+01:00");
    CHECK(rule.decide(at("2026-02-09T10:00:00+01:00"), audience::staff).send_now);
    CHECK(rule.decide(at("2025-11-19T14:00:00+01:00"), audience::families).held_by == "weekend (Wednesday 12:00 - Wednesday 23:00)");
    CHECK(rule.decide(at("2025-11-22T14:00:00+01:00"), audience::families).send_now); // Saturday is open for this school
    CHECK(rule.decide(at("2025-11-12T10:00:00+01:00"), audience::families).held_by == "closure: Pont du 12 novembre");
    CHECK(rule.decide(at("2025-11-12T10:00:00+01:00"), audience::staff).held_by == "closure: Pont du 12 novembre");
    // A window turned off: nights open when evening == morning.
    policy::disconnect_settings open_nights;
    open_nights.families.evening = open_nights.families.morning = {};
    CHECK(zone_a(open_nights).decide(at("2025-11-18T23:00:00+01:00"), audience::families).send_now);
}

TEST_CASE("the window that never opens is reported, not searched for ever") {
    policy::disconnect_settings s;
    s.closures.push_back({model::calendar_entry_kind::closure, "closed", test::on("2025-01-01"), test::on("2030-12-31")});
    auto d = zone_a(s).decide(at("2025-11-18T10:00:00+01:00"), audience::families);
    CHECK_FALSE(d.send_now);
    REQUIRE_FALSE(d.notes.empty());
    CHECK(d.notes.front().find("does not open within a year") != std::string::npos);
}

TEST_CASE("years whose zone holidays are not shipped are said so") {
    auto d = zone_a().decide(at("2026-11-30T10:00:00+01:00"), audience::families);
    CHECK(d.send_now);
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].find("2026-11-30") != std::string::npos);
    CHECK(zone_a().decide(at("2025-11-18T10:00:00+01:00"), audience::families).notes.empty());
}
