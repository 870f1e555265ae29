#pragma once
/**
 * @file The audit log as routes use it. Imports and deliveries are chained in their own
 * transactions; reads of personal data are many and small, so they are buffered and chained
 * in batches (every 200 ms, and before a checkpoint or at shutdown).
 */

#include "store/store.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace hubd {

class audit_log {
public:
    explicit audit_log(store& s);
    audit_log(const audit_log&) = delete;
    audit_log& operator=(const audit_log&) = delete;
    /** Flushes what is buffered. */
    ~audit_log();

    /** Buffers an entry (seq and hashes are set when it is chained). */
    void record(audit_entry e);
    /** Chains every buffered entry now. */
    void flush();

private:
    void loop();

    store& m_store;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<audit_entry> m_pending;
    bool m_stopping = false;
    std::mutex m_flush_mutex; // one flush at a time keeps the buffer's order in the chain
    std::thread m_thread;
};

} // namespace hubd
