// Grade release, late homework and how long discipline records are kept.
#include "policy/policy_support.hpp"

#include <interop/model/dataset.hpp>
#include <interop/policy/disconnect.hpp>
#include <interop/policy/grade_release.hpp>
#include <interop/policy/homework.hpp>
#include <interop/policy/retention.hpp>

using namespace interop;
using test::at;
using test::on;

namespace {

std::string text(const std::optional<model::date_time>& t) { return t ? model::to_string(*t) : "none"; }

model::homework homework_set(const std::string& set_at, const std::string& due) {
    model::homework h;
    h.id = "H1";
    h.set_at = at(set_at);
    h.due = on(due);
    return h;
}

model::sanction sanction_of(model::sanction_kind nature, const std::string& day) {
    model::sanction s;
    s.id = "S-" + day;
    s.student = "E1";
    s.nature = nature;
    s.day = on(day);
    return s;
}

std::string erased_after(const model::sanction& s, const policy::retention_context& context = {}) {
    auto d = policy::erase_after(s, context);
    return d ? model::to_string(*d) : "none";
}

} // namespace

TEST_CASE("grades reach guardians a day after pupils, never before") {
    model::assessment a;
    a.id = "D1";
    policy::release_grades(a, at("2025-11-18T10:00:00+01:00"));
    CHECK(text(a.visible_to_students_at) == "2025-11-18T10:00:00+01:00");
    CHECK(text(a.visible_to_guardians_at) == "2025-11-19T10:00:00+01:00");

    policy::release_grades(a, at("2025-11-18T10:00:00+01:00"), {2 * 60});
    CHECK(text(a.visible_to_guardians_at) == "2025-11-18T12:00:00+01:00");
    // A release time already set later on the record is kept; guardians follow it.
    a.visible_to_students_at = at("2025-11-20T08:00:00+01:00");
    policy::release_grades(a, at("2025-11-18T10:00:00+01:00"));
    CHECK(text(a.visible_to_students_at) == "2025-11-20T08:00:00+01:00");
    CHECK(text(a.visible_to_guardians_at) == "2025-11-21T08:00:00+01:00");
    // A negative delay cannot put guardians first.
    policy::release_grades(a, at("2025-11-20T08:00:00+01:00"), {-60});
    CHECK(text(a.visible_to_guardians_at) == "2025-11-20T08:00:00+01:00");
}

TEST_CASE("the guardians' release waits for the right to disconnect when a window is given") {
    const policy::right_to_disconnect window(test::school_in(model::holiday_zone::a), calendar::official_holidays());
    model::assessment a;
    policy::release_grades(a, at("2025-11-21T21:00:00+01:00"), {}, &window); // Friday evening
    CHECK(text(a.visible_to_students_at) == "2025-11-21T21:00:00+01:00");
    CHECK(text(a.visible_to_guardians_at) == "2025-11-24T07:00:00+01:00");
}

TEST_CASE("a dataset whose guardians see grades first is refused") {
    model::dataset data;
    model::assessment ok, early, no_pupils;
    ok.id = "ok";
    policy::release_grades(ok, at("2025-11-18T10:00:00+01:00"));
    early.id = "early";
    early.visible_to_students_at = at("2025-11-18T10:00:00+01:00");
    early.visible_to_guardians_at = at("2025-11-18T08:00:00Z"); // 09:00 in Paris
    no_pupils.id = "no-pupils";
    no_pupils.visible_to_guardians_at = at("2025-11-18T10:00:00+01:00");
    data.all<model::assessment>() = {ok, early, no_pupils};
    diagnostics diags;
    policy::check_grade_release(data, diags);
    REQUIRE(diags.items().size() == 2);
    CHECK(diags.items()[0].record == "assessment/early");
    CHECK(diags.items()[0].code == "grades.guardians-first");
    CHECK(diags.items()[1].record == "assessment/no-pupils");
}

