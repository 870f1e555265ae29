#pragma once
/**
 * @file Cases and their results. A case belongs to a suite, has a name and says whether it
 * is required (the tool exits 0 only when every required case passes).
 */

#include <functional>
#include <string>
#include <vector>

namespace conformance {

enum class status { pass, fail, skip };
std::string_view to_string(status s);

struct outcome {
    conformance::status status = conformance::status::pass;
    std::string reason; ///< why it failed or was skipped; what was checked when it passed
    /** A skip because there is nothing to check (no pupil to place in a class), not a check left undone. */
    bool nothing_to_check = false;
    /** Every finding behind the reason, none left out: the reason names a few, the reports list them all. */
    std::vector<std::string> findings = {};

    static outcome passed(std::string what = {}) { return {conformance::status::pass, std::move(what)}; }
    static outcome failed(std::string why) { return {conformance::status::fail, std::move(why)}; }
    /** Failed on `findings`: the reason is their count and the first few (`3 pupils in no class: a, b, c`). */
    static outcome failed_on(std::vector<std::string> findings, const std::string& what);
    /** Not checked (the hub lacks what the check needs): a required case skipped leaves the run incomplete. */
    static outcome skipped(std::string why) { return {conformance::status::skip, std::move(why)}; }
    /** Nothing to check: a skip that leaves the run complete. */
    static outcome not_applicable(std::string why) { return {conformance::status::skip, std::move(why), true}; }
};

struct test_case {
    std::string suite;
    std::string name;
    std::string description;
    bool required = true;
    std::function<outcome()> run;
    /** The format the case is about (`untis`, or the target of a fidelity case), for the reports' summary; empty when none. */
    std::string format = {};
    std::string id() const { return suite + "/" + name; }
};

struct case_result {
    std::string suite, name, description;
    bool required = true;
    outcome result;
    double seconds = 0;
    std::string format = {};
    std::string id() const { return suite + "/" + name; }
};

/** Whether a case is selected by `--suite` and `--case` (shell patterns on the id, `*` and `?`). */
struct selection {
    std::vector<std::string> suites;
    std::vector<std::string> cases;
    bool selects(const test_case& c) const;
};

/**
 * Runs the selected cases in order. A case that throws fails with the exception's message;
 * `progress` is told of each result as it comes.
 */
std::vector<case_result> run_cases(const std::vector<test_case>& cases, const selection& sel,
                                   const std::function<void(const case_result&)>& progress = {});

enum class verdict { passed, incomplete, failed };
std::string_view to_string(verdict v); ///< PASSED, INCOMPLETE, FAILED

/**
 * FAILED when a required case failed; INCOMPLETE when a required case was not checked (skipped
 * for want of what it needs: a skipped required case is not a pass); else PASSED. Cases with
 * nothing to check, and those of suites not run for want of input, are neither.
 */
verdict verdict_of(const std::vector<case_result>& results);

} // namespace conformance
