#include "report.hpp"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <iomanip>
#include <map>

namespace conformance {

namespace {

struct counts {
    std::size_t passed = 0, failed = 0, skipped = 0, required_failed = 0, required_unchecked = 0;
    void add(const case_result& r) {
        if (r.result.status == status::pass) ++passed;
        if (r.result.status == status::skip) ++skipped;
        if (r.result.status == status::skip && r.required && !r.result.nothing_to_check) ++required_unchecked;
        if (r.result.status == status::fail) {
            ++failed;
            if (r.required) ++required_failed;
        }
    }
};

counts count(const std::vector<case_result>& results) {
    counts c;
    for (const auto& r : results) c.add(r);
    return c;
}

/** Results grouped by suite, in the order suites first appear. */
std::vector<std::pair<std::string, std::vector<const case_result*>>> by_suite(const std::vector<case_result>& results) {
    std::vector<std::pair<std::string, std::vector<const case_result*>>> out;
    for (const auto& r : results) {
        if (out.empty() || out.back().first != r.suite) out.push_back({r.suite, {}});
        out.back().second.push_back(&r);
    }
    return out;
}

/** Text escaped for XML and HTML content and attributes. */
std::string escaped(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default:
            if (c < 0x20 && c != '\n' && c != '\t') out += "&#xFFFD;"; // not allowed in XML 1.0
            else out += static_cast<char>(c);
        }
    }
    return out;
}

std::string label(const case_result& r) {
    if (r.result.status == status::fail && !r.required) return "WARN";
    static constexpr std::array<const char*, 3> names = {"PASS", "FAIL", "SKIP"};
    return names[static_cast<std::size_t>(r.result.status)];
}

/** The CSS class of a label: `pass`, `fail`, `warn`, `skip`. */
std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

void write_json_string_pairs(rapidjson::PrettyWriter<rapidjson::OStreamWrapper>& w, const std::vector<std::pair<std::string, std::string>>& pairs) {
    w.StartObject();
    for (const auto& [k, v] : pairs) {
        w.Key(k.c_str());
        w.String(v.c_str());
    }
    w.EndObject();
}

void write_json_inputs(rapidjson::PrettyWriter<rapidjson::OStreamWrapper>& w, const std::vector<checked_input>& inputs) {
    w.StartArray();
    for (const auto& in : inputs) {
        w.StartObject();
        w.Key("role"), w.String(in.role.c_str());
        w.Key("path"), w.String(in.path.c_str());
        w.Key("sha256"), w.String(in.sha256.c_str());
        if (!in.files.empty()) {
            w.Key("files");
            w.StartArray();
            for (const auto& f : in.files) {
                w.StartObject();
                w.Key("path"), w.String(f.path.c_str());
                w.Key("sha256"), w.String(f.sha256.c_str());
                w.EndObject();
            }
            w.EndArray();
        }
        w.EndObject();
    }
    w.EndArray();
}

void write_json_summary(rapidjson::PrettyWriter<rapidjson::OStreamWrapper>& w, const std::vector<case_result>& results) {
    w.StartArray();
    for (const auto& g : summarize(results)) {
        w.StartObject();
        w.Key("suite"), w.String(g.suite.c_str());
        w.Key("format"), w.String(g.format.c_str());
        w.Key("state"), w.String(std::string(g.state()).c_str());
        w.Key("cases"), w.Uint64(g.cases);
        w.Key("passed"), w.Uint64(g.passed);
        w.Key("failed"), w.Uint64(g.failed);
        w.Key("warned"), w.Uint64(g.warned);
        w.Key("skipped"), w.Uint64(g.skipped);
        w.Key("required_not_checked"), w.Uint64(g.unchecked);
        w.EndObject();
    }
    w.EndArray();
}

void write_html_head(std::ostream& out) {
    // Fixed column widths and breaks anywhere: a long path or id wraps inside its cell instead
    // of squeezing the other columns or pushing the reason off the page.
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>interop-conformance report</title>\n"
           "<style>body{font-family:sans-serif;margin:2em;max-width:100%}"
           "table{border-collapse:collapse;width:100%;table-layout:fixed;margin-bottom:1em}"
           "td,th{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
           "table.info th{width:12em}table.summary th{width:auto}"
           "col.case{width:20%}col.result{width:5.5em}col.required{width:6em}col.checks{width:22%}"
           ".pass{background:#e6f4e6}.fail,.failed{background:#fbe3e3}.skip{background:#f2f2f2}.warn,.warned{background:#fff4d6}"
           ".incomplete{background:#f2e6fb}.passed{background:#e6f4e6}"
           "pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}ol{margin:0;padding-left:2em}code{overflow-wrap:anywhere}</style>"
           "</head><body>\n";
}

