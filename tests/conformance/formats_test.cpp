// interop-conformance's formats and dataset suites, and its outputs: the shipped corpus passes,
// deliberately broken adapters make the right case fail.
#include <doctest/doctest.h>

#include "results.hpp"
#include "support.hpp"

#include "dataset_suite.hpp"
#include "fidelity_suite.hpp"
#include "formats_suite.hpp"
#include "generator.hpp"
#include "report.hpp"

#include <interop/adapters.hpp>
#include <interop/io/sink.hpp>
#include <interop/json/canonical.hpp>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <rapidjson/document.h>

#include <csignal>
#include <utility>
#include <sstream>

using namespace conformance;
namespace model = interop::model;

namespace {

const test::fs::path corpus = test::source_dir() / "conformance" / "corpus";

/** With INTEROP_ACCEPT=1, the one switch that rewrites every golden file, the corpus's are rewritten too. */
bool accepting() {
    const char* accept = std::getenv("INTEROP_ACCEPT");
    return accept && std::string(accept) == "1";
}

std::vector<case_result> run_formats(const interop::registry& r, const std::vector<std::string>& patterns) {
    return run_cases(formats_cases(r, {corpus, corpus / "deviations.txt", accepting()}), {{}, patterns});
}

using test::result_named;

/** Every adapter, with `name`'s reader wrapped by `wrap` (a broken variant). */
interop::registry with_broken_reader(const std::string& name, std::function<std::unique_ptr<interop::reader>(std::unique_ptr<interop::reader>)> wrap) {
    interop::registry all, out;
    interop::register_all_adapters(all);
    for (auto a : all.all()) {
        if (a.name == name) a.make_reader = [make = a.make_reader, wrap](const interop::read_options& o) { return wrap(make(o)); };
        out.add(std::move(a));
    }
    return out;
}

/** A sink that forwards records through `edit`. */
class editing_sink : public interop::io::record_sink {
public:
    editing_sink(interop::io::record_sink& next, std::function<void(model::any_record&)> edit) : m_next(next), m_edit(std::move(edit)) {}
    void on_metadata(const model::metadata& m) override { m_next.on_metadata(m); }
    void on_record(model::any_record&& r) override {
        m_edit(r);
        m_next.on_record(std::move(r));
    }
    void on_end() override { m_next.on_end(); }

private:
    interop::io::record_sink& m_next;
    std::function<void(model::any_record&)> m_edit;
};

/** A reader that drops every pupil's birth date. */
class dropping_reader : public interop::reader {
public:
    explicit dropping_reader(std::unique_ptr<interop::reader> real) : m_real(std::move(real)) {}
    void read(const interop::io::input& in, interop::io::record_sink& sink, interop::diagnostics& diags) override {
        editing_sink edit(sink, [](model::any_record& r) {
            if (auto* s = std::get_if<model::student>(&r)) s->birth_date.reset();
        });
        m_real->read(in, edit, diags);
    }

private:
    std::unique_ptr<interop::reader> m_real;
};

/** A reader that sends its first record twice (the Pronote parent-view bug of an earlier release). */
class repeating_reader : public interop::reader {
public:
    explicit repeating_reader(std::unique_ptr<interop::reader> real) : m_real(std::move(real)) {}
    void read(const interop::io::input& in, interop::io::record_sink& sink, interop::diagnostics& diags) override {
        bool first = true;
        editing_sink repeat(sink, [&](model::any_record& r) {
            if (std::exchange(first, false)) sink.on_record(model::any_record(r));
        });
        m_real->read(in, repeat, diags);
    }

private:
    std::unique_ptr<interop::reader> m_real;
};

/** A reader that crashes on input it should refuse, and one that ends its sink before refusing. */
class crashing_reader : public interop::reader {
public:
    void read(const interop::io::input&, interop::io::record_sink&, interop::diagnostics&) override { std::raise(SIGSEGV); }
};
class committing_reader : public interop::reader {
public:
    explicit committing_reader(std::unique_ptr<interop::reader> real) : m_real(std::move(real)) {}
    void read(const interop::io::input& in, interop::io::record_sink& sink, interop::diagnostics& diags) override {
        try {
            m_real->read(in, sink, diags);
        } catch (...) {
            sink.on_end();
            throw;
        }
    }

private:
    std::unique_ptr<interop::reader> m_real;
};

std::string output_of(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    while (auto n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    CHECK(pclose(p) == 0);
    return out;
}

model::dataset generated() {
    model::dataset ds;
    interop::io::dataset_sink sink(ds);
    interop::generator::generate({.schools = 1, .seed = 5, .classes_per_level = 1}, sink);
    return ds;
}

} // namespace

TEST_CASE("every registered adapter passes the formats suite over the shipped corpus") {
    interop::registry r;
    interop::register_all_adapters(r);
    const auto results = run_formats(r, {});
    for (const auto& res : results) {
        CAPTURE(res.id());
        CAPTURE(res.result.reason);
        CHECK((res.result.status != status::fail || !res.required));
    }
    // Each reading adapter has a corpus: at least one y_ file and one n_ file.
    for (const auto& a : r.all()) {
        if (!a.can_read()) continue;
        CAPTURE(a.name);
        CHECK(std::any_of(results.begin(), results.end(), [&](const case_result& c) { return c.name.rfind(a.name + "/y_", 0) == 0; }));
        CHECK(std::any_of(results.begin(), results.end(), [&](const case_result& c) { return c.name.rfind(a.name + "/n_", 0) == 0; }));
    }
}

TEST_CASE("an adapter that drops a field fails its golden case, naming the field") {
    const auto r = with_broken_reader("aaf", [](auto real) { return std::make_unique<dropping_reader>(std::move(real)); });
    const auto results = run_formats(r, {"formats/aaf/*"});
    const auto& golden = result_named(results, "formats/aaf/y_complet:golden");
    CHECK(golden.result.status == status::fail);
    CHECK(golden.result.reason.find("changed student/") != std::string::npos);
    CHECK(golden.result.reason.find("birth_date") != std::string::npos);
    CHECK(result_named(results, "formats/aaf/y_complet:read").result.status == status::pass);
    CHECK(verdict_of(results) == verdict::failed);
}

TEST_CASE("an adapter that sends a record twice fails its read case, naming the record") {
    const auto r = with_broken_reader("pronote-ent", [](auto real) { return std::make_unique<repeating_reader>(std::move(real)); });
    const auto results = run_formats(r, {"formats/pronote-ent/y_parent.xml:read"});
    const auto& read = result_named(results, "formats/pronote-ent/y_parent.xml:read");
    CHECK(read.result.status == status::fail);
    CHECK(read.result.reason.find("sent twice") != std::string::npos);
}

TEST_CASE("an adapter that crashes fails its cases and the suite goes on") {
    const auto r = with_broken_reader("rss", [](auto) { return std::make_unique<crashing_reader>(); });
    const auto results = run_formats(r, {"formats/rss/*", "formats/atom/declaration"});
    const auto& hostile = result_named(results, "formats/rss/hostile");
    CHECK(hostile.result.status == status::fail);
    CHECK(hostile.result.reason.find("crashed") != std::string::npos);
    CHECK(result_named(results, "formats/atom/declaration").result.status == status::pass);
}

TEST_CASE("an adapter that ends its sink on input it refuses breaks the contract") {
    const auto r = with_broken_reader("ical", [](auto real) { return std::make_unique<committing_reader>(std::move(real)); });
    const auto results = run_formats(r, {"formats/ical/n_*", "formats/ical/hostile"});
    REQUIRE(!results.empty());
    for (const auto& res : results) {
        CAPTURE(res.id());
        CHECK(res.result.status == status::fail);
        CHECK(res.result.reason.find("ended its sink") != std::string::npos);
    }
}

TEST_CASE("known deviations make a case advisory, with their reason") {
    test::temp_dir dir("conformance-deviations");
    test::write_file(dir / "deviations.txt", "# why\nformats/aaf/y_complet:golden  the AAF birth dates are being reworked\n");
    const auto r = with_broken_reader("aaf", [](auto real) { return std::make_unique<dropping_reader>(std::move(real)); });
    const auto results = run_cases(formats_cases(r, {corpus, dir / "deviations.txt", false}), {{}, {"formats/aaf/y_complet:*"}});
    const auto& golden = result_named(results, "formats/aaf/y_complet:golden");
    CHECK(golden.result.status == status::fail);
    CHECK_FALSE(golden.required);
    CHECK(golden.description.find("being reworked") != std::string::npos);
    CHECK(verdict_of(results) == verdict::passed);
}

TEST_CASE("dataset coverage: a generated school passes, each gap is named") {
    auto ds = generated();
    CHECK(check_pupils_in_classes(ds).status == status::pass);
    CHECK(check_classes_with_timetable(ds).status == status::pass);
    CHECK(check_legal_guardians(ds).status == status::pass);
    CHECK(check_holidays_applied(ds).status != status::fail);

    auto& pupil = ds.all<model::student>().front();
    std::erase_if(ds.all<model::membership>(), [&](const model::membership& m) { return m.person == pupil.id && m.group_kind == model::audience_kind::class_; });
    const auto outside = check_pupils_in_classes(ds);
    CHECK(outside.status == status::fail);
    CHECK(outside.reason.find("student/" + pupil.id) != std::string::npos);

    std::erase_if(ds.all<model::guardian_link>(), [&](const model::guardian_link& l) { return l.student == pupil.id; });
    pupil.birth_date = model::date{2014, 3, 1};
    CHECK(check_legal_guardians(ds).status == status::fail);
    pupil.birth_date = model::date{1990, 3, 1}; // of age: no legal guardian needed
    CHECK(check_legal_guardians(ds).status == status::pass);

    ds.all<model::course>().clear();
    ds.all<model::session>().clear();
    CHECK(check_classes_with_timetable(ds).status == status::skip);
    model::course c;
    c.id = "only-one";
    c.school = ds.all<model::school_class>().front().school;
    c.classes = {ds.all<model::school_class>().front().id};
    ds.add(c);
    if (ds.all<model::school_class>().size() > 1) CHECK(check_classes_with_timetable(ds).status == status::fail);
}

TEST_CASE("dataset coverage: a lesson on a holiday is named") {
    model::dataset ds;
    model::calendar cal;
    cal.id = "cal";
    cal.school = "0130001F";
    cal.entries = {{model::calendar_entry_kind::holiday, "Vacances de la Toussaint", {2025, 10, 18}, {2025, 11, 2}}};
    ds.add(cal);
    model::session s;
    s.id = "s1";
    s.school = "0130001F";
    s.day = {2025, 10, 20};
    ds.add(s);
    const auto on_holiday = check_holidays_applied(ds);
    CHECK(on_holiday.status == status::fail);
    CHECK(on_holiday.reason.find("Toussaint") != std::string::npos);
    ds.all<model::session>().front().status = model::session_status::cancelled;
    CHECK(check_holidays_applied(ds).status == status::pass);
}

namespace {

/** Results of three formats and a suite: ical passes, aaf fails with many findings, api was not checked. */
std::vector<case_result> mixed_results() {
    std::vector<std::string> findings;
    for (int i = 1; i <= 7; ++i) findings.push_back("missing student/E" + std::to_string(i));
    return {
        {"formats", "ical/y_a:read", "reads", true, outcome::passed("12 records"), 0.5, "ical"},
        {"formats", "aaf/y_a:read", "reads", true, outcome::passed("12 records"), 0.5, "aaf"},
        {"formats", "aaf/y_a:golden", "golden", true, outcome::failed("changed student/<1> & \"x\""), 0.1, "aaf"},
        {"formats", "aaf/y_b:golden", "golden", true, outcome::failed_on(findings, "records differ from the golden file"), 0.1, "aaf"},
        {"api", "disconnect", "right to disconnect", true, outcome::skipped("no test clock"), 0},
    };
}

const run_info mixed_info{"0.1.0", "0123456789abcdef0123456789abcdef01234567", "2026-11-29T10:00:00Z", {{"hub", "http://127.0.0.1:8080"}},
                          {{"input", "school.json", "ab12", {}}, {"corpus", "conformance/corpus", "cd34", {{"aaf/y_a.xml", "ef56"}}}}};

} // namespace

TEST_CASE("a failure on many findings names the first few and keeps them all") {
    const auto r = mixed_results()[3].result;
    CHECK(r.reason == "7 records differ from the golden file: missing student/E1, missing student/E2, missing student/E3, "
                      "missing student/E4, missing student/E5, … (all 7 in the report's findings)");
    CHECK(r.findings.size() == 7);
}

TEST_CASE("the reports: JUnit XML and HTML are well-formed, JSON holds every case and every finding") {
    const auto results = mixed_results();
    std::ostringstream junit, json, html, terminal;
    write_junit(junit, mixed_info, results);
    write_json(json, mixed_info, results);
    write_html(html, mixed_info, results);
    write_terminal_summary(terminal, results);

    const auto xml = junit.str();
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "junit.xml", nullptr, XML_PARSE_NONET);
    REQUIRE(doc != nullptr);
    xmlFreeDoc(doc);
    CHECK(xml.find("<testsuite name=\"formats\" tests=\"4\" failures=\"2\"") != std::string::npos);
    CHECK(xml.find("<skipped message=\"no test clock\"/>") != std::string::npos);
    CHECK(xml.find("<property name=\"commit\" value=\"0123456789abcdef0123456789abcdef01234567\"/>") != std::string::npos);
    CHECK(xml.find("\nmissing student/E7</failure>") != std::string::npos);
    CHECK(xml.find("<property name=\"input\" value=\"school.json sha256:ab12\"/>") != std::string::npos);

