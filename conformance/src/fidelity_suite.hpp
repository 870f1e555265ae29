#pragma once
/**
 * @file The fidelity suite: a timetable file (any format the library reads) written in every
 * timetable format the library writes and reads back; per pair, its dated sessions that came
 * back unchanged, those the writer declared lost, and those lost, changed or invented in
 * silence (a failure). The oracle is `interop::timetable::compare_sessions`.
 */

#include "dataset_suite.hpp"
#include "suite.hpp"

#include <interop/adapter/registry.hpp>

#include <vector>

namespace conformance {

/** The timetable formats the matrix writes and reads back. */
inline constexpr const char* fidelity_formats[] = {"asc", "fet", "untis", "sts-emp", "ical"};

/** A case per input and writing format; the inputs are those of the dataset suite. `formats` must outlive them. */
std::vector<test_case> fidelity_cases(const interop::registry& formats, const dataset_config& cfg);

} // namespace conformance
