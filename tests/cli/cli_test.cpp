#include <doctest/doctest.h>

#include "support.hpp"
#include "zip_support.hpp"

namespace {

const std::string demo = (test::source_dir() / "examples/demo-school/demo-school.json").string();

test::run_result run(const std::string& args) {
    static test::temp_dir scratch("cli");
    return test::run_cli(args, scratch.path());
}

} // namespace

TEST_CASE("every command has --help, exit 0") {
    for (const char* cmd : {"formats", "identify", "convert", "validate", "inspect", "diff", "policy"}) {
        CAPTURE(cmd);
        const auto r = run(std::string(cmd) + " --help");
        CHECK(r.code == 0);
        CHECK(r.out.find("usage: interop " + std::string(cmd)) == 0);
    }
    CHECK(run("--help").code == 0);
}

TEST_CASE("usage mistakes exit 2") {
    CHECK(run("").code == 2);
    CHECK(run("frobnicate").code == 2);
    CHECK(run("inspect --verbose x").code == 2);
    CHECK(run("convert --to json only-one-arg").code == 2);
    CHECK(run("convert " + demo + " out.json").err.find("needs --to") != std::string::npos);
    const auto r = run("convert --to vendor-x " + demo + " out.x");
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown format \"vendor-x\"") != std::string::npos);
    CHECK(run("inspect --from nope " + demo).code == 2);
}

TEST_CASE("formats lists the canonical adapters") {
    const auto r = run("formats");
    CHECK(r.code == 0);
    CHECK(r.out.find("json\tRW\t") == 0);
    CHECK(r.out.find("\nndjson\tRW\t") != std::string::npos);
}

TEST_CASE("identify names the format, or exits 3") {
    test::temp_dir dir("cli-identify");
    test::write_file(dir / "x.txt", "hello");
    auto r = run("identify " + demo + " " + (dir / "x.txt").string());
    CHECK(r.code == 3);
    CHECK(r.out == demo + ": json\n" + (dir / "x.txt").string() + ": unknown\n");
    CHECK(r.err.find("no registered format reads this input") != std::string::npos);
    CHECK(run("identify " + demo).code == 0);
}

TEST_CASE("convert streams to another format and back, byte for byte") {
    test::temp_dir dir("cli-convert");
    const auto nd = (dir / "demo.ndjson").string(), back = (dir / "back.json").string();
    CHECK(run("convert --to ndjson " + demo + " " + nd).code == 0);
    CHECK(run("convert --from ndjson --to json " + nd + " " + back).code == 0);
    CHECK(test::read_file(back) == test::read_file(demo));
    const auto out = run("convert --to ndjson " + demo + " -");
    CHECK(out.code == 0);
    CHECK(out.out == test::read_file(nd));
}

TEST_CASE("inspect: counts per kind, schools, dates; also as JSON") {
    auto r = run("inspect " + demo);
    CHECK(r.code == 0);
    CHECK(r.out.find("school: 1\n") == 0);
    CHECK(r.out.find("\nclass: 20\n") != std::string::npos);
    CHECK(r.out.find("\nschool: 0449000U Collège Jean Moulin\n") != std::string::npos);
    CHECK(r.out.find("\ndates: 2022-09-01 .. 2026-07-03\n") != std::string::npos); // pupils' entry dates to the last day of the year
    r = run("inspect --json " + demo);
    CHECK(r.code == 0);
    CHECK(r.out.find("\"class\": 20") != std::string::npos);
    CHECK(r.out.find("\"uai\": \"0449000U\"") != std::string::npos);
}