    rapidjson::Document d;
    d.Parse(json.str().c_str());
    REQUIRE(d.IsObject());
    CHECK_FALSE(d["passed"].GetBool());
    CHECK(std::string(d["commit"].GetString()) == mixed_info.commit);
    CHECK(d["inputs"].Size() == 2);
    CHECK(std::string(d["inputs"][1]["files"][0]["sha256"].GetString()) == "ef56");
    CHECK(d["cases"].Size() == 5);
    CHECK(std::string(d["cases"][2]["status"].GetString()) == "fail");
    CHECK(d["cases"][3]["findings"].Size() == 7);
    // The summary opens with the failures: aaf failed, api was not checked, ical passed.
    REQUIRE(d["summary"].Size() == 3);
    CHECK(std::string(d["summary"][0]["format"].GetString()) == "aaf");
    CHECK(std::string(d["summary"][0]["state"].GetString()) == "FAILED");
    CHECK(d["summary"][0]["failed"].GetUint() == 2);
    CHECK(std::string(d["summary"][1]["state"].GetString()) == "INCOMPLETE");
    CHECK(std::string(d["summary"][2]["format"].GetString()) == "ical");

    const auto page = html.str();
    CHECK(page.find("<strong>FAILED</strong>") != std::string::npos);
    CHECK(page.find("changed student/&lt;1&gt; &amp; &quot;x&quot;") != std::string::npos);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find(mixed_info.commit) != std::string::npos);
    CHECK(page.find("<code>cd34</code>") != std::string::npos);
    CHECK(page.find("<li>missing student/E7</li>") != std::string::npos);
    CHECK(page.find("formats/aaf") < page.find("formats/ical"));
    doc = htmlReadMemory(page.data(), static_cast<int>(page.size()), "report.html", "utf-8", HTML_PARSE_NOERROR | HTML_PARSE_NONET);
    CHECK(doc != nullptr);
    xmlFreeDoc(doc);

    CHECK(terminal.str().find("FAILED  formats/aaf: 2 failed, 0 warned, 0 required not checked, of 3\nINCOMPLETE  api:") == 0);
}

