// LSU `lsun-bilans`: report cards of a small school written to a golden file and read back
// as themselves; absences counted from attendance events when the card gives none; what LSU
// requires and the data lacks refused with every problem named; a file from another
// application (no comment of ours) read with the national ids it carries.
#include "adapters/reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include "lsu/lsu_format.hpp"

using namespace interop;

namespace {

const auto lsu_fixtures = test::source_dir() / "tests/data/lsu";
const auto lsu_corpus = test::corpus_dir("lsu");

using test::day;
using test::when;

model::staff person(const std::string& id, const char* civility, const char* first, const char* last, const char* sts) {
    auto s = test::fixture_record<model::staff>(id);
    s.civility = civility;
    s.first_name = first;
    s.last_name = last;
    if (sts) s.external_ids = {{"sts", sts}};
    return s;
}

/** A 6e class, two pupils, two teachers, the head, the first term's report cards. */
model::dataset school() {
    model::dataset ds;
    auto year = test::fixture_record<model::academic_year>("2025-2026");
    year.start = day("2025-09-01");
    year.end = day("2026-07-03");
    ds.all<model::academic_year>().push_back(year);
    for (int t = 1; t <= 3; ++t) {
        auto p = test::fixture_record<model::period>("T" + std::to_string(t));
        p.academic_year = year.id;
        p.number = t;
        p.start = t == 1 ? day("2025-09-01") : t == 2 ? day("2025-12-01") : day("2026-03-09");
        p.end = t == 1 ? day("2025-11-28") : t == 2 ? day("2026-03-06") : day("2026-07-03");
        ds.all<model::period>().push_back(p);
    }
    auto c = test::fixture_record<model::school_class>("C6A");
    c.code = "6A";
    ds.all<model::school_class>().push_back(c);
    for (auto [id, be, first] : {std::tuple{"E1", "4711", "Léa"}, std::tuple{"E2", "4712", "Noé"}}) {
        auto s = test::fixture_record<model::student>(id);
        s.last_name = "MARTIN";
        s.first_name = first;
        s.entry_date = day("2025-09-01");
        s.external_ids = {{"siecle", be}};
        ds.all<model::student>().push_back(s);
        auto m = test::fixture_record<model::membership>(std::string("M-") + id);
        m.person = id;
        m.group = "C6A";
        ds.all<model::membership>().push_back(m);
    }
    for (auto [id, code, label] : {std::tuple{"FRANC", "020700", "Français"}, std::tuple{"MATHS", "061300", "Mathématiques"}}) {
        auto s = test::fixture_record<model::subject>(id);
        s.code = code;
        s.long_label = label;
        ds.all<model::subject>().push_back(s);
    }
    ds.all<model::staff>().push_back(person("P1", "Mme", "Ada", "LOVELACE", "90001"));
    ds.all<model::staff>().push_back(person("P2", "M.", "Blaise", "PASCAL", "90002"));
    auto head = person("D1", "Mme", "Marie", "CURIE", nullptr);
    head.functions = {"DIR"};
    ds.all<model::staff>().push_back(head);

    auto first = test::fixture_record<model::report_card>("B-T1-E1");
    first.student = "E1";
    first.period = "T1";
    model::report_subject french;
    french.subject = "FRANC";
    french.teacher = "P1";
    french.average = 14.25;
    french.class_average = 12.5;
    french.program_elements = {"Lire des textes variés", "Écrire un récit"};
    french.comment = "Très bon trimestre, lecture fluide & expressive.";
    model::report_subject maths;
    maths.subject = "MATHS";
    maths.teacher = "P2";
    maths.co_teachers = {"P1"};
    maths.position = 3;
    maths.program_elements = {"Fractions"};
    first.subjects = {french, maths};
    first.general_comment = "Bon trimestre : continuez ainsi.";
    first.council_date = day("2025-12-04");
    first.main_teachers = {"P1"};
    first.justified_absences = 2;
    first.unjustified_absences = 0;
    first.late_arrivals = 1;
    first.missed_hours = 6;
    first.attendance_comment = "Assidue.";
    for (std::size_t i = 0; i < 8; ++i) first.domains.push_back({std::string(lsu::socle_domains[i]), static_cast<int>(i % 4) + 1});
    first.extensions["lsu:parcours:PAR_CIT"] = "Élue déléguée de classe.";
    first.extensions["lsu:modalite:PPRE"] = "Soutien en lecture.";
    ds.all<model::report_card>().push_back(first);

    auto second = test::fixture_record<model::report_card>("B-T1-E2");
    second.student = "E2";
    second.period = "T1";
    model::report_subject french2;
    french2.subject = "FRANC";
    french2.teacher = "P1";
    french2.class_average = 12.5;
    second.subjects = {french2};
    second.general_comment = "Trimestre incomplet.";
    ds.all<model::report_card>().push_back(second);
    // E2's attendance, counted in half-days: a Monday afternoon, Thursday to the next Monday
    // morning (the weekend left out: 5 half-days), an open absence (1), a late arrival; one in T2.
    auto absence = [&](const char* id, const char* from, std::optional<const char*> to, bool justified) {
        auto a = test::fixture_record<model::attendance_event>(id);
        a.student = "E2";
        a.start = when(from);
        if (to) a.end = when(*to);
        else a.open = true;
        a.justified = justified;
        ds.all<model::attendance_event>().push_back(a);
    };
    absence("A1", "2025-10-06T13:30:00", "2025-10-06T17:00:00", true);
    absence("A2", "2025-10-16T08:00:00", "2025-10-20T12:00:00", false);
    absence("A3", "2025-11-24T14:00:00", std::nullopt, false);
    absence("A4", "2025-12-08T08:00:00", "2025-12-08T17:00:00", false);
    auto late = test::fixture_record<model::attendance_event>("L1");
    late.student = "E2";
    late.type = model::attendance_kind::late;
    late.start = when("2025-10-07T08:10:00");
    ds.all<model::attendance_event>().push_back(late);
    return ds;
}

std::string written(const model::dataset& ds) {
    test::temp_dir dir("lsu");
    test::write_as("lsu", ds, dir / "bilans.xml");
    return test::read_file(dir / "bilans.xml");
}

} // namespace

