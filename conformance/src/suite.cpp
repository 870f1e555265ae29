#include "suite.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <fnmatch.h>

namespace conformance {

std::string_view to_string(status s) {
    switch (s) {
    case status::pass: return "pass";
    case status::fail: return "fail";
    case status::skip: return "skip";
    }
    return "?";
}

outcome outcome::failed_on(std::vector<std::string> findings, const std::string& what) {
    constexpr std::size_t shown = 5;
    std::string reason = std::to_string(findings.size()) + " " + what + ":";
    for (std::size_t i = 0; i < findings.size() && i < shown; ++i) reason += (i ? ", " : " ") + findings[i];
    if (findings.size() > shown) reason += ", … (all " + std::to_string(findings.size()) + " in the report's findings)";
    outcome o = failed(std::move(reason));
    o.findings = std::move(findings);
    return o;
}

namespace {

bool matches_any(const std::vector<std::string>& patterns, const std::string& text) {
    return patterns.empty() || std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
               return fnmatch(p.c_str(), text.c_str(), 0) == 0 || text.rfind(p + "/", 0) == 0;
           });
}

outcome run_guarded(const test_case& c) {
    try {
        return c.run();
    } catch (const std::exception& e) {
        return outcome::failed(e.what());
    }
}

} // namespace

bool selection::selects(const test_case& c) const { return matches_any(suites, c.suite) && matches_any(cases, c.id()); }

std::vector<case_result> run_cases(const std::vector<test_case>& cases, const selection& sel,
                                   const std::function<void(const case_result&)>& progress) {
    std::vector<case_result> out;
    for (const auto& c : cases) {
        if (!sel.selects(c)) continue;
        const auto start = std::chrono::steady_clock::now();
        auto result = run_guarded(c);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        out.push_back({c.suite, c.name, c.description, c.required, std::move(result), took.count(), c.format});
        if (progress) progress(out.back());
    }
    return out;
}

std::string_view to_string(verdict v) {
    switch (v) {
    case verdict::passed: return "PASSED";
    case verdict::incomplete: return "INCOMPLETE";
    case verdict::failed: return "FAILED";
    }
    return "?";
}

verdict verdict_of(const std::vector<case_result>& results) {
    auto any = [&](auto&& pred) { return std::any_of(results.begin(), results.end(), pred); };
    if (any([](const case_result& r) { return r.required && r.result.status == status::fail; })) return verdict::failed;
    if (any([](const case_result& r) { return r.required && r.result.status == status::skip && !r.result.nothing_to_check; }))
        return verdict::incomplete;
    return verdict::passed;
}

} // namespace conformance
