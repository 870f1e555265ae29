#pragma once
/**
 * @file Rendered query answers kept until the next commit: a class's week asked a thousand
 * times between two imports is read from the store once. Valid while change_signal's version
 * is the one it was rendered at (every commit of this process bumps it).
 */

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace hubd {

class response_cache {
public:
    struct entry {
        std::string body;
        std::size_t records = 0; ///< for the audit entry of a read
    };

    /** The answer rendered at `version` for this key, if any. */
    std::shared_ptr<const entry> get(const std::string& key, std::uint64_t version) {
        std::lock_guard lock(m_mutex);
        auto it = m_entries.find(key);
        if (it == m_entries.end() || it->second.first != version) return nullptr;
        return it->second.second;
    }

    void put(const std::string& key, std::uint64_t version, std::shared_ptr<const entry> e) {
        if (e->body.size() > max_body) return;
        std::lock_guard lock(m_mutex);
        if (m_entries.size() >= max_entries) m_entries.clear(); // crude, bounded; the next commit empties it anyway
        m_entries[key] = {version, std::move(e)};
    }

private:
    static constexpr std::size_t max_entries = 4096, max_body = 1 << 20;
    std::mutex m_mutex;
    std::unordered_map<std::string, std::pair<std::uint64_t, std::shared_ptr<const entry>>> m_entries;
};

} // namespace hubd
