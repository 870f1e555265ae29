#pragma once
// Guardian id → schools of their pupils. PersRelEleve records name no school: a guardian is
// in the schools of its pupils, which only the Eleve files say, so this index is kept from
// the pupils' pass to the guardians'. 12 bytes a link (a 64-bit key, a school index). Past a
// memory budget the links spill to temporary files in 64 partitions by key, and the
// guardians' files are read once per group of partitions that fits the budget: memory stays
// under the budget whatever the delivery's size, at the cost of those extra passes.

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <string_view>
#include <vector>

namespace interop::aaf {

class guardian_index {
public:
    explicit guardian_index(std::size_t budget_bytes) : m_budget(budget_bytes) {}

    void add(std::string_view guardian, std::uint32_t school);
    /** How many passes over the guardians' files the index needs; call after the last add. */
    std::size_t passes();
    /** Loads the links of pass `p` (0-based); the first pass needs no call when nothing spilled. */
    void load_pass(std::size_t p);
    /** Whether this guardian is mapped in the current pass. */
    bool in_pass(std::string_view guardian) const;
    /** Indexes of the guardian's schools in ascending order (in the current pass). */
    std::vector<std::uint32_t> schools_of(std::string_view guardian);

private:
#pragma pack(push, 4)
    struct link {
        std::uint64_t key;
        std::uint32_t school;
        auto operator<=>(const link&) const = default;
    };
#pragma pack(pop)
    static constexpr std::size_t partitions = 64;
    struct file_closer {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };

    static std::uint64_t key_of(std::string_view guardian);
    static std::size_t partition_of(std::uint64_t key) { return static_cast<std::size_t>(key % partitions); }
    void spill();
    void sort();

    std::size_t m_budget;
    std::deque<link> m_links; // grows by blocks: no doubling copy at the peak
    bool m_sorted = true;
    std::vector<std::unique_ptr<std::FILE, file_closer>> m_files; // partitions, once spilled
    std::vector<std::size_t> m_counts;                            // links per partition
    std::vector<std::size_t> m_first_partition;                   // of each pass, plus the end
    std::size_t m_pass = 0;
};

} // namespace interop::aaf
