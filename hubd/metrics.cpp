#include "metrics.hpp"

#include "router.hpp"
#include "store/store.hpp"

#include <sstream>

namespace hubd {

metrics::metrics(const std::vector<route>& routes) {
    for (const auto& r : routes) {
        m_routes.push_back(std::make_unique<route_stats>());
        m_routes.back()->label = "method=\"" + r.method + "\",route=\"" + r.pattern + "\"";
    }
    m_routes.push_back(std::make_unique<route_stats>());
    m_routes.back()->label = "method=\"\",route=\"unmatched\"";
}

void metrics::observe(std::size_t route_index, int status, double seconds) {
    auto& r = *m_routes[std::min(route_index, m_routes.size() - 1)];
    const int cls = status / 100;
    if (cls >= 1 && cls <= 5) ++r.by_class[static_cast<std::size_t>(cls - 1)];
    for (std::size_t i = 0; i < buckets.size(); ++i)
        if (seconds <= buckets[i]) ++r.le[i];
    ++r.count;
    r.sum_micros += static_cast<std::uint64_t>(seconds * 1e6);
}

std::string metrics::render(store& s) const {
    std::ostringstream out;
    out << "# HELP hubd_http_requests_total HTTP requests by route and status class.\n# TYPE hubd_http_requests_total counter\n";
    for (const auto& r : m_routes)
        for (std::size_t c = 0; c < r->by_class.size(); ++c)
            if (const auto n = r->by_class[c].load()) out << "hubd_http_requests_total{" << r->label << ",code=\"" << c + 1 << "xx\"} " << n << "\n";
    out << "# HELP hubd_http_request_duration_seconds Time to route a request (store work included).\n"
           "# TYPE hubd_http_request_duration_seconds histogram\n";
    for (const auto& r : m_routes) {
        if (!r->count) continue;
        for (std::size_t i = 0; i < buckets.size(); ++i)
            out << "hubd_http_request_duration_seconds_bucket{" << r->label << ",le=\"" << buckets[i] << "\"} " << r->le[i] << "\n";
        out << "hubd_http_request_duration_seconds_bucket{" << r->label << ",le=\"+Inf\"} " << r->count << "\n";
        out << "hubd_http_request_duration_seconds_sum{" << r->label << "} " << static_cast<double>(r->sum_micros) / 1e6 << "\n";
        out << "hubd_http_request_duration_seconds_count{" << r->label << "} " << r->count << "\n";
    }
    out << "# HELP hubd_imports_total Imports since start, by outcome.\n# TYPE hubd_imports_total counter\n"
        << "hubd_imports_total{status=\"succeeded\"} " << m_imports_ok << "\nhubd_imports_total{status=\"failed\"} " << m_imports_failed << "\n";
    out << "# HELP hubd_connections Open HTTP connections.\n# TYPE hubd_connections gauge\nhubd_connections " << m_connections << "\n";
    out << "# HELP hubd_changes_last_seq Sequence number of the last change.\n# TYPE hubd_changes_last_seq gauge\n"
        << "hubd_changes_last_seq " << s.last_seq() << "\n";
    out << "# HELP hubd_outbox_depth Webhook deliveries waiting.\n# TYPE hubd_outbox_depth gauge\nhubd_outbox_depth "
        << s.outbox_state().first << "\n";
    out << "# HELP hubd_deliveries Webhook deliveries by status.\n# TYPE hubd_deliveries gauge\n";
    for (const auto& [status, n] : s.delivery_counts()) out << "hubd_deliveries{status=\"" << status << "\"} " << n << "\n";
    out << "# HELP hubd_store_bytes Size of the store on disk.\n# TYPE hubd_store_bytes gauge\nhubd_store_bytes " << s.size_bytes() << "\n";
    return out.str();
}

} // namespace hubd
