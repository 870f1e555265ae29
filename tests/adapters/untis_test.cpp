// Untis GPU001: a hand-written file (`,`, ISO-8859-1) gives its golden dataset; double
// periods join, coupled classes share a course.
#include "reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>
#include <interop/validate/validate.hpp>

using namespace interop;

namespace {
const auto untis_fixtures = test::corpus_dir("untis");
}

TEST_CASE("a hand-written GPU001 reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = test::read_as("untis", io::input::open(untis_fixtures / "y_GPU001.TXT"), diags);
    REQUIRE(ds.all<model::course>().size() == 3);
    const auto& maths = test::find<model::course>(ds, "U10-1-1");
    CHECK(maths.duration_minutes == 120); // periods 1 and 2
    CHECK(test::find<model::course>(ds, "U11-2-3").classes == std::vector<std::string>{"6A", "6B"});
    CHECK(test::find<model::staff>(ds, "MÜL").last_name == "MÜL"); // ISO-8859-1 read as such
    CHECK(test::find<model::course>(ds, "U12-3-1").rooms.empty());
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "untis.no-times");
}

TEST_CASE("broken GPU001 lines are refused naming the line") {
    diagnostics diags;
    auto refusal = [&](const std::string& text) {
        try {
            test::read_as("untis", io::input::from_memory("GPU001.TXT", text), diags, false);
        } catch (const parse_error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(refusal("1;\"6A\";\"DUR\";\"M\";\"S\";1;1;;\n2;\"6A\";\"DUR\";\"M\";\"S\";9;1;;\n") == "GPU001.TXT:2: untis: day 9 or period 1 out of range (days 1 to 7, periods 1 to 60)");
    CHECK(refusal("1;\"6A\";\"DUR\";\"M\";\"S\";1;61;;\n").find("period 61 out of range") != std::string::npos);
    CHECK(refusal("1;\"6A\";\"DUR\";\"M\";\"S\";1;1;;\nhello\n") == "GPU001.TXT:2: untis: expected number;class;teacher;subject;room;day;period");
    CHECK(refusal("hello\n") == "GPU001.TXT: untis: no GPU001 timetable file (number;class;teacher;subject;room;day;period)");
}

TEST_CASE("model → Untis GPU → model keeps the demo school's courses, names, week types and dates") {
    auto demo = test::demo_school();
    test::temp_dir dir("untis-roundtrip");
    test::write_as("untis", demo, dir / "gpu");
    for (const char* file : {"GPU001.TXT", "GPU002.TXT", "GPU003.TXT", "GPU004.TXT", "GPU005.TXT", "GPU006.TXT", "interop.txt"}) CHECK(std::filesystem::exists(dir / "gpu" / file));
    diagnostics diags;
    auto back = test::read_as("untis", io::input::open(dir / "gpu"), diags);
    CHECK(diags.count(severity::warning) == 0);
    REQUIRE(back.all<model::course>().size() == demo.all<model::course>().size());
    for (const auto& c : demo.all<model::course>()) {
        CAPTURE(c.id);
        const auto& b = test::find<model::course>(back, c.id);
        CHECK(b.weekday == c.weekday);
        CHECK(b.start == c.start);
        CHECK(b.duration_minutes == c.duration_minutes);
        CHECK(b.week_pattern == c.week_pattern);
        CHECK(b.groups == c.groups);
        CHECK(b.school == c.school);
    }
    for (const auto& t : demo.all<model::staff>()) {
        if (!std::any_of(demo.all<model::course>().begin(), demo.all<model::course>().end(), [&](const auto& c) { return !c.teachers.empty(); })) break;
        const auto& b = test::find<model::staff>(back, t.id);
        CHECK(b.first_name == t.first_name);
        CHECK(b.last_name == t.last_name);
    }
    for (const auto& k : demo.all<model::school_class>()) CHECK(test::find<model::school_class>(back, k.id).label == k.label);
    for (const auto& room : demo.all<model::room>()) CHECK(test::find<model::room>(back, room.id).capacity == room.capacity);
    for (const auto& p : demo.all<model::week_pattern>()) CHECK(test::find<model::week_pattern>(back, p.id).weeks == p.weeks);
}

TEST_CASE("GPU002 week types A and B without our notes are a two-week cycle laid on the school year") {
    test::temp_dir dir("untis-week-types");
    test::write_file(dir / "GPU001.TXT", "1;\"6A\";\"DUR\";\"M\";\"S1\";1;1;;\r\n2;\"6A\";\"DUR\";\"SVT\";\"S1\";1;2;;\r\n3;\"6A\";\"DUR\";\"SVT\";\"S1\";1;2;;\r\n");
    test::write_file(dir / "GPU002.TXT", "1;1;1;1;\"6A\";\"DUR\";\"M\";\"S1\";;;1;;;;20250901;20260703;\r\n"
                                         "2;1;1;1;\"6A\";\"DUR\";\"SVT\";\"S1\";;;1;\"A\";;;20250901;20260703;\r\n"
                                         "3;1;1;1;\"6A\";\"DUR\";\"SVT\";\"S1\";;;1;\"B\";;;20250901;20251231;\r\n");
    registry r;
    register_all_adapters(r);
    read_options opt;
    opt.school_year = std::pair{model::date{2025, 9, 1}, model::date{2026, 7, 3}};
    model::dataset ds;
    io::dataset_sink sink(ds);
    diagnostics diags;
    r.get("untis").make_reader(opt)->read(io::input::open(dir.path()), sink, diags);
    CHECK(test::find<model::course>(ds, "U2-1-2").week_pattern == "A");
    CHECK(test::find<model::course>(ds, "U3-1-2").valid_until == model::date{2025, 12, 31});
    const auto& b = test::find<model::week_pattern>(ds, "B");
    REQUIRE(b.weeks.size() > 2);
    CHECK(b.weeks[0] == model::date{2025, 9, 8});
    CHECK(b.weeks[1] == model::date{2025, 9, 22});
    CHECK(!test::find<model::course>(ds, "U1-1-1").week_pattern);

    test::write_file(dir / "GPU002.TXT", "2;1;1;1;\"6A\";\"DUR\";\"SVT\";\"S1\";;;1;\"A\";;;2025-09-01;20260703;\r\n");
    CHECK_THROWS_WITH_AS(r.get("untis").make_reader(opt)->read(io::input::open(dir.path()), sink, diags), doctest::Contains("GPU002.TXT:1"), parse_error);
}

TEST_CASE("a coupled Untis lesson (a split class) gives a course per subject, with its teacher and its group") {
    test::temp_dir dir("untis-coupled");
    // Lesson 7: class 09a split in two, French with Form, Latin with Mühl, periods 2 and 3 on Monday; lesson 8 once, alone.
    test::write_file(dir / "GPU001.TXT", "7;\"09a\";\"Form\";\"F6\";\"R1\";1;2;;\r\n7;\"09a\";\"Mühl\";\"L6\";\"R2\";1;2;;\r\n"
                                         "7;\"09a\";\"Form\";\"F6\";\"R1\";1;3;;\r\n7;\"09a\";\"Mühl\";\"L6\";\"R2\";1;3;;\r\n"
                                         "8;\"09a\";\"Form\";\"F6\";\"R1\";2;1;;\r\n");
    test::write_file(dir / "GPU002.TXT", "7;2;2;2;\"09a\";\"Form\";\"F6\";\"R1\";;;1;;;;20250901;20260703;;;;;;;;;;;;;;;;;;;;;;;;;;\"09a-F\";;;;;\r\n"
                                         "7;2;2;2;\"09a\";\"Mühl\";\"L6\";\"R2\";;;1;;;;20250901;20260703;;;;;;;;;;;;;;;;;;;;;;;;;;\"09a-L\";;;;;\r\n");
    diagnostics diags;
    const auto ds = test::read_with("untis", dir.path(), diags);
    const auto& french = test::find<model::course>(ds, "U7-1-2-F6");
    const auto& latin = test::find<model::course>(ds, "U7-1-2-L6");
    CHECK(french.teachers == std::vector<std::string>{"Form"});
    CHECK(latin.teachers == std::vector<std::string>{"Mühl"});
    CHECK(french.groups == std::vector<std::string>{"09a-F"});
    CHECK(latin.groups == std::vector<std::string>{"09a-L"});
    CHECK(french.duration_minutes == 120);
    CHECK(french.extensions.at("untis:lesson") == "7");
    CHECK(french.external_ids.empty());
    CHECK(test::find<model::course>(ds, "U8-2-1").external_ids == std::vector<model::external_id>{{"untis", "8"}});
    test::find<model::subject>(ds, "L6");
    CHECK(std::none_of(diags.items().begin(), diags.items().end(), [](const auto& d) { return d.severity == severity::error; }));
    const auto findings = validate(ds);
    CHECK(std::none_of(findings.items().begin(), findings.items().end(), [](const auto& d) { return d.code == "external-id.duplicate" || d.code == "id.duplicate"; }));
}

TEST_CASE("a coupled Untis lesson: the subject whose line names no group is taught to the whole class") {
    test::temp_dir dir("untis-coupled-whole");
    test::write_file(dir / "GPU001.TXT", "7;\"09a\";\"Form\";\"F6\";\"R1\";1;2;;\r\n7;\"09a\";\"M\u00fchl\";\"L6\";\"R2\";1;2;;\r\n");
    test::write_file(dir / "GPU002.TXT", "7;1;1;1;\"09a\";\"Form\";\"F6\";\"R1\";;;1;;;;20250901;20260703;;;;;;;;;;;;;;;;;;;;;;;;;;\"09a_F6\";;;;;\r\n"
                                         "7;1;1;1;\"09a\";\"M\u00fchl\";\"L6\";\"R2\";;;1;;;;20250901;20260703;;;;;;;;;;;;;;;;;;;;;;;;;;\"Latin\";;;;;\r\n");
    diagnostics diags;
    const auto ds = test::read_with("untis", dir.path(), diags);
    const auto& french = test::find<model::course>(ds, "U7-1-2-F6");
    CHECK(french.classes == std::vector<std::string>{"09a"});
    CHECK(french.groups.empty());
    CHECK(test::find<model::course>(ds, "U7-1-2-L6").groups == std::vector<std::string>{"Latin"});
}
