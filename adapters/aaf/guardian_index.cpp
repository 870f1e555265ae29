#include "guardian_index.hpp"

#include <interop/errors.hpp>

#include <algorithm>
#include <functional>

namespace interop::aaf {

std::uint64_t guardian_index::key_of(std::string_view guardian) {
    constexpr std::uint64_t hashed = 1ULL << 63;
    std::uint64_t n = 0;
    if (!guardian.empty() && guardian.size() <= 18 && (guardian.size() == 1 || guardian[0] != '0') &&
        std::all_of(guardian.begin(), guardian.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        for (char c : guardian) n = n * 10 + static_cast<std::uint64_t>(c - '0');
        return n; // AAF ids are numbers: exact
    }
    return std::hash<std::string_view>{}(guardian) | hashed;
}

void guardian_index::add(std::string_view guardian, std::uint32_t school) {
    const link l{key_of(guardian), school};
    if (m_files.empty() && (m_links.size() + 1) * sizeof(link) > m_budget) spill();
    if (m_files.empty()) {
        m_links.push_back(l);
        m_sorted = false;
        return;
    }
    const auto p = partition_of(l.key);
    if (std::fwrite(&l, sizeof l, 1, m_files[p].get()) != 1) throw io_error("aaf: cannot write the guardian index to a temporary file");
    ++m_counts[p];
}

void guardian_index::spill() {
    for (std::size_t p = 0; p < partitions; ++p) {
        std::FILE* f = std::tmpfile();
        if (!f) throw io_error("aaf: cannot create a temporary file for the guardian index");
        m_files.emplace_back(f);
    }
    m_counts.assign(partitions, 0);
    for (const auto& l : m_links) {
        const auto p = partition_of(l.key);
        std::fwrite(&l, sizeof l, 1, m_files[p].get());
        ++m_counts[p];
    }
    m_links.clear();
    m_links.shrink_to_fit();
}

std::size_t guardian_index::passes() {
    if (m_files.empty()) return 1;
    if (m_first_partition.empty()) {
        // Contiguous groups of partitions, each within the budget (a partition alone may pass it).
        std::size_t bytes = 0;
        for (std::size_t p = 0; p < partitions; ++p) {
            if (m_first_partition.empty() || (bytes > 0 && bytes + m_counts[p] * sizeof(link) > m_budget)) {
                m_first_partition.push_back(p);
                bytes = 0;
            }
            bytes += m_counts[p] * sizeof(link);
        }
        m_first_partition.push_back(partitions);
    }
    return m_first_partition.size() - 1;
}

void guardian_index::load_pass(std::size_t pass) {
    m_pass = pass;
    if (m_files.empty()) return;
    passes();
    m_links.clear();
    for (std::size_t p = m_first_partition[pass]; p < m_first_partition[pass + 1]; ++p) {
        std::FILE* f = m_files[p].get();
        std::fflush(f);
        std::rewind(f);
        link l;
        for (std::size_t i = 0; i < m_counts[p]; ++i) {
            if (std::fread(&l, sizeof l, 1, f) != 1) throw io_error("aaf: cannot read back the guardian index");
            m_links.push_back(l);
        }
    }
    m_sorted = false;
}

bool guardian_index::in_pass(std::string_view guardian) const {
    if (m_files.empty()) return true;
    const auto p = partition_of(key_of(guardian));
    return p >= m_first_partition[m_pass] && p < m_first_partition[m_pass + 1];
}

void guardian_index::sort() {
    std::sort(m_links.begin(), m_links.end());
    m_links.erase(std::unique(m_links.begin(), m_links.end()), m_links.end());
    m_sorted = true;
}

std::vector<std::uint32_t> guardian_index::schools_of(std::string_view guardian) {
    if (!m_sorted) sort();
    const auto key = key_of(guardian);
    auto it = std::lower_bound(m_links.begin(), m_links.end(), link{key, 0});
    std::vector<std::uint32_t> out;
    for (; it != m_links.end() && it->key == key; ++it) out.push_back(it->school);
    return out;
}

} // namespace interop::aaf