TEST_CASE("validate: exit 0 when clean, 1 on errors, findings on stderr") {
    auto r = run("validate " + demo);
    CHECK(r.code == 0);
    CHECK(r.out.find("0 errors, 0 warnings") != std::string::npos);

    test::temp_dir dir("cli-validate");
    test::write_file(dir / "bad.json", R"({"interop_schema":"1.0",
"schools":[{"id":"0134567A","school":"0134567A","uai":"0134567A","name":"X","type":"college","zone":"B","time_zone":"Europe/Paris"}],
"guardian_links":[{"id":"L1","school":"0134567A","student":"E404","guardian":"R404"}]})");
    r = run("validate " + (dir / "bad.json").string());
    CHECK(r.code == 1);
    CHECK(r.err.find("[ref.missing] guardian_link/L1: student names student \"E404\"") != std::string::npos);
    CHECK(r.err.find("warning: [uai.check-letter]") != std::string::npos);

    test::write_file(dir / "letter.json", R"({"interop_schema":"1.0",
"schools":[{"id":"0134567A","school":"0134567A","uai":"0134567A","name":"X","type":"college","zone":"B","time_zone":"Europe/Paris"}]})");
    CHECK(run("validate " + (dir / "letter.json").string()).code == 0);
    r = run("validate --strict " + (dir / "letter.json").string());
    CHECK(r.code == 1);
    CHECK(r.err.find("error: [uai.check-letter]") != std::string::npos);
}

TEST_CASE("diff: per kind counts and JSON changes") {
    test::temp_dir dir("cli-diff");
    const std::string head = R"({"interop_schema":"1.0","rooms":[)";
    test::write_file(dir / "old.json", head + R"({"id":"S1","school":"0440008V","code":"S1","name":"a"},{"id":"S2","school":"0440008V","code":"S2","name":"b"}]})");
    test::write_file(dir / "new.json", head + R"({"id":"S1","school":"0440008V","code":"S1","name":"A"},{"id":"S3","school":"0440008V","code":"S3","name":"c"}]})");
    auto r = run("diff " + (dir / "old.json").string() + " " + (dir / "new.json").string());
    CHECK(r.code == 0);
    CHECK(r.out == "room: +1 ~1 -1\nchanges: 3\n");
    r = run("diff --json " + (dir / "old.json").string() + " " + (dir / "new.json").string());
    CHECK(r.out.find(R"("op": "updated")") != std::string::npos);
    CHECK(r.out.find(R"("id": "S2")") != std::string::npos);
    CHECK(run("diff " + demo + " " + demo).out == "changes: 0\n");
}

TEST_CASE("unreadable or unparseable input exits 3 with file and position") {
    test::temp_dir dir("cli-unreadable");
    auto r = run("inspect " + (dir / "missing.json").string());
    CHECK(r.code == 3);
    CHECK(r.err.find("missing.json: no such file or folder") != std::string::npos);
    test::write_file(dir / "cut.json", "{\"interop_schema\":\"1.0\",\n\"students\":[{\"id\":");
    r = run("validate --from json " + (dir / "cut.json").string());
    CHECK(r.code == 3);
    CHECK(r.err.find("cut.json:2:") != std::string::npos);
    test::write_file(dir / "v2.json", R"({"interop_schema":"2.1"})");
    r = run("inspect " + (dir / "v2.json").string());
    CHECK(r.code == 3);
    CHECK(r.err.find("written for canonical schema 2.1") != std::string::npos);
    // A failed conversion leaves no output behind.
    CHECK(run("convert --from json --to ndjson " + (dir / "cut.json").string() + " " + (dir / "out.ndjson").string()).code == 3);
    CHECK_FALSE(std::filesystem::exists(dir / "out.ndjson"));
}

TEST_CASE("a canonical file is read the same from a zip or a folder") {
    test::temp_dir dir("cli-containers");
    test::write_zip(dir / "demo.zip", {{"export/demo-school.json", test::read_file(demo)}});
    test::write_file(dir / "folder/demo-school.json", test::read_file(demo));
    const auto direct = run("inspect " + demo).out;
    CHECK(run("identify " + (dir / "demo.zip").string()).out == (dir / "demo.zip").string() + ": json\n");
    CHECK(run("inspect " + (dir / "demo.zip").string()).out == direct);
    CHECK(run("inspect " + (dir / "folder").string()).out == direct);
    // Two files in one folder are not one canonical document.
    test::write_file(dir / "folder/other.json", test::read_file(demo));
    const auto r = run("inspect --from json " + (dir / "folder").string());
    CHECK(r.code == 3);
    CHECK(r.err.find("expects a single file, found 2") != std::string::npos);
}

