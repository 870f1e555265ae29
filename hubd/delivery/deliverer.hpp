#pragma once
/**
 * @file The deliverer: takes due deliveries from the outbox, posts them signed, records each
 * attempt, retries with exponential backoff and jitter, dead-letters after the last attempt.
 * At least once: a delivery is marked delivered only after a 2xx, so a crash between the
 * post and the mark sends it again; receivers deduplicate by delivery id.
 */

#include "change_signal.hpp"
#include "store/store.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace hubd {

struct delivery_settings {
    int max_attempts = 10;        ///< then the delivery is dead
    millis first_backoff = 1000;  ///< after the first failure; doubles each time
    millis max_backoff = 3600000;
    std::size_t batch = 32;       ///< deliveries taken per round
};

struct post_result {
    int status = 0;     ///< 0: no HTTP answer (connection refused, timeout, TLS failure)
    std::string error;  ///< why, when not 2xx
};

/** Posts `body` to `url` with these headers; never throws. */
using webhook_sender = std::function<post_result(const std::string& url, const std::string& body,
                                                 const std::vector<std::pair<std::string, std::string>>& headers)>;

/** The wait before attempt `attempt + 1`, jittered in [half, full] of the exponential step. */
millis backoff_for(int attempt, const delivery_settings& s, std::uint64_t random);

class deliverer {
public:
    deliverer(store& s, change_signal& changes, webhook_sender send, delivery_settings settings, std::function<millis()> clock);
    deliverer(const deliverer&) = delete;
    deliverer& operator=(const deliverer&) = delete;
    ~deliverer();

    /** Runs in a thread of its own until stop(). */
    void start();
    /** Lets the attempt in progress finish (its own timeout bounds it), then returns. */
    void stop();
    /** One round: attempts every due delivery once; returns how many were attempted. */
    std::size_t run_once();

private:
    void attempt(delivery_row d, const subscription_row& sub);
    void loop();

    store& m_store;
    change_signal& m_changes;
    webhook_sender m_send;
    delivery_settings m_settings;
    std::function<millis()> m_clock;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false, m_poked = false;
    std::thread m_thread;
};

} // namespace hubd
