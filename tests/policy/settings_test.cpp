// A school's policy settings file: every member, defaults, and errors naming the member.
#include <doctest/doctest.h>

#include <interop/errors.hpp>
#include <interop/policy/settings.hpp>

using namespace interop;

namespace {

std::string error_of(const std::string& json) {
    try {
        policy::read_school_policy(json, "policy.json");
    } catch (const parse_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("every member of the settings file is read") {
    const auto p = policy::read_school_policy(R"({
      "families": {"night": {"from": "19:30", "until": "07:30"},
                   "weekend": {"from": "saturday 12:00", "until": "monday 08:00"},
                   "public_holidays": true, "school_holidays": false},
      "staff": {"night": null, "weekend": null},
      "closures": [{"label": "Pont de mai", "start": "2027-05-07"},
                   {"label": "Examens", "start": "2027-06-14", "end": "2027-06-16"}],
      "grades": {"guardian_delay_hours": 48},
      "homework": {"late_after": "18:00"}})", "policy.json");
    const auto& f = p.disconnect.families;
    CHECK(f.evening.minutes == 19 * 60 + 30);
    CHECK(f.morning.minutes == 7 * 60 + 30);
    CHECK(f.weekend_from == policy::week_time{6, {12 * 60}});
    CHECK(f.weekend_to == policy::week_time{1, {8 * 60}});
    CHECK_FALSE(f.school_holidays);
    CHECK(p.disconnect.staff.evening == p.disconnect.staff.morning);
    CHECK(p.disconnect.staff.weekend_from == p.disconnect.staff.weekend_to);
    REQUIRE(p.disconnect.closures.size() == 2);
    CHECK(p.disconnect.closures[0].label == "Pont de mai");
    CHECK(p.disconnect.closures[0].end == p.disconnect.closures[0].start);
    CHECK(p.disconnect.closures[1].type == model::calendar_entry_kind::closure);
    CHECK(p.grades.guardian_delay_minutes == 48 * 60);
    CHECK(p.homework.late_after.minutes == 18 * 60);
}

TEST_CASE("an empty settings file keeps the field's defaults") {
    const auto p = policy::read_school_policy("{}", "policy.json");
    CHECK(p.disconnect.families == policy::quiet_hours{});
    CHECK(p.disconnect.staff == policy::quiet_hours{});
    CHECK(p.grades.guardian_delay_minutes == 24 * 60);
    CHECK(p.homework.late_after.minutes == 19 * 60);
}

TEST_CASE("errors name the file and the member") {
    CHECK(error_of(R"({"families": {"night": {"from": "25:00", "until": "07:00"}}})").find("policy.json") != std::string::npos);
    CHECK(error_of(R"({"families": {"night": {"from": "25:00", "until": "07:00"}}})").find("families.night.from") != std::string::npos);
    CHECK(error_of(R"({"staff": {"weekend": {"from": "vendredi 20:00", "until": "monday 07:00"}}})").find("staff.weekend.from") != std::string::npos);
    CHECK(error_of(R"({"families": {"night": {"from": "20:00"}}})").find("\"until\"") != std::string::npos);
    CHECK(error_of(R"({"closures": [{"start": "2027-05-07", "end": "2027-05-01"}]})").find("closures[0]: ends before") != std::string::npos);
    CHECK(error_of(R"({"grades": {"guardian_delay_hours": -1}})").find("grades.guardian_delay_hours") != std::string::npos);
    CHECK(error_of(R"({"families": {"public_holidays": "yes"}})").find("families.public_holidays") != std::string::npos);
    CHECK(error_of(R"({"families": 3})").find("families: expected an object") != std::string::npos);
    CHECK(error_of("{\n\"families\": {\n]").find("policy.json:3") != std::string::npos);
    CHECK(error_of("[1]").find("expected an object") != std::string::npos);
}
