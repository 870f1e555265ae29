#include <doctest/doctest.h>

#include <interop/validate/validate.hpp>

#include <algorithm>

using namespace interop;
using namespace interop::model;

namespace {

constexpr const char* uai = "0440008V";

template <class K> K rec(const std::string& id) {
    K r;
    r.id = id;
    r.school = uai;
    return r;
}

/** A small school that passes every rule. */
dataset valid_school() {
    dataset ds;
    auto s = rec<establishment>(uai);
    s.uai = uai;
    s.name = "Collège François Cacault";
    ds.add(s);
    auto y = rec<academic_year>("Y");
    y.start = {2025, 9, 1};
    y.end = {2026, 7, 3};
    ds.add(y);
    auto p = rec<period>("T1");
    p.academic_year = "Y";
    p.start = {2025, 9, 1};
    p.end = {2025, 11, 28};
    ds.add(p);
    ds.add(rec<subject>("MATHS"));
    ds.add(rec<room>("S101"));
    ds.add(rec<room>("S102"));
    ds.add(rec<school_class>("6A"));
    ds.add(rec<school_class>("6B"));
    ds.add(rec<staff>("P1"));
    ds.add(rec<staff>("P2"));
    auto st = rec<student>("E1");
    st.external_ids = {{"siecle", "1001"}};
    ds.add(st);
    auto st2 = rec<student>("E2");
    st2.external_ids = {{"siecle", "1002"}};
    ds.add(st2);
    ds.add(rec<guardian>("R1"));
    auto link = rec<guardian_link>("L1");
    link.student = "E1";
    link.guardian = "R1";
    ds.add(link);
    auto m = rec<membership>("M1");
    m.person = "E1";
    m.group = "6A";
    m.start = date{2025, 9, 1};
    ds.add(m);
    auto a = rec<week_pattern>("A");
    a.weeks = {{2025, 9, 1}, {2025, 9, 15}};
    ds.add(a);
    auto b = rec<week_pattern>("B");
    b.weeks = {{2025, 9, 8}, {2025, 9, 22}};
    ds.add(b);
    for (auto [id, teacher, cls, roomid, pattern] : {std::tuple{"C1", "P1", "6A", "S101", "A"}, std::tuple{"C2", "P1", "6B", "S102", "B"}}) {
        auto c = rec<course>(id);
        c.subject = "MATHS";
        c.teachers = {teacher};
        c.classes = {cls};
        c.rooms = {roomid};
        c.weekday = 1;
        c.start = {8 * 60};
        c.duration_minutes = 55;
        c.week_pattern = pattern;
        ds.add(c);
    }
    auto se = rec<session>("S1");
    se.course = "C1";
    se.day = {2025, 9, 1};
    se.start = {8 * 60};
    ds.add(se);
    auto n = rec<news_item>("N1");
    n.publish_from = *parse_date_time("2025-09-01T07:00:00+02:00");
    n.publish_until = *parse_date_time("2025-09-10T20:00:00+02:00");
    n.audience = {"guardians", "6A"};
    ds.add(n);
    return ds;
}

bool has(const diagnostics& d, const std::string& code, severity s = severity::error) {
    return std::any_of(d.items().begin(), d.items().end(), [&](const diagnostic& x) { return x.code == code && x.severity == s; });
}

std::string all(const diagnostics& d) {
    std::string out;
    for (const auto& x : d.items()) out += x.to_string() + "\n";
    return out;
}

} // namespace

TEST_CASE("the reference school passes every rule") {
    const auto d = validate(valid_school());
    CHECK_MESSAGE(d.items().empty(), all(d));
}

TEST_CASE("referential integrity") {
    auto ds = valid_school();
    ds.all<guardian_link>()[0].guardian = "R404";
    ds.all<course>()[0].rooms.push_back("S999");
    auto d = validate(ds);
    CHECK(has(d, "ref.missing"));
    CHECK(d.count(severity::error) == 2);
    CHECK(all(d).find("guardian_link/L1: guardian names guardian \"R404\"") != std::string::npos);

    // References resolve within the record's own school.
    ds = valid_school();
    auto other = rec<student>("E9");
    other.school = "0440010X";
    ds.add(other);
    auto link = rec<guardian_link>("L9");
    link.student = "E9";
    link.guardian = "R1";
    ds.add(link);
    d = validate(ds);
    CHECK(has(d, "ref.school")); // 0440010X is not among the dataset's schools
    CHECK(has(d, "ref.missing")); // student E9 is in another school
}

TEST_CASE("an absent reference is absent, not a broken one: a warning where the model wants it, nothing where it may be left out") {
    auto ds = valid_school();
    ds.all<course>()[0].subject = "";
    ds.all<student>()[0].mef = "";
    const auto d = validate(ds);
    CHECK(!has(d, "ref.missing"));
    CHECK(d.count(severity::error) == 0);
    REQUIRE_MESSAGE(d.items().size() == 1, all(d));
    CHECK(d.items()[0].code == "ref.absent");
    CHECK(d.items()[0].message == "subject names no subject");
}