TEST_CASE("averages and ids as LSU writes them") {
    CHECK(lsu::parse_average("12.5/20") == 12.5);
    CHECK(lsu::parse_average("14,5") == 14.5);
    CHECK(lsu::parse_average("45/50") == 18);
    CHECK(lsu::parse_average("9/0") == std::nullopt);
    CHECK(lsu::parse_average("abs") == std::nullopt);
    CHECK(lsu::average_text(14.25) == "14.25/20");
    CHECK(lsu::average_text(9) == "9/20");
    CHECK(lsu::average_text(10.5) == "10.5/20");
    CHECK(lsu::xml_id("EL_", "élève 1") == "EL___l__ve_1"); // é and è are two bytes each
}

TEST_CASE("report cards are written as the golden file, with absences counted when the card gives none") {
    CHECK(test::matches_golden(lsu_fixtures / "golden/bilans.xml", written(school())));
    const auto text = written(school());
    // E2: 1 justified half-day; 5 + 1 unjustified; 1 late arrival; T2's absence left out.
    CHECK(text.find("nb-retards=\"1\" nb-abs-justifiees=\"1\" nb-abs-injustifiees=\"6\"") != std::string::npos);
}

TEST_CASE("what we write reads back as the same report cards, people and classes") {
    const auto source = school();
    test::temp_dir dir("lsu-back");
    test::write_as("lsu", source, dir / "bilans.xml");
    const auto back = test::read_as("lsu", dir / "bilans.xml");
    REQUIRE(back.all<model::report_card>().size() == 2);
    auto card = test::find<model::report_card>(back, "B-T1-E1");
    auto expected = source.all<model::report_card>().front();
    CHECK(card.extensions.at("lsu:date-verrou") == "2025-12-04T00:00:00");
    CHECK(card.extensions.at("lsu:millesime") == "2025");
    CHECK(card.extensions.at("lsu:periode") == "1/3");
    CHECK(card.signed_by == "D1");
    for (const auto& entry : expected.extensions) CHECK_MESSAGE(card.extensions[entry.first] == entry.second, entry.first); // paths, support plans
    card.extensions = expected.extensions = {};
    card.signed_by.reset();
    for (auto& s : card.subjects) s.mode.reset();
    card.provenance = expected.provenance;
    CHECK(card == expected);
    const auto& second = test::find<model::report_card>(back, "B-T1-E2");
    CHECK(second.unjustified_absences == 6);
    CHECK(second.subjects.front().average == std::nullopt);
    CHECK(test::find<model::student>(back, "E1").external_ids == std::vector<model::external_id>{{"siecle", "4711"}});
    CHECK(test::find<model::staff>(back, "P2").last_name == "PASCAL");
    CHECK(test::find<model::subject>(back, "MATHS").code == "061300");
    CHECK(test::find<model::membership>(back, "M-E2").group == "C6A");
    CHECK(test::find<model::school_class>(back, "C6A").code == "6A");
}

