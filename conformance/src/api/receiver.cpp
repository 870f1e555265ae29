#include "api/receiver.hpp"

#include <algorithm>

namespace conformance::api {

webhook_receiver::webhook_receiver(const config& c)
    : m_url(c.receiver_url), m_server(c.receiver_address, c.receiver_port, [this](const message& m) { return receive(m); }) {
    const auto at = m_url.find("{port}");
    if (at != std::string::npos) m_url.replace(at, 6, std::to_string(m_server.port()));
}

std::string webhook_receiver::url(const std::string& path) const { return m_url + path; }

message webhook_receiver::receive(const message& m) {
    std::lock_guard lock(m_mutex);
    const auto delivery = m.header("Interop-Delivery");
    const bool seen = std::any_of(m_posts.begin(), m_posts.end(), [&](const message& p) {
        return p.target == m.target && !delivery.empty() && p.header("Interop-Delivery") == delivery;
    });
    m_posts.push_back(m);
    m_arrived.notify_all();
    const bool fail = m.target == "/flaky" && !seen;
    return message{fail ? 500 : 200, {}, {}, {{"Content-Type", "text/plain"}}, fail ? "try again" : "ok"};
}

std::vector<message> webhook_receiver::posts(const std::string& path) {
    std::lock_guard lock(m_mutex);
    std::vector<message> out;
    std::copy_if(m_posts.begin(), m_posts.end(), std::back_inserter(out), [&](const message& p) { return p.target == path; });
    return out;
}

std::vector<message> webhook_receiver::wait_for(const std::string& path, std::size_t count, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::unique_lock lock(m_mutex);
    auto on_path = [&] { return static_cast<std::size_t>(std::count_if(m_posts.begin(), m_posts.end(), [&](const message& p) { return p.target == path; })); };
    m_arrived.wait_until(lock, deadline, [&] { return on_path() >= count; });
    std::vector<message> out;
    std::copy_if(m_posts.begin(), m_posts.end(), std::back_inserter(out), [&](const message& p) { return p.target == path; });
    return out;
}

} // namespace conformance::api