TEST_CASE("a progress line on a terminal only") {
    test::temp_dir dir("cli-progress");
    const auto nd = (dir / "demo.ndjson").string();
    REQUIRE(run("convert --to ndjson " + demo + " " + nd).code == 0);
    // Not a terminal: nothing on stderr.
    const auto plain = run("inspect " + nd);
    CHECK(plain.err.empty());
    // A pseudo-terminal (script, from bsdutils): the closing progress line appears.
    const std::string cmd = "script -qec '" + std::string(test::paths::cli()) + " inspect " + nd + "' /dev/null > " + (dir / "tty.txt").string();
    REQUIRE(std::system(cmd.c_str()) == 0);
    const auto tty = test::read_file(dir / "tty.txt");
    const auto at = tty.find("reading " + nd + ": ");
    REQUIRE(at != std::string::npos);
    CHECK(tty.find(" records, done", at) != std::string::npos);
}

TEST_CASE("a timetable without school nor dates is told them, then written as calendars") {
    test::temp_dir dir("cli-asc");
    const std::string asc = (test::corpus_dir("asc") / "y_college.xml").string();
    auto r = run("convert --school-year 2025-09-01 --to ical " + asc + " " + (dir / "out").string());
    CHECK(r.code == 2);
    CHECK(r.err.find("--school-year wants FIRST:LAST") != std::string::npos);
    r = run("convert --to ical " + asc + " " + (dir / "out").string());
    CHECK(r.code != 0);
    CHECK(r.err.find("its recurrence cannot be bounded") != std::string::npos);
    r = run("convert --school 0130001F --school-year 2025-09-01:2025-12-19 --to ical " + asc + " " + (dir / "out").string());
    CHECK(r.code == 0);
    CHECK(std::filesystem::exists(dir / "out" / "0130001F" / "classes" / "C6A.ics"));
    CHECK(std::filesystem::exists(dir / "out" / "0130001F" / "teachers" / "T-PET.ics"));
    CHECK(test::read_file(dir / "out" / "0130001F" / "groups" / "G6A1.ics").find("SUMMARY:Sciences & vie de la Terre") != std::string::npos);
}

TEST_CASE("a timetable without holidays gets its zone's with --zone, updated by --holidays") {
    test::temp_dir dir("cli-zone");
    const std::string asc = (test::corpus_dir("asc") / "y_college.xml").string();
    const std::string told = "convert --school 0130001F --school-year 2025-09-01:2026-07-03 --to ical ";
    auto r = run(told + asc + " " + (dir / "plain.ics").string());
    REQUIRE(r.code == 0);
    CHECK(test::read_file(dir / "plain.ics").find("EXDATE") == std::string::npos);
    r = run(told + "--zone B " + asc + " " + (dir / "zone-b.ics").string());
    REQUIRE(r.code == 0);
    const auto feed = test::read_file(dir / "zone-b.ics");
    CHECK(feed.find("20251020T080000") != std::string::npos); // Monday of the Toussaint holidays: left out
    CHECK(feed.find("20260406T080000") != std::string::npos); // Easter Monday
    r = run(told + "--zone Q " + asc + " " + (dir / "bad.ics").string());
    CHECK(r.code == 2);
    CHECK(r.err.find("--zone wants A, B, C, corse or overseas, not 'Q'") != std::string::npos);
    test::write_file(dir / "table.csv", "zone;label;start;end\nB;Fermeture exceptionnelle;2025-09-08;2025-09-12\n");
    r = run(told + "--zone B --holidays " + (dir / "table.csv").string() + " " + asc + " " + (dir / "updated.ics").string());
    REQUIRE(r.code == 0);
    CHECK(test::read_file(dir / "updated.ics").find("20250908T080000") != std::string::npos);
    r = run(told + "--holidays " + (dir / "table.csv").string() + " " + asc + " " + (dir / "no-zone.ics").string());
    CHECK(r.code == 0);
    CHECK(r.err.find("[calendar.no-zone]") != std::string::npos);
}

