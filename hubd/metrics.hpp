#pragma once
/** @file Prometheus metrics: requests and latency by route, imports, connections; store gauges at scrape time. */

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace hubd {

class store;
struct route;

class metrics {
public:
    /** One slot per route (in router order) and one for requests that matched none. */
    explicit metrics(const std::vector<route>& routes);

    void observe(std::size_t route_index, int status, double seconds);
    void count_import(bool succeeded) { ++(succeeded ? m_imports_ok : m_imports_failed); }
    void connection_opened() { ++m_connections; }
    void connection_closed() { --m_connections; }

    /** The text exposition format, with the store's gauges read now. */
    std::string render(store& s) const;

    static constexpr std::array<double, 12> buckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};

private:
    struct route_stats {
        std::string label; ///< `method="GET",route="/v1/changes"`
        std::array<std::atomic<std::uint64_t>, 5> by_class{}; ///< 1xx … 5xx
        std::array<std::atomic<std::uint64_t>, buckets.size()> le{};
        std::atomic<std::uint64_t> count{0}, sum_micros{0};
    };
    std::vector<std::unique_ptr<route_stats>> m_routes;
    std::atomic<std::uint64_t> m_imports_ok{0}, m_imports_failed{0};
    std::atomic<std::int64_t> m_connections{0};
};

} // namespace hubd
