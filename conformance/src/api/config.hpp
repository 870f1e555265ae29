#pragma once
/**
 * @file What the api and audit suites are pointed at: a hub's base URL and the clients they
 * use (see docs/conformance.md for the scopes each needs).
 */

#include <filesystem>
#include <optional>
#include <string>

namespace conformance::api {

struct client {
    std::string id, secret;
    std::string school; ///< the one school the client sees (for `writer` and `other`)
};

struct config {
    std::string base_url;
    bool verify_tls = true;
    /** Reads and writes a test school: roster and timetable read/write, OneRoster roster-core.readonly. */
    client writer;
    /** Another school's client with read scopes only (roster:read, timetable:read, OneRoster roster-core.readonly). */
    client other;
    /** Holds the `audit` scope (the audit suite). */
    std::optional<client> auditor;
    /** Where the suite's webhook receiver listens and how the hub reaches it (`{port}` is replaced). */
    std::string receiver_address = "127.0.0.1";
    unsigned short receiver_port = 0;
    std::string receiver_url = "http://127.0.0.1:{port}";
    int webhook_wait_seconds = 30;
    /**
     * The right to disconnect, when the hub exposes a test clock: `PUT <test_clock>
     * {"now": RFC 3339}` with the writer's token sets the hub's time, and `family` is a
     * family-facing client of the writer's school.
     */
    std::string test_clock;
    std::optional<client> family;
};

/** @throws std::runtime_error naming the file and the member that is wrong. */
config load_config(const std::filesystem::path& file);

} // namespace conformance::api