TEST_CASE("convert never deletes a user's files: a folder holding others is refused, --force keeps them") {
    test::temp_dir dir("cli-folders");
    const auto out = dir / "mydocs";
    std::filesystem::create_directories(out);
    test::write_file(out / "thesis.odt", "mine");
    auto r = run("convert --to ical " + demo + " " + out.string());
    CHECK(r.code == 4);
    CHECK(r.err.find("cannot write the output: " + out.string() + ": the folder holds files already (thesis.odt)") != std::string::npos);
    CHECK(test::read_file(out / "thesis.odt") == "mine");
    CHECK(!std::filesystem::exists(dir / "mydocs.partial"));

    r = run("convert --force --to ical " + demo + " " + out.string());
    CHECK(r.code == 0);
    CHECK(test::read_file(out / "thesis.odt") == "mine");
    CHECK(std::filesystem::exists(out / "0449000U" / "school.ics"));

    // The format's own earlier output is its own: written again without --force; a trailing slash names the same folder.
    const auto calendars = dir / "calendars";
    CHECK(run("convert --to ical " + demo + " " + calendars.string() + "/").code == 0);
    CHECK(std::filesystem::exists(calendars / "0449000U" / "school.ics"));
    CHECK(run("convert --to ical " + demo + " " + calendars.string()).code == 0);
    CHECK(!std::filesystem::exists(dir / "calendars.partial"));

    test::write_file(dir / "plain", "a file");
    r = run("convert --to ical " + demo + " " + (dir / "plain").string());
    CHECK(r.code == 4);
    CHECK(r.err.find("is a file; this format writes a folder") != std::string::npos);
}

TEST_CASE("convert ends with what it read, wrote and lost; --strict fails on any loss") {
    test::temp_dir dir("cli-losses");
    auto r = run("convert --to fet " + demo + " " + (dir / "school.fet").string());
    CHECK(r.code == 0);
    CHECK(r.err.find(" record(s) not written: student: fet has no place for this kind (student/") != std::string::npos);
    const auto summary = r.err.substr(r.err.rfind("converted: "));
    CHECK(summary.find(" records read, ") != std::string::npos);
    CHECK(summary.find(" lost (loss.kind ") != std::string::npos);

    r = run("convert --strict --to fet " + demo + " " + (dir / "strict.fet").string());
    CHECK(r.code == 1);
    CHECK(!std::filesystem::exists(dir / "strict.fet")); // nothing moved into place
    test::write_file(dir / "kept.fet", "an earlier export");
    CHECK(run("convert --strict --to fet " + demo + " " + (dir / "kept.fet").string()).code == 1);
    CHECK(test::read_file(dir / "kept.fet") == "an earlier export");
    CHECK(run("convert --strict --to ical " + demo + " " + (dir / "calendars").string()).code == 1);
    CHECK(!std::filesystem::exists(dir / "calendars"));
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) CHECK(e.path().string().find(".partial") == std::string::npos);
    r = run("convert --strict --to ndjson " + demo + " " + (dir / "all.ndjson").string());
    CHECK(r.code == 0);
    CHECK(r.err.find("0 lost") != std::string::npos);
    CHECK(std::filesystem::exists(dir / "all.ndjson")); // nothing lost: moved into place
}

TEST_CASE("convert fails (exit 1) when its input had rows the reader left out, once the rest is written") {
    test::temp_dir dir("cli-input-errors");
    const auto absences = test::corpus_dir("csv-mapped") / "i_bad_rows";
    const auto r = run("convert --to ndjson " + absences.string() + " " + (dir / "absences.ndjson").string());
    CHECK(r.code == 1);
    CHECK(r.err.find("[csv-mapped.row]") != std::string::npos);
    CHECK(r.err.find("the input has 2 error(s): what they name is not in the output") != std::string::npos);
    CHECK(std::filesystem::exists(dir / "absences.ndjson"));
}
