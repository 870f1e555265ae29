#include "audit/audit_log.hpp"

#include "log.hpp"

#include <chrono>

namespace hubd {

audit_log::audit_log(store& s) : m_store(s), m_thread([this] { loop(); }) {}

audit_log::~audit_log() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    try {
        flush();
    } catch (const std::exception& e) {
        log_event("error", "audit_flush_failed", {{"error", e.what()}});
    }
}

void audit_log::record(audit_entry e) {
    std::lock_guard lock(m_mutex);
    m_pending.push_back(std::move(e));
}

void audit_log::flush() {
    std::lock_guard flushing(m_flush_mutex);
    std::vector<audit_entry> batch;
    {
        std::lock_guard lock(m_mutex);
        batch.swap(m_pending);
    }
    m_store.append_audit(batch);
}

void audit_log::loop() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait_for(lock, std::chrono::milliseconds(200), [this] { return m_stopping; });
        if (m_stopping || m_pending.empty()) continue;
        lock.unlock();
        try {
            flush();
        } catch (const std::exception& e) {
            log_event("error", "audit_flush_failed", {{"error", e.what()}});
        }
        lock.lock();
    }
}

} // namespace hubd
