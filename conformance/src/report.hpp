#pragma once
/** @file The results written for people (terminal, HTML) and for machines (JUnit XML, JSON). */

#include "suite.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace conformance {

/** What the report says it was run against (base URL, corpus, input), shown in every output. */
struct run_info {
    std::string tool_version;
    std::string started_at; ///< RFC 3339 UTC
    std::vector<std::pair<std::string, std::string>> targets;
};

/** One line per case (`PASS formats/aaf/y_complet  reason`), then the counts. */
void write_terminal_line(std::ostream& out, const case_result& r);
void write_terminal_summary(std::ostream& out, const std::vector<case_result>& results);

/** JUnit XML: a testsuite per suite, a failure element per failed case, skipped ones marked. */
void write_junit(std::ostream& out, const run_info& info, const std::vector<case_result>& results);

/** `{"tool", "started_at", "targets", "passed": bool, "counts", "cases": [{id, suite, name, required, status, reason, seconds}]}`. */
void write_json(std::ostream& out, const run_info& info, const std::vector<case_result>& results);

/** A self-contained HTML page (no script, no external resource) an auditor can file. */
void write_html(std::ostream& out, const run_info& info, const std::vector<case_result>& results);

} // namespace conformance