void write_html_info(std::ostream& out, const run_info& info) {
    out << "<table class=\"info\">\n<tr><th>tool</th><td>interop-conformance " << escaped(info.tool_version) << "</td></tr>\n"
        << "<tr><th>commit</th><td><code>" << escaped(info.commit) << "</code></td></tr>\n<tr><th>started at</th><td>"
        << escaped(info.started_at) << "</td></tr>\n";
    for (const auto& [k, v] : info.targets) out << "<tr><th>" << escaped(k) << "</th><td>" << escaped(v) << "</td></tr>\n";
    for (const auto& in : info.inputs) {
        out << "<tr><th>" << escaped(in.role) << "</th><td>" << escaped(in.path) << "<br>SHA-256 <code>" << in.sha256 << "</code>";
        if (!in.files.empty()) {
            out << " (of its listing)<details><summary>" << in.files.size() << " files</summary><ol>";
            for (const auto& f : in.files) out << "<li>" << escaped(f.path) << " <code>" << f.sha256 << "</code></li>";
            out << "</ol></details>";
        }
        out << "</td></tr>\n";
    }
    out << "</table>\n";
}

void write_html_summary(std::ostream& out, const std::vector<case_result>& results) {
    out << "<table class=\"summary\">\n<tr><th>suite and format</th><th>state</th><th>cases</th><th>passed</th>"
           "<th>failed</th><th>warned</th><th>skipped</th><th>required, not checked</th></tr>\n";
    for (const auto& g : summarize(results))
        out << "<tr class=\"" << lower(g.state()) << "\"><td><a href=\"#" << escaped(g.suite) << "\">" << escaped(g.name()) << "</a></td><td>"
            << g.state() << "</td><td>" << g.cases << "</td><td>" << g.passed << "</td><td>" << g.failed << "</td><td>" << g.warned
            << "</td><td>" << g.skipped << "</td><td>" << g.unchecked << "</td></tr>\n";
    out << "</table>\n";
}

void write_html_case(std::ostream& out, const case_result& r) {
    out << "<tr class=\"" << lower(label(r)) << "\"><td>" << escaped(r.name) << "</td><td>" << label(r) << "</td><td>"
        << (r.required ? "yes" : "no") << "</td><td>" << escaped(r.description) << "</td><td><pre>" << escaped(r.result.reason) << "</pre>";
    if (!r.result.findings.empty()) {
        out << "<details><summary>all " << r.result.findings.size() << " findings</summary><ol>";
        for (const auto& f : r.result.findings) out << "<li>" << escaped(f) << "</li>";
        out << "</ol></details>";
    }
    out << "</td></tr>\n";
}

} // namespace

std::string_view group_summary::state() const {
    if (failed) return "FAILED";
    if (unchecked) return "INCOMPLETE";
    if (warned) return "WARNED";
    return "PASSED";
}

std::vector<group_summary> summarize(const std::vector<case_result>& results) {
    std::vector<group_summary> groups;
    for (const auto& r : results) {
        auto it = std::find_if(groups.begin(), groups.end(), [&](const group_summary& g) { return g.suite == r.suite && g.format == r.format; });
        if (it == groups.end()) it = groups.insert(groups.end(), group_summary{r.suite, r.format});
        ++it->cases;
        if (r.result.status == status::pass) ++it->passed;
        if (r.result.status == status::fail) ++(r.required ? it->failed : it->warned);
        if (r.result.status == status::skip) ++it->skipped;
        if (r.result.status == status::skip && r.required && !r.result.nothing_to_check) ++it->unchecked;
    }
    auto rank = [](const group_summary& g) { return g.failed ? 0 : g.unchecked ? 1 : g.warned ? 2 : 3; };
    std::stable_sort(groups.begin(), groups.end(), [&](const group_summary& a, const group_summary& b) { return rank(a) < rank(b); });
    return groups;
}

void write_terminal_line(std::ostream& out, const case_result& r) {
    out << label(r) << "  " << r.id();
    if (!r.result.reason.empty() && r.result.status != status::pass) out << "\n      " << r.result.reason;
    out << '\n';
}

void write_terminal_header(std::ostream& out, const run_info& info) {
    out << "interop-conformance " << info.tool_version << " (commit " << info.commit << ")\n";
    for (const auto& in : info.inputs) out << in.role << ' ' << in.path << " sha256:" << in.sha256 << '\n';
}

void write_terminal_summary(std::ostream& out, const std::vector<case_result>& results) {
    for (const auto& g : summarize(results))
        if (g.state() != "PASSED")
            out << g.state() << "  " << g.name() << ": " << g.failed << " failed, " << g.warned << " warned, " << g.unchecked
                << " required not checked, of " << g.cases << '\n';
    const auto c = count(results);
    out << to_string(verdict_of(results)) << ": " << results.size() << " cases: " << c.passed << " passed, " << c.failed << " failed ("
        << c.required_failed << " required), " << c.skipped << " skipped (" << c.required_unchecked << " required, not checked)\n";
}