TEST_CASE("a teacher who signs as head of school reads back once, as the teacher") {
    auto ds = school();
    for (auto& card : ds.all<model::report_card>()) card.signed_by = "P1";
    test::temp_dir dir("lsu-signed");
    test::write_as("lsu", ds, dir / "bilans.xml");
    const auto back = test::read_as("lsu", dir / "bilans.xml");
    CHECK(std::count_if(back.all<model::staff>().begin(), back.all<model::staff>().end(), [](const auto& s) { return s.id == "P1"; }) == 1);
    CHECK(test::find<model::staff>(back, "P1").last_name == "LOVELACE");
    CHECK(test::find<model::report_card>(back, "B-T1-E1").signed_by == "P1");
}

TEST_CASE("what LSU requires and the data lacks is refused, every problem named") {
    auto ds = school();
    ds.all<model::student>()[1].external_ids.clear();
    ds.all<model::report_card>()[0].general_comment.reset();
    ds.all<model::report_card>()[0].subjects[0].comment = std::string(601, 'x');
    ds.all<model::report_card>()[1].subjects[0].teacher.reset();
    ds.all<model::report_card>()[0].domains.pop_back();
    test::temp_dir dir("lsu-refused");
    try {
        test::write_as("lsu", ds, dir / "bilans.xml");
        FAIL("no error");
    } catch (const error& e) {
        const std::string text = e.what();
        CHECK(text.find("5 problems") != std::string::npos);
        CHECK(text.find("student E2: no Base Élèves id") != std::string::npos);
        CHECK(text.find("report card B-T1-E1: no general appreciation") != std::string::npos);
        CHECK(text.find("longer than 600 characters") != std::string::npos);
        CHECK(text.find("report card B-T1-E2: subject FRANC has no teacher (none on the line, none assigned") != std::string::npos);
        CHECK(text.find("socle domain REP_MND missing") != std::string::npos);
    }
    CHECK(!std::filesystem::exists(dir / "bilans.xml"));
    // A line without a teacher takes the one assigned to the pupil's class for that subject.
    ds = school();
    ds.all<model::report_card>()[1].subjects[0].teacher.reset();
    model::teaching_assignment service;
    service.id = "S1";
    service.school = "0130001F";
    service.staff = "P2";
    service.subject = "FRANC";
    service.group = "C6A";
    service.mode = "O";
    ds.all<model::teaching_assignment>().push_back(service);
    const auto text = written(ds);
    CHECK(text.find("<acquis discipline-ref=\"DI_FRANC_O\" enseignant-refs=\"ENS_P2\"") != std::string::npos);
    ds = school();
    ds.all<model::report_card>()[1].school = "0130002G";
    CHECK_THROWS_WITH_AS(test::write_as("lsu", ds, dir / "bilans.xml"), doctest::Contains("an LSU file holds one"), error);
}

TEST_CASE("a file from another application reads with the national ids it carries, and writes again") {
    diagnostics diags;
    const auto ds = test::read_as("lsu", io::input::open(lsu_corpus / "y_autre-logiciel.xml"), diags);
    CHECK(diags.count(severity::error) == 0);
    CHECK(std::any_of(diags.items().begin(), diags.items().end(), [](const auto& d) { return d.code == "lsu.unmapped"; }));
    // No period record (LSU gives no dates): the year and rank kept on the card write the period again.
    const auto again = written(ds);
    CHECK(again.find("<periode id=\"P_P1\" millesime=\"2025\" indice=\"1\" nb-periodes=\"2\"/>") != std::string::npos);
    CHECK(again.find("modalite-election=\"F\"") != std::string::npos);
}

TEST_CASE("hostile and broken files fail with a position") {
    diagnostics diags;
    CHECK_THROWS_AS(test::read_as("lsu", io::input::from_memory("x.xml", "<lsun-bilans xmlns=\"urn:fr:edu:scolarite:lsun:bilans:import\"><donnees>"), diags), parse_error);
    CHECK_THROWS_WITH_AS(test::read_as("lsu", io::input::from_memory("x.xml", "<bilans/>"), diags, false), doctest::Contains("not lsun-bilans"), parse_error);
    // A report card naming a pupil the file does not define is left out with a warning.
    const std::string text = "<lsun-bilans xmlns=\"urn:fr:edu:scolarite:lsun:bilans:import\" schemaVersion=\"2.0\"><entete><etablissement>0130001F</etablissement></entete>"
                             "<donnees><bilans-periodiques><bilan-periodique eleve-ref=\"EL_9\" periode-ref=\"P_1\"/></bilans-periodiques></donnees></lsun-bilans>";
    diagnostics warned;
    const auto ds = test::read_as("lsu", io::input::from_memory("x.xml", text), warned);
    CHECK(ds.all<model::report_card>().empty());
    CHECK(warned.count(severity::warning) >= 1);
}