TEST_CASE("the command: --list, filters, outputs and exit codes") {
    test::temp_dir dir("conformance-cli");
    const std::string tool = test::paths::conformance();
    const auto listed = output_of(tool + " --list --suite formats --case 'formats/json/*'");
    CHECK(listed.find("formats/json/declaration") != std::string::npos);
    CHECK(listed.find("formats/aaf/") == std::string::npos);
    const auto files = " --junit " + (dir / "r.xml").string() + " --json " + (dir / "r.json").string() + " --html " + (dir / "r.html").string();
    CHECK(std::system((tool + " --quiet --case 'formats/json/*' --case 'formats/ical/*'" + files + " > /dev/null").c_str()) == 0);
    for (const char* f : {"r.xml", "r.json", "r.html"}) CHECK(test::fs::file_size(dir / f) > 0);
    CHECK(test::read_file(dir / "r.json").find("\"passed\": true") != std::string::npos);

    // A dataset with a pupil in no class: the dataset suite fails, exit 1.
    auto ds = generated();
    std::erase_if(ds.all<model::membership>(), [&](const model::membership& m) { return m.person == ds.all<model::student>().front().id; });
    test::write_file(dir / "school.json", interop::json::to_document(ds));
    const auto run = tool + " --suite dataset --input " + (dir / "school.json").string() + " --json " + (dir / "d.json").string() + " > /dev/null";
    CHECK(std::system(run.c_str()) == 1 * 256);
    CHECK(test::read_file(dir / "d.json").find("pupils in no class") != std::string::npos);
    // The report names what it checked: the commit it was built from, and each input's SHA-256
    // (a folder's, that of its sha256sum listing, as docs/conformance.md says to recompute it).
    rapidjson::Document d;
    d.Parse(test::read_file(dir / "d.json").c_str());
    REQUIRE(d.IsObject());
    const std::string commit = d["commit"].GetString();
    CHECK((commit == "unknown" || commit.find_first_not_of("0123456789abcdef") >= 40));
    const auto sum = [&](const std::string& cmd) { return output_of(cmd).substr(0, 64); };
    REQUIRE(d["inputs"].Size() == 2);
    CHECK(std::string(d["inputs"][0]["role"].GetString()) == "corpus");
    CHECK(d["inputs"][0]["sha256"].GetString() ==
          sum("cd " + corpus.string() + " && find . -type f | LC_ALL=C sort | sed 's|^\\./||' | xargs sha256sum | sha256sum"));
    CHECK(d["inputs"][1]["sha256"].GetString() == sum("sha256sum " + (dir / "school.json").string()));
    CHECK(std::system((tool + " --suite nonsense 2> /dev/null").c_str()) == 2 * 256);
}

