// OneRoster CSV binding: a tool's 1.2 package with a gradebook read into the model (golden
// dataset, and what each file became); our packages read back as the dataset written (folder
// and zip); the demo school through OneRoster equal on every mapped field; sourcedIds opaque
// and stable; delta packages as deltas with their deletions; broken packages refused naming
// file and line; the leniencies real packages need reported as warnings.
#include "adapters/reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include "oneroster/oneroster_export.hpp"
#include "oneroster/oneroster_package.hpp"

#include <regex>
#include <set>

using namespace interop;

namespace {

const auto oneroster_fixtures = test::source_dir() / "tests/data/oneroster";
const auto oneroster_corpus = test::corpus_dir("oneroster");

model::dataset read_package(const std::filesystem::path& path, diagnostics& diags, const read_options& opt = {}) {
    return test::read_with("oneroster", path, diags, opt);
}

bool has(const diagnostics& diags, const std::string& code, const std::string& words = "") {
    return std::any_of(diags.items().begin(), diags.items().end(),
                       [&](const diagnostic& d) { return d.code == code && d.message.find(words) != std::string::npos; });
}

/** A package written in a scratch folder from (file, text) pairs. */
std::filesystem::path package_of(const test::temp_dir& dir, const std::vector<std::pair<std::string, std::string>>& files) {
    for (const auto& [name, text] : files) test::write_file(dir / name, text);
    return dir.path();
}

const std::string users_header =
    "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,"
    "agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns\n";

} // namespace

TEST_CASE("a tool's 1.2 package with a gradebook reads into the model") {
    diagnostics diags;
    const auto ds = read_package(oneroster_corpus / "y_gradebook", diags);
    for (const auto& d : diags.items()) CHECK_MESSAGE(d.severity != severity::error, d.to_string());

    CHECK(ds.all<model::establishment>().size() == 1); // the academy (type state) is not a school
    CHECK(test::find<model::establishment>(ds, "0130001F").name == "Lycée Fictif");
    const auto& s2 = test::find<model::period>(ds, "as-s2");
    CHECK(s2.type == model::period_kind::semester);
    CHECK(s2.number == 2);
    CHECK(s2.academic_year == "as-2027");
    CHECK(s2.end == test::day("2027-07-03")); // OneRoster's end dates are exclusive
    CHECK(test::find<model::subject>(ds, "crs-maths").code == "061300");
    CHECK(test::find<model::school_class>(ds, "cls-2a").level == "2nde");
    CHECK(test::find<model::group>(ds, "cls-2a-maths").label == "2A Mathématiques");

    // A subject taught to a scheduled class: the class is a group, its teacher a teaching assignment.
    const auto& ta = test::find<model::teaching_assignment>(ds, "enr-t1-maths");
    CHECK(ta.staff == "usr-t1");
    CHECK(ta.subject == "crs-maths");
    CHECK(ta.group == "cls-2a-maths");
    CHECK(ta.group_kind == model::audience_kind::group);
    CHECK(test::find<model::membership>(ds, "enr-t1-2a").role == model::membership_role::principal_teacher);
    CHECK(test::find<model::membership>(ds, "enr-s1-maths").group_kind == model::audience_kind::group);
    CHECK(has(diags, "oneroster.enrollment", "proctor"));

    const auto& lea = test::find<model::student>(ds, "usr-s1");
    CHECK(lea.other_first_names == std::vector<std::string>{"Claire", "Anne"});
    CHECK(lea.birth_date == test::day("2011-03-14"));
    CHECK(lea.sex == "F");
    CHECK(lea.level == "2nde");
    // Another tool's sourcedId is kept, to be written again as it is.
    CHECK(lea.external_ids == std::vector<model::external_id>{{"ENT", "aaa-111"}, {"oneroster", "usr-s1"}});
    CHECK(lea.extensions.at("oneroster:metadata.sis.house") == "Bleu");
    CHECK(test::find<model::staff>(ds, "usr-t2").functions == std::vector<std::string>{"ENS"});
    const auto& sophie = test::find<model::guardian>(ds, "usr-g1");
    CHECK(sophie.contacts == std::vector<model::contact>{{model::contact_kind::email, "sophie.martin@example.org"},
                                                         {model::contact_kind::mobile, "0611223344"},
                                                         {model::contact_kind::home_phone, "0411223344"}});
    CHECK(ds.all<model::guardian_link>().size() == 3); // from both sides' agents, once each
    CHECK(has(diags, "oneroster.unmapped", "username"));

    const auto& li1 = test::find<model::assessment>(ds, "li-1");
    CHECK(li1.subject == "crs-maths");
    CHECK(li1.groups == std::vector<std::string>{"cls-2a-maths"});
    CHECK(li1.period == "as-s1");
    CHECK(li1.scale == 20);
    CHECK(li1.extensions.at("oneroster:category") == "Devoirs surveillés");
    CHECK(li1.extensions.at("oneroster:learningObjectiveIds") == "case:urn:fr:socle:D1.3\n");
    const auto& li2 = test::find<model::assessment>(ds, "li-2");
    CHECK(li2.scale == 10); // from its score scale
    CHECK(li2.day == test::day("2026-11-12"));
    CHECK(test::find<model::grade_result>(ds, "res-1").value == 15.5);
    CHECK(test::find<model::grade_result>(ds, "res-2").status == model::grade_status::absent);
    CHECK(test::find<model::grade_result>(ds, "res-3").status == model::grade_status::exempt);
}

