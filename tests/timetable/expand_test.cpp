// Courses expanded into sessions: weekday, validity, A/B weeks, week masks, days off, overrides, one-offs.
#include <doctest/doctest.h>

#include <interop/calendar/school_holidays.hpp>
#include <interop/timetable/expand.hpp>

using namespace interop;

namespace {

model::course course_on(std::string id, int weekday, int start_minutes) {
    model::course c;
    c.id = std::move(id);
    c.school = "0130001F";
    c.subject = "math";
    c.weekday = weekday;
    c.start = {start_minutes};
    return c;
}

model::dataset school_year() {
    model::dataset ds;
    model::establishment school;
    school.uai = "0130001F";
    school.zone = model::holiday_zone::b;
    model::academic_year year;
    year.id = "2025-2026";
    year.start = {2025, 9, 1};
    year.end = {2026, 7, 3};
    ds.all<model::calendar>().push_back(calendar::school_calendar(calendar::official_holidays(), school, year));
    return ds;
}

std::vector<model::date> days_of(const std::vector<model::session>& sessions) {
    std::vector<model::date> out;
    for (const auto& s : sessions) out.push_back(s.day);
    return out;
}

} // namespace

TEST_CASE("a weekly course falls on its weekday within its validity") {
    auto c = course_on("c1", 3, 8 * 60);
    c.valid_from = model::date{2025, 9, 4};
    c.valid_until = model::date{2025, 9, 24};
    auto days = timetable::course_days(c, nullptr, {2025, 9, 1}, {2025, 12, 31});
    CHECK(days == std::vector<model::date>{{2025, 9, 10}, {2025, 9, 17}, {2025, 9, 24}});
}

TEST_CASE("week masks and Mondays") {
    model::date week1{2025, 9, 1};
    auto weeks = timetable::weeks_of_mask(0b1011, week1);
    CHECK(weeks == std::vector<model::date>{{2025, 9, 1}, {2025, 9, 8}, {2025, 9, 22}});
    CHECK(timetable::mask_of_weeks(weeks, week1) == 0b1011);
    CHECK(timetable::weeks_of_mask(std::uint64_t{1} << 63, week1) == std::vector<model::date>{model::add_days(week1, 63 * 7)});
    CHECK(timetable::monday_of({2025, 9, 7}) == model::date{2025, 9, 1});
    CHECK(timetable::monday_of({2025, 9, 8}) == model::date{2025, 9, 8});
}

TEST_CASE("a week-A course skips week B, holidays and public holidays") {
    auto ds = school_year();
    model::week_pattern a;
    a.id = "A";
    a.school = "0130001F";
    for (auto d = model::date{2025, 9, 1}; d < model::date{2026, 7, 4}; d = model::add_days(d, 14)) a.weeks.push_back(d);
    ds.all<model::week_pattern>().push_back(a);
    auto tuesday = course_on("c-a", 2, 10 * 60);
    tuesday.week_pattern = "A";
    ds.all<model::course>().push_back(tuesday);
    auto sessions = timetable::expand(ds, {2025, 9, 1}, {2025, 11, 30});
    // Weeks A: 1 Sep, 15 Sep, 29 Sep, 13 Oct, [27 Oct: Toussaint], 10 Nov (11 Nov is a public holiday), 24 Nov.
    CHECK(days_of(sessions) == std::vector<model::date>{{2025, 9, 2}, {2025, 9, 16}, {2025, 9, 30}, {2025, 10, 14}, {2025, 11, 25}});
    CHECK(sessions[0].id == "c-a@2025-09-02");
    CHECK(sessions[0].course == "c-a");
    CHECK(sessions[0].start.minutes == 600);
}

TEST_CASE("the whole year: every Monday course but holidays") {
    auto ds = school_year();
    ds.all<model::course>().push_back(course_on("mon", 1, 8 * 60));
    auto sessions = timetable::expand(ds, {2025, 9, 1}, {2026, 7, 3});
    // 44 Mondays from 1 Sep 2025 to 29 Jun 2026; off: 20 Oct, 27 Oct, 22 Dec, 29 Dec, 16 Feb, 23 Feb,
    // 13 Apr, 20 Apr (spring, zone B), 6 Apr (Easter Monday), 25 May (Whit Monday).
    CHECK(sessions.size() == 44 - 10);
}

TEST_CASE("session records override their occurrence; one-off sessions are added") {
    auto ds = school_year();
    ds.all<model::course>().push_back(course_on("c1", 1, 8 * 60));
    model::session moved;
    moved.id = "moved";
    moved.school = "0130001F";
    moved.course = "c1";
    moved.day = {2025, 9, 10};
    moved.original_day = model::date{2025, 9, 8};
    moved.status = model::session_status::moved;
    model::session cancelled;
    cancelled.id = "c1@2025-09-15";
    cancelled.school = "0130001F";
    cancelled.course = "c1";
    cancelled.day = {2025, 9, 15};
    cancelled.status = model::session_status::cancelled;
    model::session exam;
    exam.id = "brevet-blanc";
    exam.school = "0130001F";
    exam.day = {2025, 9, 12};
    exam.status = model::session_status::exam;
    ds.all<model::session>() = {moved, cancelled, exam};
    auto sessions = timetable::expand(ds, {2025, 9, 1}, {2025, 9, 21});
    REQUIRE(sessions.size() == 4);
    CHECK(sessions[0].id == "c1@2025-09-01");
    CHECK(sessions[1].id == "moved");
    CHECK(sessions[1].day == model::date{2025, 9, 10});
    CHECK(sessions[2].id == "brevet-blanc");
    CHECK(sessions[3].status == model::session_status::cancelled);
}

TEST_CASE("days off merge adjacent spans") {
    model::calendar cal;
    cal.entries = {{model::calendar_entry_kind::holiday, "x", {2026, 1, 1}, {2026, 1, 3}},
                   {model::calendar_entry_kind::closure, "y", {2026, 1, 4}, {2026, 1, 4}},
                   {model::calendar_entry_kind::public_holiday, "z", {2026, 1, 10}, {2026, 1, 10}}};
    timetable::days_off off({cal});
    CHECK(off.contains({2026, 1, 1}));
    CHECK(off.contains({2026, 1, 4}));
    CHECK_FALSE(off.contains({2026, 1, 5}));
    CHECK(off.contains({2026, 1, 10}));
    CHECK_FALSE(off.contains({2025, 12, 31}));
}
