#pragma once
/**
 * @file The oracle of a timetable conversion: the truth of a timetable is its dated sessions
 * (`expand`: day, start, length, subject, teachers, classes, groups, rooms). Written in a format
 * and read back, each session must come back unchanged or be declared lost by the writer: its
 * course whole, or a part of it (`loss.FORMAT.rooms`: it may come back with fewer rooms;
 * `.times`: at other times that day; `.audience`: with other classes and groups; `.validity`:
 * on days outside its first and last), its change (a moved or cancelled session: the planned
 * one may come back), its calendar (its days off may come back with classes). Anything else is
 * lost, changed or invented in silence.
 */

#include <interop/io/losses.hpp>
#include <interop/model/dataset.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace interop::timetable {

struct fidelity {
    std::size_t sessions = 0; ///< dated sessions of the timetable written
    std::size_t survived = 0; ///< back unchanged
    std::size_t declared = 0; ///< accounted for by what the writer declared lost
    std::size_t silent = 0;   ///< lost, changed or invented in silence
    std::vector<std::string> findings; ///< every session lost, changed or invented in silence
};

/** `before` written, `after` read back from it, `losses` what the writer declared; sessions over [from, to]. */
fidelity compare_sessions(const model::dataset& before, const model::dataset& after, const io::loss_log& losses, model::date from, model::date to);

} // namespace interop::timetable
