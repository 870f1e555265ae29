#pragma once
/** @file SQLite connections shared by hubd's threads: each borrows one for a call. */

#include "store/sqlite_db.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace hubd::sqlite {

class connection_pool {
public:
    explicit connection_pool(std::filesystem::path file) : m_file(std::move(file)) {}

    /** A connection for the holder's lifetime; back to the pool when it goes. */
    class lease {
    public:
        lease(connection_pool& pool, std::unique_ptr<database> db) : m_pool(&pool), m_db(std::move(db)) {}
        lease(lease&&) noexcept = default;
        lease& operator=(lease&&) noexcept = default;
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        ~lease() {
            if (m_db) m_pool->give_back(std::move(m_db));
        }
        database& operator*() const { return *m_db; }
        database* operator->() const { return m_db.get(); }

    private:
        connection_pool* m_pool;
        std::unique_ptr<database> m_db;
    };

    lease borrow() {
        {
            std::lock_guard lock(m_mutex);
            if (!m_idle.empty()) {
                auto db = std::move(m_idle.back());
                m_idle.pop_back();
                return lease(*this, std::move(db));
            }
        }
        return lease(*this, std::make_unique<database>(m_file));
    }

    const std::filesystem::path& file() const { return m_file; }

private:
    void give_back(std::unique_ptr<database> db) {
        std::lock_guard lock(m_mutex);
        if (m_idle.size() < max_idle) m_idle.push_back(std::move(db));
    }

    static constexpr std::size_t max_idle = 16;
    std::filesystem::path m_file;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<database>> m_idle;
};

} // namespace hubd::sqlite
