#pragma once
/**
 * @file The oracle of a conversion of people and structures: the truth is the records (schools,
 * pupils, staff, guardians, classes, groups, subjects, rooms), each by its id, and the links between them (who
 * is in which class or group, who is responsible for which pupil, who teaches what to whom),
 * each by what it joins. Written in a format and read back, each must come back with every
 * field the same (the extensions aside, the source format's own; of the external ids, none
 * missing), or be declared lost by the writer, whole or in part. A record or link that comes
 * back changed, or that was never there, is a silent loss too (but for the school record a
 * reader makes of the UAI its file names, when the records written were of that school).
 */

#include <interop/io/losses.hpp>
#include <interop/model/dataset.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace interop::roster {

struct fidelity {
    std::size_t records = 0;  ///< records and links of the dataset written
    std::size_t survived = 0; ///< back, the same
    std::size_t declared = 0; ///< accounted for by what the writer declared lost
    std::size_t silent = 0;   ///< lost, changed or invented in silence
    std::vector<std::string> findings; ///< every record or link lost, changed or invented in silence
};

/**
 * `before` written, `after` read back from it, `losses` what the writer declared (a format with
 * no place for guardians declares each with `loss.kind`).
 */
fidelity compare_records(const model::dataset& before, const model::dataset& after, const io::loss_log& losses);

} // namespace interop::roster
