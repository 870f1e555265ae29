#pragma once
/** @file The fields every record kind carries. */

#include <interop/model/types.hpp>

namespace interop::model {

/**
 * Common part of every record: `id` is stable within its school and kind; `school` is the
 * UAI of the school the record belongs to. Kinds that declare `shared_across_schools`
 * (national nomenclatures: MEF, subjects; deletions) may leave `school` empty: the record is
 * then shared by every school of the dataset.
 */
struct record {
    std::string id;
    std::string school;
    std::vector<external_id> external_ids;
    model::extensions extensions;
    model::provenance provenance; ///< where it was read from; not content

    /** Records are equal when their content is: provenance is left out. */
    bool operator==(const record& o) const {
        return id == o.id && school == o.school && external_ids == o.external_ids && extensions == o.extensions;
    }

    template <class S, class V> static void common_fields(S& s, V& v) {
        v("id", s.id, "Stable identifier of the record within its school and kind.");
        v("school", s.school, "UAI of the school the record belongs to; empty for a record shared by every school (nomenclatures).");
        v("external_ids", s.external_ids, "Identifiers of the same record in other systems.");
        v("extensions", s.extensions, "Vendor fields the model has no place for, kept verbatim.");
    }
};

/** Whether records of kind R may leave `school` empty to be shared by every school. */
template <class R> inline constexpr bool may_be_shared = requires { requires R::shared_across_schools; };

} // namespace interop::model
