#pragma once
/**
 * @file A deterministic generator of realistic fictional schools: the demo school, and whole
 * academies for benchmarks. Records are streamed school by school into a sink.
 */

#include <interop/io/sink.hpp>

#include <cstdint>

namespace interop::generator {

struct options {
    int schools = 1;           ///< how many collèges; 1 is the demo school
    std::uint64_t seed = 2025; ///< same seed, same output, on every machine
    int classes_per_level = 5; ///< 4 levels (6e to 3e), about 30 pupils each
    int school_year = 2025;    ///< the school year every date falls in, by the year it starts in
};

/** Streams every record of `opt.schools` schools into `sink`, then calls on_end. */
void generate(const options& opt, io::record_sink& sink);

} // namespace interop::generator
