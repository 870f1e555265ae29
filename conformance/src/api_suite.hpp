#pragma once
/**
 * @file The api and audit suites: black-box checks of a live hub (ours or another
 * implementation of the same API) from its base URL and client credentials.
 */

#include "api/config.hpp"
#include "suite.hpp"

#include <filesystem>
#include <memory>

namespace conformance {

namespace api {
class hub_session;
}

struct audit_config {
    /** A checkpoint saved earlier (the JSON of `GET /v1/audit/checkpoint`): the chain must still hold it. */
    std::filesystem::path checkpoint;
    /** Where to save the current checkpoint, for the next audit. */
    std::filesystem::path save_checkpoint;
};

/** The api suite's cases, sharing one session with the hub (tokens, the suite's school). */
std::vector<test_case> api_cases(const std::shared_ptr<api::hub_session>& hub);

/** The audit suite's cases; when the api suite ran first in the same session, its imports must be in the log. */
std::vector<test_case> audit_cases(const std::shared_ptr<api::hub_session>& hub, const audit_config& cfg);

} // namespace conformance