TEST_CASE("a package we write reads back as the dataset written, as a folder or a zip") {
    diagnostics diags;
    const auto ds = read_package(oneroster_corpus / "y_gradebook", diags);
    test::temp_dir dir("oneroster-roundtrip");
    for (const std::string name : {"package", "package.zip"}) {
        CAPTURE(name);
        test::write_as("oneroster", ds, dir / name);
        registry r;
        register_all_adapters(r);
        CHECK(r.identify(io::input::open(dir / name)).name == "oneroster");
        diagnostics again;
        const auto back = read_package(dir / name, again);
        for (const auto& d : again.items()) CHECK_MESSAGE(d.severity != severity::warning, d.to_string());
        CHECK(back == ds);
    }
    // What it writes, file by file, for review.
    std::string listing;
    for (const auto& [name, text] : oneroster::package_files(oneroster::to_package(ds))) listing += "== " + name + "\n" + text;
    CHECK(test::matches_golden(oneroster_fixtures / "golden/gradebook-written.txt", listing));
}

TEST_CASE("the demo school through OneRoster is equal on every mapped field") {
    const auto demo = test::demo_school();
    test::temp_dir dir("oneroster-demo");
    test::write_as("oneroster", demo, dir / "demo.zip");
    diagnostics diags;
    const auto back = read_package(dir / "demo.zip", diags);
    for (const auto& d : diags.items()) CHECK_MESSAGE(d.severity != severity::warning, d.to_string());

    // Written with our ids in metadata.interop columns: these kinds come back whole.
    CHECK(back.all<model::academic_year>() == demo.all<model::academic_year>());
    CHECK(back.all<model::period>() == demo.all<model::period>());
    CHECK(back.all<model::group>() == demo.all<model::group>());
    CHECK(back.all<model::membership>() == demo.all<model::membership>());
    CHECK(back.all<model::teaching_assignment>() == demo.all<model::teaching_assignment>());
    CHECK(back.all<model::assessment>() == demo.all<model::assessment>());
    CHECK(back.all<model::grade_result>() == demo.all<model::grade_result>());
    // The others on the fields OneRoster has.
    REQUIRE(back.all<model::student>().size() == demo.all<model::student>().size());
    for (std::size_t i = 0; i < demo.all<model::student>().size(); ++i) {
        const auto &a = demo.all<model::student>()[i], &b = back.all<model::student>()[i];
        CHECK(std::tie(a.id, a.first_name, a.last_name, a.other_first_names, a.birth_date, a.sex, a.level, a.email, a.external_ids) ==
              std::tie(b.id, b.first_name, b.last_name, b.other_first_names, b.birth_date, b.sex, b.level, b.email, b.external_ids));
    }
    REQUIRE(back.all<model::staff>().size() == demo.all<model::staff>().size());
    for (std::size_t i = 0; i < demo.all<model::staff>().size(); ++i) {
        const auto &a = demo.all<model::staff>()[i], &b = back.all<model::staff>()[i];
        CHECK(std::tie(a.id, a.first_name, a.last_name, a.email, a.functions, a.external_ids, a.birth_date) ==
              std::tie(b.id, b.first_name, b.last_name, b.email, b.functions, b.external_ids, b.birth_date));
    }
    REQUIRE(back.all<model::school_class>().size() == demo.all<model::school_class>().size());
    for (std::size_t i = 0; i < demo.all<model::school_class>().size(); ++i) { // MEFs have no place in OneRoster
        const auto &a = demo.all<model::school_class>()[i], &b = back.all<model::school_class>()[i];
        CHECK(std::tie(a.id, a.code, a.label, a.level) == std::tie(b.id, b.code, b.label, b.level));
    }
    REQUIRE(back.all<model::subject>().size() == demo.all<model::subject>().size());
    for (std::size_t i = 0; i < demo.all<model::subject>().size(); ++i) {
        const auto &a = demo.all<model::subject>()[i], &b = back.all<model::subject>()[i];
        CHECK(std::tie(a.id, a.code, a.short_label, a.long_label) == std::tie(b.id, b.code, b.short_label, b.long_label));
    }
    CHECK(back.all<model::guardian>().size() == demo.all<model::guardian>().size());
    std::set<std::pair<std::string, std::string>> links, links_back;
    for (const auto& l : demo.all<model::guardian_link>()) links.insert({l.student, l.guardian});
    for (const auto& l : back.all<model::guardian_link>()) links_back.insert({l.student, l.guardian});
    CHECK(links_back == links);
    CHECK(back.all<model::establishment>().front().uai == "0449000U");
}

