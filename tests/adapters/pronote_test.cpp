// Pronote accueilENT XML: a hand-written parent view (from parent.xsd) reads into its golden
// dataset; a teacher view holds nothing to read; pupil views we write read back as themselves.
#include "adapters/reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include "pronote/pronote_format.hpp"

#include <set>

using namespace interop;

namespace {

const auto pronote_fixtures = test::source_dir() / "tests/data/pronote";
const auto pronote_corpus = test::corpus_dir("pronote-ent");

using test::day;
using test::when;
template <class K> K make(const std::string& id) { return test::fixture_record<K>(id); }

/** A class with two pupils and a week of school life. */
model::dataset school_life() {
    model::dataset ds;
    auto school = make<model::establishment>("0130001F");
    school.uai = "0130001F";
    school.name = "Collège du Port";
    ds.all<model::establishment>().push_back(school);
    for (const char* id : {"E1", "E2"}) {
        auto s = make<model::student>(id);
        s.last_name = "NOM";
        s.first_name = id;
        ds.all<model::student>().push_back(s);
        auto m = make<model::membership>(std::string("M-") + id);
        m.person = id;
        m.group = "6A";
        ds.all<model::membership>().push_back(m);
    }
    auto maths = make<model::subject>("MATHS");
    maths.short_label = "MATHS";
    maths.long_label = "Mathématiques";
    ds.all<model::subject>().push_back(maths);
    for (int i = 1; i <= 6; ++i) {
        auto a = make<model::assessment>("D" + std::to_string(i));
        a.subject = "MATHS";
        a.title = "Devoir " + std::to_string(i);
        a.classes = {"6A"};
        a.day = model::add_days(day("2025-11-03"), i);
        ds.all<model::assessment>().push_back(a);
        auto g = make<model::grade_result>("G" + std::to_string(i));
        g.assessment = a.id;
        g.student = "E1";
        g.value = 10 + i * 0.5;
        if (i == 6) {
            g.status = model::grade_status::absent;
            g.value.reset();
        }
        ds.all<model::grade_result>().push_back(g);
    }
    auto c = make<model::competency_result>("C1");
    c.student = "E1";
    c.competency = "D1.3";
    c.label = "Résoudre un problème";
    c.subject = "MATHS";
    c.day = day("2025-11-05");
    c.level = 2;
    ds.all<model::competency_result>().push_back(c);
    auto content = make<model::session_content>("CT1");
    content.subject = "MATHS";
    content.classes = {"6A"};
    content.day = day("2025-11-17");
    content.title = "Fractions";
    content.description = "<p>Addition</p>";
    content.attachments = {{"fractions.pdf", "fractions.pdf", {}}};
    ds.all<model::session_content>().push_back(content);
    auto hw = make<model::homework>("H1");
    hw.subject = "MATHS";
    hw.classes = {"6A"};
    hw.set_at = {day("2025-11-17"), 0, std::nullopt};
    hw.due = day("2025-11-19");
    hw.description = "<p>Exercices</p>";
    ds.all<model::homework>().push_back(hw);
    auto absence = make<model::attendance_event>("A1");
    absence.student = "E2";
    absence.start = when("2025-11-12T08:00:00");
    absence.end = when("2025-11-12T10:00:00");
    absence.justified = true;
    absence.reason = "Malade";
    ds.all<model::attendance_event>().push_back(absence);
    auto late = make<model::attendance_event>("A2");
    late.student = "E2";
    late.type = model::attendance_kind::late;
    late.start = when("2025-11-13T08:05:00");
    ds.all<model::attendance_event>().push_back(late);
    auto detention = make<model::sanction>("S1");
    detention.student = "E2";
    detention.nature = model::sanction_kind::detention;
    detention.reason = "Travail non fait";
    detention.day = day("2025-11-14");
    ds.all<model::sanction>().push_back(detention);
    auto exclusion = make<model::sanction>("S2");
    exclusion.student = "E2";
    exclusion.nature = model::sanction_kind::temporary_exclusion;
    exclusion.reason = "Violence";
    exclusion.day = day("2025-11-15");
    exclusion.duration_days = 2;
    ds.all<model::sanction>().push_back(exclusion);
    auto remark = make<model::observation>("O1");
    remark.student = "E2";
    remark.recorded_at = when("2025-11-16T00:00:00");
    remark.subject = "MATHS";
    remark.text = "Encouragements";
    ds.all<model::observation>().push_back(remark);
    // G1 holds legal responsibility for both pupils; G2 is only a contact: no view of the grades.
    for (auto [id, guardian, student, rank] : {std::tuple{"L1", "G1", "E1", 1}, std::tuple{"L2", "G1", "E2", 1}, std::tuple{"L3", "G2", "E2", 0}}) {
        auto link = make<model::guardian_link>(id);
        link.guardian = guardian;
        link.student = student;
        if (rank) link.legal_rank = rank;
        ds.all<model::guardian_link>().push_back(link);
    }
    return ds;
}

template <class K> std::set<std::string> ids(const model::dataset& ds) {
    std::set<std::string> out;
    for (const auto& r : ds.all<K>()) out.insert(r.id);
    return out;
}

} // namespace