TEST_CASE("the fidelity suite: a file through every format of the matrix, what survived and what was declared lost") {
    interop::registry r;
    interop::register_all_adapters(r);
    dataset_config cfg;
    cfg.inputs = {test::corpus_dir("asc") / "y_college.xml"};
    cfg.options.school = "0130001F";
    cfg.options.school_year = std::pair{model::date{2025, 9, 1}, model::date{2026, 7, 3}};
    const auto results = run_cases(fidelity_cases(r, cfg), {});
    REQUIRE(results.size() == std::size(fidelity_formats));
    for (const auto& res : results) {
        CAPTURE(res.id());
        CAPTURE(res.result.reason);
        CHECK(res.result.status == status::pass);
        // Timetable formats are compared on the sessions, those that hold people or structures on the records too.
        CHECK((res.format == "oneroster") == (res.result.reason.find(" dated sessions: ") == std::string::npos));
        CHECK((res.format == "ical") == (res.result.reason.find(" records and links: ") == std::string::npos));
    }
    // Without the school year the aSc file does not give, the cases of timetables say what they need.
    cfg.options.school_year.reset();
    for (const auto& res : run_cases(fidelity_cases(r, cfg), {})) {
        CAPTURE(res.id());
        if (res.format == "oneroster") {
            CHECK(res.result.status == status::pass);
            continue;
        }
        CHECK(res.result.status == status::skip);
        CHECK(res.result.reason == "the input gives no school year: give --school-year FIRST:LAST");
    }
}

