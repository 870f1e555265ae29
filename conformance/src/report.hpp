#pragma once
/** @file The results written for people (terminal, HTML) and for machines (JUnit XML, JSON). */

#include "checked_inputs.hpp"
#include "suite.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace conformance {

/** What the report says it was run with and against, shown at the top of every output. */
struct run_info {
    std::string tool_version;
    std::string commit;     ///< the commit the tool was built from
    std::string started_at; ///< RFC 3339 UTC
    std::vector<std::pair<std::string, std::string>> targets; ///< what has no checksum: the hub's base URL
    std::vector<checked_input> inputs;                        ///< the corpus and every input, with their SHA-256
};

/** The cases of one suite and format (`formats/untis`), counted, for the summary each report opens with. */
struct group_summary {
    std::string suite, format;
    std::size_t cases = 0, passed = 0, failed = 0, warned = 0, skipped = 0, unchecked = 0;
    std::string name() const { return format.empty() ? suite : suite + "/" + format; }
    /** FAILED, INCOMPLETE, WARNED or PASSED, as for the whole run. */
    std::string_view state() const;
};

/** One line per suite and format, failures first, then the incomplete, the warned, the passed (each in run order). */
std::vector<group_summary> summarize(const std::vector<case_result>& results);

/** The tool, its commit and each input's SHA-256, a line each, before the cases. */
void write_terminal_header(std::ostream& out, const run_info& info);
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
