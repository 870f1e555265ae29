#pragma once
/** @file Wakes long-polling requests when changes are committed. */

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

namespace hubd {

class change_signal {
public:
    using waiter = std::function<void()>;

    /** Registers a callback run (once) at the next notify(); returns a handle for cancel(). */
    std::uint64_t wait(waiter w) {
        std::lock_guard lock(m_mutex);
        m_waiters.emplace(++m_next, std::move(w));
        return m_next;
    }
    void cancel(std::uint64_t handle) {
        std::lock_guard lock(m_mutex);
        m_waiters.erase(handle);
    }
    /** Counts notifications: a waiter that read it before looking can tell it missed one. */
    std::uint64_t version() const { return m_version; }

    /** Runs and forgets every registered callback. */
    void notify() {
        ++m_version;
        std::map<std::uint64_t, waiter> due;
        {
            std::lock_guard lock(m_mutex);
            due.swap(m_waiters);
        }
        for (auto& [handle, w] : due) w();
    }

private:
    std::mutex m_mutex;
    std::atomic<std::uint64_t> m_version{0};
    std::uint64_t m_next = 0;
    std::map<std::uint64_t, waiter> m_waiters;
};

} // namespace hubd