TEST_CASE("a parent view reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = test::read_as("pronote-ent", io::input::open(pronote_corpus / "y_parent.xml"), diags);
    REQUIRE(ds.all<model::student>().size() == 2);
    CHECK(ds.all<model::student>()[0].first_name == "Léa");
    const auto& grades = ds.all<model::grade_result>();
    REQUIRE(grades.size() == 4);
    CHECK(grades[0].value == 12.5);
    CHECK(grades[0].student == "E-1042");
    CHECK(grades[1].status == model::grade_status::exempt);
    CHECK(ds.all<model::assessment>()[2].scale == 10);
    CHECK(grades[3].status == model::grade_status::absent);
    CHECK(grades[3].student == "E-2077");
    REQUIRE(ds.all<model::competency_result>().size() == 1); // "Non évalué" has no level
    CHECK(ds.all<model::competency_result>()[0].level == 4);
    const auto& content = ds.all<model::session_content>().at(0);
    CHECK(content.description == "<p>Addition de fractions </p>");
    REQUIRE(content.attachments.size() == 2);
    CHECK(content.attachments[1].url == "https://maths.example/fractions");
    CHECK(ds.all<model::homework>().at(0).due == day("2025-11-19"));
    REQUIRE(ds.all<model::attendance_event>().size() == 2);
    CHECK(ds.all<model::attendance_event>()[1].type == model::attendance_kind::late);
    REQUIRE(ds.all<model::sanction>().size() == 2);
    CHECK(ds.all<model::sanction>()[0].nature == model::sanction_kind::detention);
    CHECK(ds.all<model::sanction>()[1].nature == model::sanction_kind::temporary_exclusion);
    CHECK(ds.all<model::sanction>()[1].duration_days == 2);
    CHECK(ds.all<model::observation>().at(0).extensions.at("pronote:Demandeur") == "M. Durand");
    // The mark that is not one is reported with its line.
    bool reported = false;
    for (const auto& d : diags.items())
        if (d.code == "pronote-ent.devoir") {
            reported = true;
            CHECK(d.where.line == 61);
        }
    CHECK(reported);
}

TEST_CASE("a teacher view holds nothing to read, and says so") {
    diagnostics diags;
    auto ds = test::read_as("pronote-ent", io::input::open(pronote_corpus / "y_professeur.xml"), diags);
    CHECK(ds.size() == 0);
    REQUIRE(diags.items().size() == 2);
    CHECK(diags.items()[0].code == "pronote-ent.teacher");
    CHECK(diags.items()[1].code == "pronote-ent.ical-link"); // its calendar is a link, not fetched
}

TEST_CASE("pupil and parent views we write read back as themselves") {
    test::temp_dir dir("pronote");
    const auto original = school_life();
    test::write_as("pronote-ent", original, dir / "views");
    CHECK(test::matches_golden(pronote_fixtures / "golden/Eleve_E1.xml", test::read_file(dir / "views" / "Eleve_E1.xml")));
    CHECK(test::matches_golden(pronote_fixtures / "golden/Eleve_E2.xml", test::read_file(dir / "views" / "Eleve_E2.xml")));
    CHECK(test::matches_golden(pronote_fixtures / "golden/Parent_G1.xml", test::read_file(dir / "views" / "Parent_G1.xml")));
    CHECK(!std::filesystem::exists(dir / "views" / "Parent_G2.xml")); // a contact, not a legal guardian
    // The parent view alone gives both children's records, with the same ids.
    diagnostics parent_diags;
    const auto from_parent = test::read_as("pronote-ent", io::input::open(dir / "views" / "Parent_G1.xml"), parent_diags);
    CHECK(parent_diags.items().empty());
    CHECK(ids<model::student>(from_parent) == std::set<std::string>{"E1", "E2"});
    CHECK(ids<model::attendance_event>(from_parent) == std::set<std::string>{"A1", "A2"});
    CHECK(ids<model::assessment>(from_parent) == std::set<std::string>{"D2", "D3", "D4", "D5", "D6"});
    CHECK(test::find<model::student>(from_parent, "E2").first_name == "E2");
    diagnostics diags;
    auto back = test::read_as("pronote-ent", io::input::open(dir / "views"), diags);
    CHECK(diags.items().empty());
    // Five latest grades only (the widget's limit): D1 is left out.
    CHECK(ids<model::assessment>(back) == std::set<std::string>{"D2", "D3", "D4", "D5", "D6"});
    CHECK(ids<model::subject>(back) == std::set<std::string>{"MATHS"});
    CHECK(ids<model::session_content>(back) == std::set<std::string>{"CT1"}); // once, though both pupils see it
    CHECK(ids<model::homework>(back) == std::set<std::string>{"H1"});
    CHECK(ids<model::attendance_event>(back) == std::set<std::string>{"A1", "A2"});
    CHECK(ids<model::sanction>(back) == std::set<std::string>{"S1", "S2"});
    CHECK(ids<model::observation>(back) == std::set<std::string>{"O1"});
    CHECK(ids<model::competency_result>(back) == std::set<std::string>{"C1"});
    for (const auto& s : back.all<model::sanction>()) CHECK(s.school == "0130001F");
    const auto& g6 = test::find<model::grade_result>(back, "G6");
    CHECK(g6.status == model::grade_status::absent);
    CHECK(test::find<model::grade_result>(back, "G5").value == 12.5);
    CHECK(test::find<model::sanction>(back, "S2").duration_days == 2);
    CHECK(test::find<model::competency_result>(back, "C1").level == 2);
    CHECK(test::find<model::establishment>(back, "0130001F").name == "Collège du Port");

    // Two parents' views name the same children: each record is read once (it was twice, and
    // the demo school read back had duplicate pupils).
    std::filesystem::copy_file(dir / "views" / "Parent_G1.xml", dir / "views" / "Parent_G3.xml");
    diagnostics twice_diags;
    const auto twice = test::read_as("pronote-ent", io::input::open(dir / "views"), twice_diags);
    CHECK(twice.all<model::student>().size() == 2);
    CHECK(twice.all<model::grade_result>().size() == back.all<model::grade_result>().size());
    CHECK(twice.all<model::attendance_event>().size() == 2);
    CHECK(twice.all<model::sanction>().size() == 2);
}