TEST_CASE("sourcedIds are opaque UUIDs, the same at every writing") {
    auto demo = test::demo_school();
    const auto files = oneroster::package_files(oneroster::to_package(demo));
    CHECK(files == oneroster::package_files(oneroster::to_package(demo)));
    const auto package = oneroster::to_package(demo);
    const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::size_t ids = 0;
    for (const auto& [name, table] : package.tables)
        for (const auto& row : table.rows)
            for (const auto& [column, value] : row.cells)
                if (column == "sourcedId" || (column.ends_with("SourcedId") && !value.empty())) {
                    const auto &table_name = name, &cell = column, &text = value; // clang 14 cannot capture a structured binding
                    CHECK_MESSAGE(std::regex_match(text, uuid), table_name, ".", cell, " = ", text);
                    ++ids;
                }
    CHECK(ids > 10000);
}

TEST_CASE("a delta package gives a delta dataset: new records and deletions") {
    diagnostics diags;
    read_options opt;
    opt.school = "0130001F";
    const auto ds = read_package(oneroster_corpus / "y_delta", diags, opt);
    CHECK(ds.metadata.scope == model::scope::delta);
    CHECK(test::find<model::student>(ds, "usr-s3", "0130001F").first_name == "Nina");
    std::set<std::string> deleted;
    for (const auto& d : ds.all<model::deletion>()) deleted.insert(d.target_kind + ":" + d.target_id);
    // A deleted user's row does not say what it was: every kind it may be goes.
    CHECK(deleted == std::set<std::string>{"student:usr-s2", "staff:usr-s2", "guardian:usr-s2", "membership:enr-s2-2a", "teaching_assignment:enr-s2-2a"});
}

TEST_CASE("broken packages are refused naming the file and the line") {
    test::temp_dir dir("oneroster-broken");
    SUBCASE("a delta row without status") {
        const auto path = package_of(dir, {{"manifest.csv", "propertyName,value\noneroster.version,1.2\nfile.users,delta\n"},
                                           {"users.csv", users_header + "u1,active,2026-12-01,true,,,A,B,,,,,,,,,,,,,,\nu2,,,true,,,C,D,,,,,,,,,,,,,,\n"}});
        diagnostics diags;
        try {
            read_package(path, diags);
            FAIL("no error");
        } catch (const parse_error& e) {
            CHECK(e.where().file.ends_with("users.csv"));
            CHECK(e.where().line == 3);
            CHECK(std::string(e.what()).find("status") != std::string::npos);
        }
    }
    SUBCASE("a file the manifest promises is not there") {
        const auto path = package_of(dir, {{"manifest.csv", "propertyName,value\noneroster.version,1.2\nfile.users,bulk\nfile.orgs,bulk\n"},
                                           {"users.csv", users_header}});
        diagnostics diags;
        CHECK_THROWS_WITH_AS(read_package(path, diags), doctest::Contains("orgs.csv"), parse_error);
    }
    SUBCASE("a manifest that is not one") {
        const auto path = package_of(dir, {{"manifest.csv", "name;value\n"}, {"users.csv", users_header}});
        diagnostics diags;
        CHECK_THROWS_WITH_AS(read_package(path, diags), doctest::Contains("propertyName"), parse_error);
    }
    SUBCASE("an unterminated quote") {
        const auto path = package_of(dir, {{"manifest.csv", "propertyName,value\nfile.users,bulk\n"},
                                           {"users.csv", users_header + "u1,active,,true,,,\"A,B\n"}});
        diagnostics diags;
        CHECK_THROWS_AS(read_package(path, diags), parse_error);
    }
}