TEST_CASE("the fidelity suite names what a writer loses in silence: people and structures too") {
    interop::registry r;
    interop::register_all_adapters(r);
    // OneRoster's writer, made to drop the guardians' links without a word.
    auto broken = r.get("oneroster");
    const auto real = broken.make_writer;
    broken.make_writer = [real](const std::filesystem::path& out, const interop::io::write_options& opt) -> std::unique_ptr<interop::io::record_sink> {
        struct dropping : interop::io::record_sink {
            std::unique_ptr<interop::io::record_sink> next;
            void on_metadata(const model::metadata& m) override { next->on_metadata(m); }
            void on_record(model::any_record&& rec) override {
                if (!std::holds_alternative<model::guardian_link>(rec)) next->on_record(std::move(rec));
            }
            void on_end() override { next->on_end(); }
        };
        auto d = std::make_unique<dropping>();
        d->next = real(out, opt);
        return d;
    };
    interop::registry with_broken;
    for (const auto& a : r.all()) with_broken.add(a.name == "oneroster" ? broken : a);
    test::temp_dir dir("fidelity-broken");
    test::write_file(dir / "school.json", interop::json::to_document(generated()));
    dataset_config cfg;
    cfg.inputs = {dir / "school.json"};
    const auto results = run_cases(fidelity_cases(with_broken, cfg), {{}, {"fidelity/*/oneroster"}});
    REQUIRE(results.size() == 1);
    CHECK(results[0].result.status == status::fail);
    CHECK(results[0].result.reason.find("lost: guardian_link/") != std::string::npos);
}

TEST_CASE("a required case not checked leaves the run INCOMPLETE, never PASSED; nothing to check does not") {
    auto result = [](bool required, outcome o) { return case_result{"api", "x", "", required, std::move(o), 0}; };
    CHECK(verdict_of({result(true, outcome::passed()), result(true, outcome::not_applicable("no pupil"))}) == verdict::passed);
    CHECK(verdict_of({result(true, outcome::passed()), result(false, outcome::skipped("no --api-config given"))}) == verdict::passed);
    CHECK(verdict_of({result(true, outcome::passed()), result(true, outcome::skipped("the hub exposes no test clock"))}) == verdict::incomplete);
    CHECK(verdict_of({result(true, outcome::skipped("no test clock")), result(true, outcome::failed("403"))}) == verdict::failed);
    std::ostringstream html, json, terminal;
    const std::vector<case_result> incomplete{result(true, outcome::skipped("the hub exposes no test clock"))};
    write_html(html, {"1", "c", "now", {}, {}}, incomplete);
    write_json(json, {"1", "c", "now", {}, {}}, incomplete);
    write_terminal_summary(terminal, incomplete);
    CHECK(html.str().find("<strong>INCOMPLETE</strong>") != std::string::npos);
    CHECK(json.str().find("\"passed\": false") != std::string::npos);
    CHECK(terminal.str().find("\nINCOMPLETE: 1 cases") != std::string::npos);
}
