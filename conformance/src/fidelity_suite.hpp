#pragma once
/**
 * @file The fidelity suite: a file (any format the library reads) written in every format of
 * the matrix and read back; per pair, its dated sessions, and its records and links (people,
 * structures), that came back unchanged, those the writer declared lost, and those lost,
 * changed or invented in silence (a failure). The oracles are
 * `interop::timetable::compare_sessions` and `interop::roster::compare_records`.
 */

#include "dataset_suite.hpp"
#include "suite.hpp"

#include <interop/adapter/registry.hpp>

#include <vector>

namespace conformance {

/** The formats the matrix writes and reads back: those of timetables, and OneRoster for people and structures. */
inline constexpr const char* fidelity_formats[] = {"asc", "fet", "untis", "sts-emp", "ical", "oneroster"};

/** A case per input and writing format; the inputs are those of the dataset suite. `formats` must outlive them. */
std::vector<test_case> fidelity_cases(const interop::registry& formats, const dataset_config& cfg);

} // namespace conformance
