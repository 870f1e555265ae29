#include "delivery/deliverer.hpp"

#include "delivery/signature.hpp"
#include "log.hpp"

#include <openssl/rand.h>

#include <chrono>

namespace hubd {

millis backoff_for(int attempt, const delivery_settings& s, std::uint64_t random) {
    millis step = s.first_backoff;
    for (int i = 1; i < attempt && step < s.max_backoff; ++i) step *= 2;
    step = std::min(step, s.max_backoff);
    const millis half = step / 2;
    return half + static_cast<millis>(random % static_cast<std::uint64_t>(std::max<millis>(1, step - half + 1)));
}

deliverer::deliverer(store& s, change_signal& changes, webhook_sender send, delivery_settings settings, std::function<millis()> clock)
    : m_store(s), m_changes(changes), m_send(std::move(send)), m_settings(settings), m_clock(std::move(clock)) {}

deliverer::~deliverer() { stop(); }

void deliverer::start() { m_thread = std::thread([this] { loop(); }); }

void deliverer::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

std::size_t deliverer::run_once() {
    const auto due = m_store.due_deliveries(m_clock(), m_settings.batch);
    for (const auto& d : due) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping) break;
        }
        const auto sub = m_store.subscription(d.subscription);
        if (!sub) continue;
        attempt(d, *sub);
    }
    return due.size();
}

void deliverer::attempt(delivery_row d, const subscription_row& sub) {
    const auto start = m_clock();
    delivery_attempt a{d.id, d.attempts + 1, start, 0, "", 0};
    post_result result;
    if (!sub.active) {
        result.error = "subscription deleted";
    } else {
        const std::vector<std::pair<std::string, std::string>> headers = {
            {"Content-Type", "application/json"},
            {"Interop-Delivery", d.id},
            {"Interop-Attempt", std::to_string(a.attempt)},
            {"Interop-Signature", sign_delivery(sub.secret, start / 1000, d.payload)}};
        result = m_send(sub.url, d.payload, headers);
    }
    a.status_code = result.status;
    a.duration_ms = m_clock() - start;
    d.attempts = a.attempt;
    if (result.status >= 200 && result.status < 300) {
        d.status = "delivered";
        d.delivered_at = m_clock();
        d.last_error.clear();
    } else {
        a.error = result.error.empty() ? "HTTP " + std::to_string(result.status) : result.error;
        d.last_error = a.error;
        std::uint64_t random = 0;
        RAND_bytes(reinterpret_cast<unsigned char*>(&random), sizeof random);
        const bool dead = !sub.active || d.attempts >= m_settings.max_attempts;
        d.status = dead ? "dead" : "pending";
        d.next_attempt_at = m_clock() + backoff_for(d.attempts, m_settings, random);
        log_event(dead ? "warning" : "info", dead ? "delivery_dead" : "delivery_failed",
                  {{"delivery", d.id}, {"subscription", d.subscription}, {"attempt", std::to_string(d.attempts)}, {"error", a.error}});
    }
    m_store.record_attempt(d, a);
}

void deliverer::loop() {
    while (true) {
        const auto seen = m_changes.version(); // a commit during the round is not slept through
        std::size_t attempted = 0;
        try {
            attempted = run_once();
        } catch (const std::exception& e) {
            log_event("error", "deliverer_failed", {{"error", e.what()}});
        }
        const auto handle = m_changes.wait([this] {
            {
                std::lock_guard lock(m_mutex);
                m_poked = true;
            }
            m_wake.notify_all();
        });
        std::unique_lock lock(m_mutex);
        if (!m_stopping && attempted == 0) {
            // Until the next due attempt, a commit, or a second (the outbox may fill from another node).
            auto wait = std::chrono::milliseconds(1000);
            if (auto next = m_store.outbox_state().second)
                wait = std::min(wait, std::chrono::milliseconds(std::max<millis>(0, *next - m_clock())));
            m_wake.wait_for(lock, wait, [&] { return m_stopping || m_poked || m_changes.version() != seen; });
        }
        m_poked = false;
        const bool stopping = m_stopping;
        lock.unlock();
        m_changes.cancel(handle);
        if (stopping) return;
    }
}

} // namespace hubd
