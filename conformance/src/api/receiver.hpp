#pragma once
/**
 * @file The suite's webhook receiver: `/ok` answers 200, `/flaky` answers 500 to the first
 * attempt of each delivery and 200 afterwards; every post is kept.
 */

#include "api/config.hpp"
#include "api/http.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace conformance::api {

class webhook_receiver {
public:
    explicit webhook_receiver(const config& c);

    /** The URL the hub posts to for `path` (`/ok`, `/flaky`). */
    std::string url(const std::string& path) const;
    /** The posts received on `path` so far. */
    std::vector<message> posts(const std::string& path);
    /** Waits until `path` has received `count` posts or `limit` passes; returns them. */
    std::vector<message> wait_for(const std::string& path, std::size_t count, std::chrono::seconds limit);

private:
    message receive(const message& m);

    std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::vector<message> m_posts;
    std::string m_url;
    http_server m_server; // last: it stops before the rest goes
};

} // namespace conformance::api
