#pragma once
/**
 * @file The notifier: turns the change feed's events into notifications (durably, with the
 * feed position, so none is lost or doubled across a crash), announces held items to
 * family-facing clients when they may see them, sends what is due through the channels at a
 * bounded rate, retries, and composes the weekly digests. One thread; every step also runs
 * on its own for tests (`run_once`).
 */

#include "notify/channel.hpp"
#include "notify/notify_settings.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace hubd {

class hub;

class notifier {
public:
    /** `channels`: by name (push, email, sms); those absent are not used. */
    notifier(hub& h, notify_settings settings, std::map<std::string, std::unique_ptr<channel>> channels);
    notifier(const notifier&) = delete;
    notifier& operator=(const notifier&) = delete;
    ~notifier();

    void start();
    void stop();

    /** New changes → notifications and releases; returns the changes read. */
    std::size_t pump_events();
    /** Releases whose time came: the feed announces those records again; returns how many. */
    std::size_t release_due();
    /** Sends up to `budget` due notifications; returns how many were attempted. */
    std::size_t dispatch_due(std::size_t budget);
    /** Weekly digests whose time came; returns how many were made. */
    std::size_t make_digests();
    /** Every step once, the dispatch unbounded. */
    std::size_t run_once();

private:
    void loop();
    void attempt(notification_row n);
    void digest_school(const std::string& school);

    hub& m_hub;
    notify_settings m_settings;
    std::map<std::string, std::unique_ptr<channel>> m_channels;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false, m_poked = false;
    std::uint64_t m_waiter = 0;
    std::thread m_thread;
};

} // namespace hubd