TEST_CASE("homework set late for the next school day is flagged") {
    const auto school = test::school_in(model::holiday_zone::a);
    const calendar::school_days days(school, calendar::official_holidays());
    const timetable::time_zone paris(school.time_zone);
    auto late = [&](const std::string& set_at, const std::string& due) {
        return policy::late_homework_reason(homework_set(set_at, due), days, paris);
    };
    CHECK(late("2025-11-18T19:30:00+01:00", "2025-11-19") == "set at 19:30 on 2025-11-18 (after 19:00) for the next school day, 2025-11-19");
    CHECK(late("2025-11-18T18:30:00Z", "2025-11-19").find("set at 19:30") == 0); // read in school time
    CHECK(late("2025-11-18T18:59:00+01:00", "2025-11-19").empty());
    CHECK(late("2025-11-18T19:30:00+01:00", "2025-11-20").empty()); // not for the next day
    CHECK(late("2025-11-21T20:00:00+01:00", "2025-11-24") != "");    // Friday evening for Monday
    CHECK(late("2025-11-22T10:00:00+01:00", "2025-11-24") == "set on 2025-11-22 (weekend) for the next school day, 2025-11-24");
    CHECK(late("2025-10-25T10:00:00+02:00", "2025-11-03") ==
          "set on 2025-10-25 (Vacances de la Toussaint) for the next school day, 2025-11-03");
    CHECK(late("2025-11-10T20:00:00+01:00", "2025-11-12") != ""); // 11 November in between
    CHECK(late("2025-11-22T10:00:00+01:00", "2025-11-25").empty());
    // The cut-off is the school's.
    CHECK(policy::late_homework_reason(homework_set("2025-11-18T19:30:00+01:00", "2025-11-19"), days, paris, {{20 * 60}}).empty());

    model::dataset data;
    data.all<model::homework>() = {homework_set("2025-11-18T19:30:00+01:00", "2025-11-19"),
                                   homework_set("2025-11-18T09:00:00+01:00", "2025-11-19")};
    data.all<model::homework>()[1].id = "H2";
    diagnostics diags;
    policy::check_late_homework(data, days, paris, diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "homework.late");
    CHECK(diags.items()[0].record == "homework/H1");
    CHECK(diags.items()[0].severity == severity::warning);
}

TEST_CASE("discipline records are erased when the law says") {
    using enum model::sanction_kind;
    CHECK(erased_after(sanction_of(warning, "2025-11-18")) == "2026-08-31");
    CHECK(erased_after(sanction_of(blame, "2026-03-02")) == "2026-08-31");
    CHECK(erased_after(sanction_of(responsibility_measure, "2025-09-01")) == "2026-08-31");
    CHECK(erased_after(sanction_of(detention, "2025-11-18")) == "2026-08-31");
    CHECK(erased_after(sanction_of(temporary_exclusion, "2025-11-18")) == "2026-11-18");
    CHECK(erased_after(sanction_of(class_exclusion, "2024-02-29")) == "2025-02-28");
    CHECK(erased_after(sanction_of(permanent_exclusion, "2025-11-18")) == "none");
    // The dataset's school year wins over the 31 August default; the end of secondary
    // schooling caps every one, permanent exclusion included.
    model::academic_year year;
    year.id = "2025-2026";
    year.start = on("2025-09-01");
    year.end = on("2026-07-04");
    policy::retention_context context{{year}, {{"E1", on("2026-07-03")}}};
    CHECK(erased_after(sanction_of(warning, "2025-11-18"), {{year}, {}}) == "2026-07-04");
    CHECK(erased_after(sanction_of(temporary_exclusion, "2025-11-18"), context) == "2026-07-03");
    CHECK(erased_after(sanction_of(permanent_exclusion, "2025-11-18"), context) == "2026-07-03");
    // Another school's year is not this one's.
    year.school = "0449000U";
    auto elsewhere = sanction_of(warning, "2025-11-18");
    elsewhere.school = "0750001A";
    CHECK(erased_after(elsewhere, {{year}, {}}) == "2026-08-31");
}

TEST_CASE("what is due for erasure on a given day") {
    using enum model::sanction_kind;
    model::dataset data;
    data.all<model::sanction>() = {sanction_of(warning, "2024-11-18"), sanction_of(temporary_exclusion, "2025-03-10"),
                                   sanction_of(permanent_exclusion, "2024-01-10")};
    policy::set_erase_after(data);
    CHECK(model::to_string(*data.all<model::sanction>()[0].erase_after) == "2025-08-31");
    auto due = policy::due_for_erasure(data, on("2025-09-01"));
    REQUIRE(due.size() == 1);
    CHECK(due[0]->id == "S-2024-11-18");
    CHECK(policy::due_for_erasure(data, on("2025-08-31")).empty()); // kept through its last day
    CHECK(policy::due_for_erasure(data, on("2026-03-11")).size() == 2);
}