TEST_CASE("Pronote marks, natures and levels") {
    using namespace interop::pronote;
    CHECK(parse_mark("16,5")->value == 16.5);
    CHECK(parse_mark("N.Rdu")->status == model::grade_status::not_handed_in);
    CHECK_FALSE(parse_mark("-3"));
    CHECK_FALSE(parse_mark(""));
    CHECK(sanction_kind_of("Blâme") == model::sanction_kind::blame);
    CHECK(sanction_kind_of("Exclusion temporaire (3 jours)") == model::sanction_kind::temporary_exclusion);
    CHECK(sanction_kind_of("Confiscation") == model::sanction_kind::other);
    CHECK(level_of("Expert") == 4);
    CHECK_FALSE(level_of("Absent"));
    CHECK(model::to_string(*parse_time("2026-09-14T00:00:00.000+0000")) == "2026-09-14T00:00:00Z");
}

TEST_CASE("Pronote errors name the file and line") {
    diagnostics diags;
    try {
        test::read_as("pronote-ent", io::input::from_memory("v.xml", "<Eleve sessionENT=\"x\">\n<PageReleveDeNotes>\n<Devoir>"), diags);
        FAIL("no error");
    } catch (const parse_error& e) {
        CHECK(std::string(e.what()).find("v.xml:") != std::string::npos);
    }
}

TEST_CASE("a view's <ICal>: an inline calendar is read, a link is said, a broken calendar is named by its line") {
    const std::string calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Index Education//PRONOTE//FR\r\nBEGIN:VEVENT\r\nUID:cours-1\r\n"
        "DTSTART:20251006T080000Z\r\nDTEND:20251006T090000Z\r\nSUMMARY:MATHEMATIQUES\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    auto view = [](const std::string& ical) { return "<Eleve sessionENT=\"E1\">\n<ICal>" + ical + "</ICal>\n</Eleve>\n"; };

    diagnostics diags;
    const auto ds = test::read_as("pronote-ent", io::input::from_memory("eleve.xml", view(calendar)), diags);
    REQUIRE(ds.all<model::session>().size() == 1);
    CHECK(model::to_string(ds.all<model::session>().front().day) == "2025-10-06");
    CHECK(diags.count(severity::warning) == 0);

    diagnostics link;
    test::read_as("pronote-ent", io::input::from_memory("eleve.xml", view("/ical/personnel.ics?icalsecurise=x")), link);
    const auto said = std::find_if(link.items().begin(), link.items().end(), [](const diagnostic& d) { return d.code == "pronote-ent.ical-link"; });
    REQUIRE(said != link.items().end());
    CHECK(said->where.line == 2);

    diagnostics broken;
    const auto cut = test::read_as("pronote-ent", io::input::from_memory("eleve.xml", view(calendar.substr(0, calendar.find("END:VEVENT")))), broken);
    CHECK(cut.all<model::session>().empty());
    const auto named = std::find_if(broken.items().begin(), broken.items().end(), [](const diagnostic& d) { return d.code == "pronote-ent.ical"; });
    REQUIRE(named != broken.items().end());
    CHECK(named->severity == severity::warning);
    CHECK(named->where.file == "eleve.xml");
}