TEST_CASE("what real packages get wrong is read, each leniency a warning") {
    test::temp_dir dir("oneroster-lenient");
    const auto path = package_of(
        dir, {{"manifest.csv", "propertyName,value\noneroster.version,1.2\nfile.orgs,bulk\nfile.users,bulk\nfile.roles,\n"},
              {"orgs.csv", "sourcedId,status,dataLastModified,name,type,identifier,parentSourcedId\no1,active,1/05/2023,Collège,school,0130001F,\n"},
              {"Users.csv", "sourcedId,Status,dateLastModified,enabledUser,username,userIds,givenName,familyName,prefferedGivenName,primaryOrgSourcedId\n"
                            "u1,inactive,15/06/2023,true,,,Léa,Martin,Lili,o1\n"},
              {"roles.csv", "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,,\n"
                            "r1,active,,u1,primary,student,1/09/2023,,o1,,\n"}});
    diagnostics diags;
    const auto ds = read_package(path, diags);
    CHECK(diags.count(severity::error) == 0);
    CHECK(has(diags, "oneroster.header", "dataLastModified"));
    CHECK(has(diags, "oneroster.header", "prefferedGivenName"));
    CHECK(has(diags, "oneroster.header", "Status"));
    CHECK(has(diags, "oneroster.empty-column"));
    CHECK(has(diags, "oneroster.status", "inactive"));
    CHECK(has(diags, "oneroster.manifest", "roles"));
    CHECK(has(diags, "oneroster.file-name", "users.csv"));
    CHECK(test::find<model::student>(ds, "u1").first_name == "Léa");
}

TEST_CASE("OneRoster 1.1 packages: the role on the user, its orgs in orgSourcedIds") {
    test::temp_dir dir("oneroster-1p1");
    const auto path = package_of(
        dir, {{"manifest.csv", "propertyName,value\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\nfile.enrollments,absent\n"},
              {"orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\no1,active,,Collège A,school,0130001F,\n"
                           "o2,active,,Collège B,school,0130002G,\n"},
              {"users.csv", "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,"
                            "identifier,email,sms,phone,agents,grades,password\n"
                            "t1,active,,true,\"o1,o2\",teacher,,,Marc,Petit,,,,,,,,\n"}});
    diagnostics diags;
    const auto ds = read_package(path, diags);
    CHECK(ds.metadata.extensions.at("oneroster.version") == "1.1");
    CHECK(ds.all<model::staff>().size() == 2); // one per school
    CHECK(test::find<model::staff>(ds, "t1", "0130002G").functions == std::vector<std::string>{"ENS"});
}

TEST_CASE("OneRoster 1.2 resources files are known: declared not read, with their rows, not called foreign") {
    test::temp_dir dir("oneroster-resources");
    const auto path = package_of(
        dir, {{"manifest.csv", "propertyName,value\noneroster.version,1.2\nfile.orgs,bulk\nfile.resources,bulk\nfile.classResources,absent\n"},
              {"orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\no1,active,,Collège,school,0130001F,\n"},
              {"resources.csv", "sourcedId,status,dateLastModified,vendorResourceId,title\nr1,active,,v1,Atlas\nr2,active,,v2,Dico\n"}});
    diagnostics diags;
    read_package(path, diags);
    CHECK(!has(diags, "oneroster.unknown-file"));
    CHECK(has(diags, "oneroster.resources", "resources.csv: learning resources (OneRoster 1.2 Resources service) have no place in the model: its 2 rows are not read"));
    CHECK(!has(diags, "oneroster.resources", "classResources"));
}

TEST_CASE("a dataset naming its school only by UAI (a SIECLE export) gets its org: nothing read back is left out") {
    model::dataset ds;
    ds.add(test::pupil("E1", "0130001F", "Martin", "Zoé"));
    model::school_class c;
    c.id = c.code = "6A";
    c.school = "0130001F";
    ds.add(c);
    test::temp_dir dir("oneroster-no-school-record");
    test::write_as("oneroster", ds, dir / "package");
    diagnostics diags;
    const auto back = read_package(dir / "package", diags);
    CHECK(diags.count(severity::warning) == 0);
    REQUIRE(back.all<model::establishment>().size() == 1);
    CHECK(back.all<model::establishment>().front().uai == "0130001F");
    REQUIRE(back.all<model::student>().size() == 1);
    CHECK(back.all<model::student>().front().school == "0130001F");
    CHECK(back.all<model::school_class>().size() == 1);
}