TEST_CASE("news audiences name roles, classes or groups") {
    auto ds = valid_school();
    ds.all<news_item>()[0].audience.push_back("parents");
    const auto d = validate(ds);
    CHECK(has(d, "ref.missing"));
    CHECK(all(d).find("audience names \"parents\", which is neither a role nor a class or group") != std::string::npos);
}

TEST_CASE("UAI format and check letter: warning, error when strict") {
    auto ds = valid_school();
    CHECK_FALSE(has(validate(ds), "uai.check-letter", severity::warning));
    for (auto* s : {&ds.all<establishment>()[0]}) s->uai = s->school = s->id = "0134567A";
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (K& r : ds.all<K>()) r.school = "0134567A";
    });
    auto d = validate(ds);
    CHECK(has(d, "uai.check-letter", severity::warning));
    CHECK_FALSE(d.has_errors());
    CHECK(all(d).find("the check letter of 0134567 is") != std::string::npos);
    CHECK(has(validate(ds, {.strict = true}), "uai.check-letter", severity::error));

    ds.all<student>()[0].school = "44-0008";
    CHECK(has(validate(ds), "uai.malformed"));
}

TEST_CASE("date sanity") {
    auto ds = valid_school();
    ds.all<academic_year>()[0].end = {2025, 8, 1};
    CHECK(has(validate(ds), "date.order"));

    ds = valid_school();
    ds.all<news_item>()[0].publish_until = *parse_date_time("2025-09-01T06:00:00+02:00");
    CHECK(has(validate(ds), "date.order"));
    // Same instant written with another offset is not before.
    ds.all<news_item>()[0].publish_until = *parse_date_time("2025-09-01T05:00:00Z");
    CHECK_FALSE(has(validate(ds), "date.order"));

    ds = valid_school();
    ds.all<session>()[0].day = {2026, 8, 15};
    CHECK(has(validate(ds), "date.outside-year"));

    ds = valid_school();
    ds.all<period>()[0].end = {2026, 9, 30};
    CHECK(has(validate(ds), "date.outside-year"));

    ds = valid_school();
    ds.all<week_pattern>()[0].weeks.push_back({2025, 9, 3});
    CHECK(has(validate(ds), "date.week-start", severity::warning));

    ds = valid_school();
    auto a = rec<assessment>("D1");
    a.subject = "MATHS";
    a.day = {2025, 9, 5};
    a.visible_to_students_at = *parse_date_time("2025-09-12T17:00:00+02:00");
    a.visible_to_guardians_at = *parse_date_time("2025-09-11T17:00:00+02:00");
    ds.add(a);
    CHECK(has(validate(ds), "date.order")); // guardians never before pupils
}

TEST_CASE("overlaps for one teacher, room or class") {
    auto ds = valid_school();
    // C1 (week A) and C2 (week B) share teacher P1 at the same time: no overlap.
    CHECK_FALSE(has(validate(ds), "overlap.teacher", severity::warning));
    ds.all<course>()[1].week_pattern.reset(); // C2 now runs every week
    auto d = validate(ds);
    CHECK(has(d, "overlap.teacher", severity::warning));
    CHECK(all(d).find("teacher P1 is also in course/C1") != std::string::npos);

    ds = valid_school();
    ds.all<course>()[1].rooms = {"S101"};
    ds.all<course>()[1].week_pattern = "A";
    CHECK(has(validate(ds), "overlap.room", severity::warning));

    // Dated sessions: a second session for the same class at 08:30 overlaps; a cancelled one does not.
    ds = valid_school();
    auto s2 = rec<session>("S2");
    s2.day = {2025, 9, 1};
    s2.start = {8 * 60 + 30};
    s2.classes = {"6A"};
    ds.add(s2);
    CHECK(has(validate(ds), "overlap.class", severity::warning));
    ds.all<session>()[1].status = session_status::cancelled;
    CHECK_FALSE(has(validate(ds), "overlap.class", severity::warning));
}

TEST_CASE("duplicate ids and external ids") {
    auto ds = valid_school();
    ds.add(rec<room>("S101"));
    CHECK(has(validate(ds), "id.duplicate"));

    ds = valid_school();
    ds.all<student>()[1].external_ids = {{"siecle", "1001"}};
    auto d = validate(ds);
    CHECK(has(d, "external-id.duplicate"));
    CHECK(all(d).find("siecle id \"1001\" is also held by student/E1") != std::string::npos);

    // The same external id in another system is fine.
    ds.all<student>()[1].external_ids = {{"aaf", "1001"}};
    CHECK_FALSE(has(validate(ds), "external-id.duplicate"));
}
