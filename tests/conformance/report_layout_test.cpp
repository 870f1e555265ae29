// The HTML report as an auditor sees it: rendered by headless Chromium (Debian
// chromium-headless-shell, which scripts/deps.sh installs), with a long path, a long reason and
// many findings; nothing may overflow the page sideways and no column may be squeezed.
#include <doctest/doctest.h>

#include "support.hpp"

#include "report.hpp"

#include <cstdio>
#include <memory>
#include <regex>
#include <sstream>

using namespace conformance;

namespace {

std::string chromium() {
    for (const char* p : {"/usr/bin/chromium-headless-shell", "/usr/bin/chromium"})
        if (test::fs::exists(p)) return p;
    FAIL("no headless Chromium: scripts/deps.sh installs chromium-headless-shell");
    return {};
}

/**
 * What the page measures of itself once laid out, at `width` CSS pixels: its scroll width, the
 * narrowest "what it checks" and "reason" columns, and how many cells hold content wider than they are.
 */
std::string measured(const test::fs::path& report, int width, const test::fs::path& scratch) {
    const auto page = scratch / "measured.html";
    auto html = test::read_file(report);
    html.insert(html.rfind("</body>"), R"(<script>
const cols = (i) => Math.min(...[...document.querySelectorAll('table:not(.info):not(.summary) tr:first-child th:nth-child(' + i + ')')].map(th => th.offsetWidth));
const spilled = [...document.querySelectorAll('td')].filter(td => td.scrollWidth > td.clientWidth + 1).length;
document.title = 'page=' + document.documentElement.scrollWidth + ' checks=' + cols(4) + ' reason=' + cols(5) + ' spilled=' + spilled;
</script>)");
    test::write_file(page, html);
    const auto cmd = chromium() + " --no-sandbox --disable-gpu --headless --window-size=" + std::to_string(width) +
                     ",900 --dump-dom file://" + page.string() + " 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    REQUIRE(pipe);
    std::string dom;
    char buf[4096];
    while (const auto n = fread(buf, 1, sizeof buf, pipe.get())) dom.append(buf, n);
    std::smatch m;
    REQUIRE_MESSAGE(std::regex_search(dom, m, std::regex("<title>(page=[^<]*)</title>")), "Chromium did not render the page");
    return m[1];
}

int number(const std::string& measures, const std::string& name) {
    std::smatch m;
    REQUIRE(std::regex_search(measures, m, std::regex(name + "=(\\d+)")));
    return std::stoi(m[1]);
}

std::vector<case_result> hard_to_lay_out() {
    const std::string long_path(40, 'x');
    std::vector<std::string> findings;
    for (int i = 0; i < 300; ++i) findings.push_back("changed course/" + long_path + long_path + std::to_string(i) + ": rooms, teachers");
    const std::string long_word = "/srv/exports/" + std::string(180, 'a') + "/GPU001.TXT";
    return {
        {"formats", "untis/" + long_word + ":golden", "canonical output equal to the golden file", true,
         outcome::failed_on(findings, "records differ from the golden file"), 0.1, "untis"},
        {"dataset", "validate.ref", "every reference names a record that exists, in the same school", true,
         outcome::failed("student/" + std::string(300, 'E') + " names class/6A which does not exist in school 0130001F"), 0.1},
        {"fidelity", long_word + "/ical", "the dated sessions written as ical and read back: each unchanged or declared lost", true,
         outcome::passed("71522 dated sessions: 71522 back unchanged, 0 declared lost"), 0.1, "ical"},
    };
}

} // namespace

TEST_CASE("the HTML report lays out within the page, at a laptop's width and a narrow one") {
    test::temp_dir dir("report-layout");
    const run_info info{"0.1.0", "0123456789abcdef0123456789abcdef01234567", "2026-12-07T10:00:00Z", {},
                        {{"input", "/srv/exports/" + std::string(200, 'b') + ".xml", std::string(64, 'f'), {}}}};
    std::ostringstream html;
    write_html(html, info, hard_to_lay_out());
    test::write_file(dir / "report.html", html.str());
    for (const int width : {1280, 800}) {
        CAPTURE(width);
        const auto m = measured(dir / "report.html", width, dir.path());
        CAPTURE(m);
        CHECK(number(m, "page") <= width);
        CHECK(number(m, "spilled") == 0);
        CHECK(number(m, "checks") >= width / 6); // "what it checks" is read, not one word a line
        CHECK(number(m, "reason") >= width / 4);
    }
}

TEST_CASE("the report interop-conformance writes of its own corpus lays out within the page") {
    test::temp_dir dir("report-layout-tool");
    const auto cmd = std::string(test::paths::conformance()) + " --quiet --suite formats --case 'formats/untis/*' --case 'formats/aaf/*' --html " +
                     (dir / "r.html").string() + " > /dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const auto m = measured(dir / "r.html", 1024, dir.path());
    CAPTURE(m);
    CHECK(number(m, "page") <= 1024);
    CHECK(number(m, "spilled") == 0);
    CHECK(number(m, "checks") >= 1024 / 6);
}