void write_junit(std::ostream& out, const run_info& info, const std::vector<case_result>& results) {
    const auto all = count(results);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"interop-conformance\" tests=\"" << results.size() << "\" failures=\"" << all.failed
        << "\" skipped=\"" << all.skipped << "\" timestamp=\"" << escaped(info.started_at) << "\">\n";
    for (const auto& [suite, cases] : by_suite(results)) {
        counts c;
        for (const auto* r : cases) c.add(*r);
        out << "  <testsuite name=\"" << escaped(suite) << "\" tests=\"" << cases.size() << "\" failures=\"" << c.failed
            << "\" skipped=\"" << c.skipped << "\" errors=\"0\">\n";
        out << "    <properties><property name=\"version\" value=\"" << escaped(info.tool_version) << "\"/><property name=\"commit\" value=\""
            << escaped(info.commit) << "\"/>";
        for (const auto& in : info.inputs)
            out << "<property name=\"" << escaped(in.role) << "\" value=\"" << escaped(in.path) << " sha256:" << in.sha256 << "\"/>";
        out << "</properties>\n";
        for (const auto* r : cases) {
            out << "    <testcase classname=\"" << escaped(suite) << "\" name=\"" << escaped(r->name) << "\" time=\""
                << std::fixed << std::setprecision(3) << r->seconds << "\"";
            if (r->result.status == status::pass) {
                out << "/>\n";
                continue;
            }
            out << ">\n";
            if (r->result.status == status::skip) out << "      <skipped message=\"" << escaped(r->result.reason) << "\"/>\n";
            else {
                out << "      <failure message=\"" << escaped(r->result.reason) << "\" type=\"" << (r->required ? "required" : "advisory")
                    << "\">" << escaped(r->result.reason);
                for (const auto& f : r->result.findings) out << '\n' << escaped(f);
                out << "</failure>\n";
            }
            out << "    </testcase>\n";
        }
        out << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

void write_json(std::ostream& out, const run_info& info, const std::vector<case_result>& results) {
    rapidjson::OStreamWrapper os(out);
    rapidjson::PrettyWriter<rapidjson::OStreamWrapper> w(os);
    const auto c = count(results);
    w.StartObject();
    w.Key("tool");
    w.String(("interop-conformance " + info.tool_version).c_str());
    w.Key("version"), w.String(info.tool_version.c_str());
    w.Key("commit"), w.String(info.commit.c_str());
    w.Key("started_at");
    w.String(info.started_at.c_str());
    w.Key("targets");
    write_json_string_pairs(w, info.targets);
    w.Key("inputs");
    write_json_inputs(w, info.inputs);
    w.Key("passed");
    w.Bool(verdict_of(results) == verdict::passed);
    w.Key("verdict");
    w.String(std::string(to_string(verdict_of(results))).c_str());
    w.Key("counts");
    w.StartObject();
    w.Key("cases"), w.Uint64(results.size());
    w.Key("passed"), w.Uint64(c.passed);
    w.Key("failed"), w.Uint64(c.failed);
    w.Key("required_failed"), w.Uint64(c.required_failed);
    w.Key("skipped"), w.Uint64(c.skipped);
    w.Key("required_not_checked"), w.Uint64(c.required_unchecked);
    w.EndObject();
    w.Key("summary");
    write_json_summary(w, results);
    w.Key("cases");
    w.StartArray();
    for (const auto& r : results) {
        w.StartObject();
        w.Key("id"), w.String(r.id().c_str());
        w.Key("suite"), w.String(r.suite.c_str());
        w.Key("format"), w.String(r.format.c_str());
        w.Key("name"), w.String(r.name.c_str());
        w.Key("description"), w.String(r.description.c_str());
        w.Key("required"), w.Bool(r.required);
        w.Key("status"), w.String(std::string(to_string(r.result.status)).c_str());
        w.Key("reason"), w.String(r.result.reason.c_str());
        w.Key("findings");
        w.StartArray();
        for (const auto& f : r.result.findings) w.String(f.c_str());
        w.EndArray();
        w.Key("seconds"), w.Double(r.seconds);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    out << '\n';
}

void write_html(std::ostream& out, const run_info& info, const std::vector<case_result>& results) {
    const auto c = count(results);
    write_html_head(out);
    out << "<h1>interop-conformance report</h1>\n<p><strong>" << to_string(verdict_of(results))
        << "</strong>: " << results.size() << " cases, " << c.passed << " passed, " << c.failed << " failed ("
        << c.required_failed << " required), " << c.skipped << " skipped (" << c.required_unchecked << " required, not checked).</p>\n";
    write_html_summary(out, results);
    write_html_info(out, info);
    for (const auto& [suite, cases] : by_suite(results)) {
        out << "<h2 id=\"" << escaped(suite) << "\">" << escaped(suite) << "</h2>\n<table>\n"
            << "<colgroup><col class=\"case\"><col class=\"result\"><col class=\"required\"><col class=\"checks\"><col></colgroup>\n"
            << "<tr><th>case</th><th>result</th><th>required</th><th>what it checks</th><th>reason</th></tr>\n";
        for (const auto* r : cases) write_html_case(out, *r);
        out << "</table>\n";
    }
    out << "</body></html>\n";
}

} // namespace conformance
