#include "report.hpp"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

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

} // namespace

void write_terminal_line(std::ostream& out, const case_result& r) {
    out << label(r) << "  " << r.id();
    if (!r.result.reason.empty() && r.result.status != status::pass) out << "\n      " << r.result.reason;
    out << '\n';
}

void write_terminal_summary(std::ostream& out, const std::vector<case_result>& results) {
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
        for (const auto* r : cases) {
            out << "    <testcase classname=\"" << escaped(suite) << "\" name=\"" << escaped(r->name) << "\" time=\""
                << std::fixed << std::setprecision(3) << r->seconds << "\"";
            if (r->result.status == status::pass) {
                out << "/>\n";
                continue;
            }
            out << ">\n";
            if (r->result.status == status::skip) out << "      <skipped message=\"" << escaped(r->result.reason) << "\"/>\n";
            else out << "      <failure message=\"" << escaped(r->result.reason) << "\" type=\"" << (r->required ? "required" : "advisory")
                     << "\">" << escaped(r->result.reason) << "</failure>\n";
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
    w.Key("started_at");
    w.String(info.started_at.c_str());
    w.Key("targets");
    w.StartObject();
    for (const auto& [k, v] : info.targets) {
        w.Key(k.c_str());
        w.String(v.c_str());
    }
    w.EndObject();
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
    w.Key("cases");
    w.StartArray();
    for (const auto& r : results) {
        w.StartObject();
        w.Key("id"), w.String(r.id().c_str());
        w.Key("suite"), w.String(r.suite.c_str());
        w.Key("name"), w.String(r.name.c_str());
        w.Key("description"), w.String(r.description.c_str());
        w.Key("required"), w.Bool(r.required);
        w.Key("status"), w.String(std::string(to_string(r.result.status)).c_str());
        w.Key("reason"), w.String(r.result.reason.c_str());
        w.Key("seconds"), w.Double(r.seconds);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    out << '\n';
}

void write_html(std::ostream& out, const run_info& info, const std::vector<case_result>& results) {
    const auto c = count(results);
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>interop-conformance report</title>\n"
           "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
           "td,th{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}"
           ".pass{background:#e6f4e6}.fail{background:#fbe3e3}.skip{background:#f2f2f2}.warn{background:#fff4d6}"
           "pre{white-space:pre-wrap;margin:0}</style></head><body>\n";
    out << "<h1>interop-conformance report</h1>\n<p><strong>" << to_string(verdict_of(results))
        << "</strong>: " << results.size() << " cases, " << c.passed << " passed, " << c.failed << " failed ("
        << c.required_failed << " required), " << c.skipped << " skipped (" << c.required_unchecked << " required, not checked).</p>\n<table>\n<tr><th>tool</th><td>interop-conformance "
        << escaped(info.tool_version) << "</td></tr>\n<tr><th>started at</th><td>" << escaped(info.started_at) << "</td></tr>\n";
    for (const auto& [k, v] : info.targets) out << "<tr><th>" << escaped(k) << "</th><td>" << escaped(v) << "</td></tr>\n";
    out << "</table>\n";
    for (const auto& [suite, cases] : by_suite(results)) {
        out << "<h2>" << escaped(suite) << "</h2>\n<table>\n<tr><th>case</th><th>result</th><th>required</th><th>what it checks</th><th>reason</th></tr>\n";
        for (const auto* r : cases) {
            auto l = label(*r);
            for (auto& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            out << "<tr class=\"" << l << "\"><td>" << escaped(r->name) << "</td><td>" << label(*r) << "</td><td>"
                << (r->required ? "yes" : "no") << "</td><td>" << escaped(r->description) << "</td><td><pre>" << escaped(r->result.reason)
                << "</pre></td></tr>\n";
        }
        out << "</table>\n";
    }
    out << "</body></html>\n";
}

} // namespace conformance
