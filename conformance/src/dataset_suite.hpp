#pragma once
/**
 * @file The dataset suite: every rule of `interop::validate`, by family, and the coverage an
 * auditor looks for (pupils in classes, classes with a timetable, pupils with a legal
 * guardian, no lesson on a day without classes), on any readable files or folders.
 */

#include "suite.hpp"

#include <interop/adapter/registry.hpp>

#include <filesystem>
#include <optional>
#include <vector>

namespace conformance {

struct dataset_config {
    /** Read into one dataset (an AAF delivery and a timetable export of one school, say). */
    std::vector<std::filesystem::path> inputs;
    /** The format of every input; identified from content when absent. */
    std::optional<std::string> format;
    interop::read_options options;
};

/** The cases; the inputs are read once, on the first case run. `formats` must outlive them. */
std::vector<test_case> dataset_cases(const interop::registry& formats, const dataset_config& cfg);

/** The coverage checks alone, on a dataset already read (the tests use them). */
outcome check_pupils_in_classes(const interop::model::dataset& ds);
outcome check_classes_with_timetable(const interop::model::dataset& ds);
outcome check_legal_guardians(const interop::model::dataset& ds);
outcome check_holidays_applied(const interop::model::dataset& ds);

} // namespace conformance
