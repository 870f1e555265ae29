#pragma once
/** @file What every session shares: the hub, the settings, the worker pool, the live-session table. */

#include "config.hpp"
#include "hub.hpp"

#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>

namespace hubd::net {

class session_env {
public:
    session_env(hub& h, const server_settings& s, int workers) : m_hub(h), m_settings(s), m_workers(static_cast<std::size_t>(workers)) {}

    hub& the_hub() { return m_hub; }
    const server_settings& settings() const { return m_settings; }
    boost::asio::thread_pool& workers() { return m_workers; }
    bool stopping() const { return m_stopping; }

    /** Registers a live session's "close if idle" action; returns its handle. */
    std::uint64_t enter(std::function<void()> close_if_idle) {
        m_hub.metrics().connection_opened();
        std::lock_guard lock(m_mutex);
        m_sessions.emplace(++m_next, std::move(close_if_idle));
        return m_next;
    }
    void leave(std::uint64_t handle) {
        m_hub.metrics().connection_closed();
        std::lock_guard lock(m_mutex);
        m_sessions.erase(handle);
    }
    std::size_t live() {
        std::lock_guard lock(m_mutex);
        return m_sessions.size();
    }
    /** From now on: no keep-alive, idle connections closed, held requests answered. */
    void begin_stop() {
        m_stopping = true;
        std::map<std::uint64_t, std::function<void()>> sessions;
        {
            std::lock_guard lock(m_mutex);
            sessions = m_sessions;
        }
        for (auto& [handle, close] : sessions) close();
        m_hub.changes().notify();
    }
    void join_workers() { m_workers.join(); }

private:
    hub& m_hub;
    const server_settings& m_settings;
    boost::asio::thread_pool m_workers;
    std::atomic<bool> m_stopping{false};
    std::mutex m_mutex;
    std::uint64_t m_next = 0;
    std::map<std::uint64_t, std::function<void()>> m_sessions;
};

} // namespace hubd::net
