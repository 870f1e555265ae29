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
    /**
     * The timetable takes the shapes real exports have and the demo school keeps out: a course
     * without a teacher, one without a room, one in two rooms, one for no class or group (a
     * meeting), one of part of the year, alternations of one week and of three consecutive weeks
     * (besides week A/B and the coupled language and option bands every school has), a group
     * with the code of a class, and a teacher on the staff of every school generated.
     */
    bool real_shapes = false;
};

/** Streams every record of `opt.schools` schools into `sink`, then calls on_end. */
void generate(const options& opt, io::record_sink& sink);

} // namespace interop::generator
