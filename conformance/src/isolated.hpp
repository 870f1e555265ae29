#pragma once
/** @file Runs a check in a child process, so that a crash or a hang in the code under test is a failed case, not a dead tool. */

#include "suite.hpp"

#include <chrono>
#include <functional>

namespace conformance {

/** The check's outcome; a crash (signal), an abnormal exit or running past `limit` is a failure saying so. */
outcome run_isolated(const std::function<outcome()>& check, std::chrono::seconds limit);

} // namespace conformance
