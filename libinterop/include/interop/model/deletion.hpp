#pragma once
/** @file Deletions carried by a delta dataset. */

#include <interop/model/record.hpp>

namespace interop::model {

/**
 * In a delta dataset, a record that no longer exists. `school` may be empty when the source
 * names the record by an identifier unique across schools (an AAF `deleteRequest`): the
 * record goes in whichever school holds it. Deleting a person also ends its links
 * (memberships, guardian links, teaching assignments).
 */
struct deletion : record {
    static constexpr std::string_view kind = "deletion", collection = "deletions";
    static constexpr std::string_view summary = "In a delta dataset: a record that no longer exists.";
    static constexpr bool shared_across_schools = true;
    std::string target_kind;
    std::string target_id;
    bool operator==(const deletion&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("target_kind", s.target_kind, "Kind of the deleted record.");
        v("target_id", s.target_id, "Id of the deleted record.");
    }
};

} // namespace interop::model
