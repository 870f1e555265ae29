#pragma once
/**
 * @file The formats suite: for every registered adapter, its corpus (`y_` accepted, `n_`
 * rejected with a positioned error, `i_` either, never a crash), golden canonical output for
 * each `y_`, write → read round trips, and the contract every adapter keeps whatever its format.
 */

#include "suite.hpp"

#include <interop/adapter/registry.hpp>

#include <filesystem>

namespace conformance {

struct formats_config {
    /** `<corpus>/<format>/{y_,n_,i_}*` (files or folders), `golden/<y_ name>.json`, optional `options.json`. */
    std::filesystem::path corpus;
    /** Known deviations: `<case id pattern> <reason>` a line; such a case is not required. */
    std::filesystem::path deviations;
    /** Writes the golden files from what the adapters read, instead of comparing. */
    bool accept = false;
};

/** The cases for every adapter of `formats`, which must outlive them. */
std::vector<test_case> formats_cases(const interop::registry& formats, const formats_config& cfg);

} // namespace conformance
