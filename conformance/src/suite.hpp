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

    static outcome passed(std::string what = {}) { return {conformance::status::pass, std::move(what)}; }
    static outcome failed(std::string why) { return {conformance::status::fail, std::move(why)}; }
    static outcome skipped(std::string why) { return {conformance::status::skip, std::move(why)}; }
};

struct test_case {
    std::string suite;
    std::string name;
    std::string description;
    bool required = true;
    std::function<outcome()> run;
    std::string id() const { return suite + "/" + name; }
};

struct case_result {
    std::string suite, name, description;
    bool required = true;
    outcome result;
    double seconds = 0;
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

/** True when no required case failed. A skipped case is not a failure: its reason says what it needs. */
bool all_required_passed(const std::vector<case_result>& results);

} // namespace conformance
