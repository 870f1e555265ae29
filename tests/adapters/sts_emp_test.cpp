// STS-Web emp (EDT_STS): a hand-written file gives its golden dataset (co-taught placings in a
// room make one course, parallel ones without a room stay apart, H is every week); model → emp →
// model keeps the demo school's courses; broken files are refused naming the line.
#include "reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include <map>
#include <set>
#include <tuple>

using namespace interop;

namespace {

const auto sts_emp_fixtures = test::corpus_dir("sts-emp");

std::string refusal(const std::string& text) {
    diagnostics diags;
    try {
        test::read_as("sts-emp", io::input::from_memory("emp.xml", text), diags, false);
    } catch (const parse_error& e) {
        return e.what();
    }
    return "accepted";
}

std::string with_cours(const std::string& cours) {
    return "<EDT_STS><PARAMETRES><UAJ>0130001F</UAJ></PARAMETRES><DONNEES><STRUCTURE><DIVISIONS><DIVISION CODE=\"6A\"><SERVICES>"
           "<SERVICE CODE_MATIERE=\"061300\"><ENSEIGNANTS><ENSEIGNANT ID=\"1\"><COURS_RATTACHES>\n" +
           cours + "</COURS_RATTACHES></ENSEIGNANT></ENSEIGNANTS></SERVICE></SERVICES></DIVISION></DIVISIONS></STRUCTURE></DONNEES></EDT_STS>";
}

} // namespace

TEST_CASE("a hand-written emp file reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = test::read_as("sts-emp", io::input::open(sts_emp_fixtures / "y_emp_0130001F_2025.xml"), diags);
    CHECK(diags.items().empty());
    REQUIRE(ds.all<model::course>().size() == 4);
    const auto& cotaught = test::find<model::course>(ds, "emp-1");
    CHECK(cotaught.teachers == std::vector<std::string>{"4501", "4502"});
    CHECK(cotaught.rooms == std::vector<std::string>{"S12"});
    CHECK(!cotaught.week_pattern);
    CHECK(test::find<model::course>(ds, "emp-2").classes == std::vector<std::string>{"6A"});
    CHECK(test::find<model::course>(ds, "emp-3").classes == std::vector<std::string>{"6B"}); // parallel, no room: apart
    const auto& svt = test::find<model::course>(ds, "emp-4");
    CHECK(svt.groups == std::vector<std::string>{"6A-SVT1"});
    CHECK(svt.week_pattern == "Q1");
    CHECK(svt.start.minutes == 14 * 60 + 5);
    CHECK(svt.duration_minutes == 110);
    CHECK(svt.extensions.at("sts:CODE_MOD_COURS") == "GR");
    CHECK(test::find<model::week_pattern>(ds, "Q1").weeks.size() == 3);
    CHECK(ds.all<model::week_pattern>().size() == 1); // H is every week
    CHECK(test::find<model::group>(ds, "6A-SVT1").classes == std::vector<std::string>{"6A"});
}

TEST_CASE("model → STS-Web emp → model keeps the demo school's courses, ids and week patterns") {
    auto demo = test::demo_school();
    test::temp_dir dir("emp-roundtrip");
    test::write_as("sts-emp", demo, dir / "emp_0449000U_2025.xml");
    diagnostics diags;
    auto back = test::read_as("sts-emp", io::input::open(dir / "emp_0449000U_2025.xml"), diags);
    CHECK(diags.count(severity::warning) == 0);
    REQUIRE(back.all<model::course>().size() == demo.all<model::course>().size());
    for (const auto& c : demo.all<model::course>()) {
        CAPTURE(c.id);
        const auto& b = test::find<model::course>(back, c.id);
        CHECK(std::tie(b.weekday, b.start, b.duration_minutes, b.subject, b.week_pattern) == std::tie(c.weekday, c.start, c.duration_minutes, c.subject, c.week_pattern));
        CHECK(std::set<std::string>(b.teachers.begin(), b.teachers.end()) == std::set<std::string>(c.teachers.begin(), c.teachers.end()));
        CHECK(std::set<std::string>(b.classes.begin(), b.classes.end()) == std::set<std::string>(c.classes.begin(), c.classes.end()));
        CHECK(b.groups == c.groups);
        if (!c.rooms.empty()) CHECK(b.rooms == std::vector<std::string>{c.rooms.front()});
    }
    for (const auto& p : demo.all<model::week_pattern>()) CHECK(test::find<model::week_pattern>(back, p.id).weeks == p.weeks);
    CHECK(back.all<model::academic_year>().size() == 1);
}

