#include <interop/io/losses.hpp>

#include <algorithm>

namespace interop::io {

void loss_log::add(std::string_view code, std::string_view message, bool whole, std::string record) {
    auto it = std::find_if(m_reasons.begin(), m_reasons.end(),
                           [&](const reason& r) { return r.code == code && r.message == message && r.whole == whole; });
    if (it == m_reasons.end()) it = m_reasons.insert(m_reasons.end(), reason{std::string(code), std::string(message), whole, 0, {}});
    ++it->count;
    if (it->records.size() < kept_per_reason) it->records.push_back(std::move(record));
}

std::string record_name(std::string_view kind, std::string_view school, std::string_view id) {
    std::string out(kind);
    if (!school.empty()) (out += '/') += school;
    return (out += '/') += id;
}

void loss_log::record(std::string_view code, std::string_view message, std::string name) {
    add(code, message, true, std::move(name));
}

void loss_log::part(std::string_view code, std::string_view message, std::string name) {
    add(code, message, false, std::move(name));
}

std::size_t loss_log::records_lost() const {
    std::size_t n = 0;
    for (const auto& r : m_reasons)
        if (r.whole) n += r.count;
    return n;
}

std::string loss_log::counts_by_code(std::optional<bool> whole) const {
    std::vector<std::pair<std::string, std::size_t>> counts;
    for (const auto& r : m_reasons) {
        if (whole && r.whole != *whole) continue;
        auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == r.code; });
        if (it == counts.end()) counts.emplace_back(r.code, r.count);
        else it->second += r.count;
    }
    std::string out;
    for (const auto& [code, n] : counts) out += (out.empty() ? "" : ", ") + code + " " + std::to_string(n);
    return out;
}

void loss_log::report(diagnostics& d) const {
    constexpr std::size_t shown = 3;
    for (const auto& r : m_reasons) {
        std::string examples;
        for (std::size_t i = 0; i < std::min(shown, r.records.size()); ++i) examples += (i ? ", " : "") + r.records[i];
        if (r.count > shown) examples += ", …";
        d.add(severity::warning, r.code, "",
              std::to_string(r.count) + (r.whole ? " record(s) not written: " : " record(s) written in part: ") + r.message + " (" +
                  examples + ")");
    }
}

} // namespace interop::io
