#pragma once
/** @file What changed between two datasets: the basis of the hub's change feed. */

#include <interop/model/dataset.hpp>

#include <map>
#include <string>
#include <vector>

namespace interop {

enum class change_op { created, updated, deleted };
std::string_view to_string(change_op op);

struct change {
    change_op op;
    std::string kind;
    std::string school;
    std::string id;
    bool operator==(const change&) const = default;
};

struct change_counts {
    std::size_t created = 0, updated = 0, deleted = 0;
};

struct diff_result {
    /** In dataset kind order; within a kind, created and updated by school and id, then deleted. */
    std::vector<change> changes;
    /** Per kind, only kinds with changes. */
    std::map<std::string, change_counts> counts;
};

/**
 * Compares records by kind, school and id; a record is updated when its content (all fields
 * but provenance) differs.
 */
diff_result diff(const model::dataset& before, const model::dataset& after);

} // namespace interop
