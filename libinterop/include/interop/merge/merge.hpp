#pragma once
/**
 * @file One identity from several sources. The same pupil, guardian or teacher appears in AAF,
 * SIECLE, STS-Web, ONDE and timetable exports under different identifiers; `merge` links
 * them into one record carrying every external id, and rewrites the references of every
 * other record to it.
 *
 * How two person records of the same school are linked, strongest first:
 * 1. a shared external id (same system and id: AAF jointure, SIECLE ELEVE_ID, ELENOET, STS
 *    INDIVIDU@ID, …) — confidence `high`;
 * 2. for pupils, the same INE — `high`;
 * 3. the same names and birth date (accents and case folded) — `low`, as a last resort;
 *    for guardians, who have no birth date, the same names and a pupil in common — `medium`.
 * An id or INE match whose first names differ is not made (`merge.id-conflict`); several
 * candidates by name make no match (`merge.ambiguous`).
 *
 * The first dataset is the primary: its ids are kept. A field set on both sides with different
 * values keeps the primary's and is reported (`merge.conflict`), never silently overwritten;
 * a field empty in the primary is filled from the other source.
 */

#include <interop/diagnostics.hpp>
#include <interop/model/dataset.hpp>

#include <vector>

namespace interop {

enum class link_confidence { high, medium, low };
std::string_view to_string(link_confidence c);

/** One person of a later source recognised as a record of the merged dataset. */
struct identity_link {
    std::string kind;   ///< student, guardian or staff
    std::string school;
    std::string id;        ///< id in the merged dataset
    std::size_t source = 0; ///< index of the dataset it came from
    std::string source_id;  ///< its id there
    std::string method;     ///< "external id aaf", "INE", "names and birth date", …
    link_confidence confidence = link_confidence::high;
};

struct merge_result {
    model::dataset dataset;
    std::vector<identity_link> links;
};

/** Merges `sources` (the first is the primary). Conflicts and doubtful links go to `diags`. */
merge_result merge(const std::vector<model::dataset>& sources, diagnostics& diags);

} // namespace interop