TEST_CASE("broken emp files are refused naming the line") {
    CHECK(refusal(with_cours("<COURS><JOUR>9</JOUR><HEURE_DEBUT>0800</HEURE_DEBUT><DUREE>0100</DUREE></COURS>")) == "emp.xml:2: sts-emp: JOUR '9' is no day 1 (Monday) to 7");
    CHECK(refusal(with_cours("<COURS><JOUR>1</JOUR><HEURE_DEBUT>8h00</HEURE_DEBUT><DUREE>0100</DUREE></COURS>")) == "emp.xml:2: sts-emp: HEURE_DEBUT '8h00' is no time HHMM");
    CHECK(refusal(with_cours("<COURS><JOUR>1</JOUR><HEURE_DEBUT>0800</HEURE_DEBUT><DUREE>0000</DUREE></COURS>")) == "emp.xml:2: sts-emp: DUREE '0000' is no duration HHMM");
    CHECK(refusal("<EDT_STS><DONNEES><SALLES_COURS><SALLE_COURS CODE=\"S\"/></SALLES_COURS></DONNEES></EDT_STS>") ==
          "emp.xml:1: sts-emp: <SALLE_COURS> before PARAMETRES/UAJ: the school is unknown");
    CHECK(refusal("<STS_EDT/>") == "emp.xml:1: sts-emp: root element is STS_EDT, not EDT_STS");
    diagnostics diags;
    auto ds = test::read_as("sts-emp", io::input::from_memory("emp.xml", with_cours("<COURS><JOUR>1</JOUR><HEURE_DEBUT>0800</HEURE_DEBUT><DUREE>0100</DUREE><CODE_ALTERNANCE>Z</CODE_ALTERNANCE></COURS>")), diags);
    CHECK(ds.all<model::course>().size() == 1);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "sts-emp.alternance");
}

TEST_CASE("emp: short alternations stay alternations, a long comment does not hide the file, what has no place is declared") {
    auto demo = test::demo_school();
    auto& courses = demo.all<model::course>();
    REQUIRE(courses.size() > 4);
    auto one_week = test::find<model::week_pattern>(demo, "A");
    one_week.id = one_week.code = "W1";
    one_week.weeks = {{2025, 9, 8}};
    auto three_weeks = one_week;
    three_weeks.id = three_weeks.code = "W3";
    three_weeks.weeks = {{2025, 9, 8}, {2025, 9, 15}, {2025, 9, 22}};
    demo.add(model::any_record{one_week});
    demo.add(model::any_record{three_weeks});
    courses[0].week_pattern = "W1";
    courses[1].week_pattern = "W3";
    courses[2].teachers.clear();
    courses[3].rooms = {"R1", "R2"};
    const std::string lost_course = courses[2].id;
    for (std::size_t i = 0; i < 40000; ++i) courses[4].id += "x"; // our comment names every course: long enough to pass 4 KiB

    test::temp_dir dir("emp-shapes");
    io::loss_log losses;
    {
        registry r;
        register_all_adapters(r);
        auto writer = open_writer(r.get("sts-emp"), dir / "emp.xml", {losses});
        io::replay(demo, *writer);
    }
    diagnostics diags;
    auto back = test::read_as("sts-emp", io::input::open(dir / "emp.xml"), diags); // identified past the comment
    CHECK(test::find<model::course>(back, courses[0].id).week_pattern == std::optional<std::string>("W1"));
    CHECK(test::find<model::course>(back, courses[1].id).week_pattern == std::optional<std::string>("W3"));
    CHECK(test::find<model::week_pattern>(back, "W3").weeks == three_weeks.weeks);
    CHECK(std::none_of(back.all<model::course>().begin(), back.all<model::course>().end(), [&](const auto& c) { return c.id == lost_course; }));

    std::map<std::string, std::vector<std::string>> declared;
    for (const auto& r : losses.reasons()) declared[r.code] = r.records;
    CHECK(declared["loss.sts-emp.no-teacher"] == std::vector<std::string>{"course/" + courses[0].school + "/" + lost_course});
    CHECK(declared["loss.sts-emp.rooms"] == std::vector<std::string>{"course/" + courses[3].school + "/" + courses[3].id});
}
