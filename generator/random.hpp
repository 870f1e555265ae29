#pragma once
// A small, portable random source: the standard distributions differ between libraries,
// and generated files must be identical everywhere.

#include <cstdint>
#include <string>
#include <vector>

namespace interop::generator {

class random {
public:
    explicit random(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next() { // splitmix64
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /** Uniform in [lo, hi]. */
    int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
    /** True with probability percent/100. */
    bool chance(int percent) { return between(1, 100) <= percent; }
    template <class T> const T& pick(const std::vector<T>& v) { return v[next() % v.size()]; }

private:
    std::uint64_t m_state;
};

} // namespace interop::generator
