#pragma once
/** @file The record kinds as hubd sees them: URL names, model domains, the scope that guards them. */

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hubd {

struct kind_info {
    std::string_view kind;       ///< canonical kind: `student`
    std::string_view collection; ///< URL and JSON collection: `students`
    std::string_view domain;     ///< model domain, as adapters declare theirs: `people`
    std::string_view scope;      ///< scope domain guarding it: `roster`
    bool personal;               ///< holds personal data (reads are audited)
};

/** Every kind hubd stores, in dataset order (deletions are not stored: they act). */
std::span<const kind_info> all_kinds();
/** By kind or collection name; nullptr when unknown. */
const kind_info* find_kind(std::string_view name);
/** Top-level JSON members of a kind's records (`fields=` may name these). */
const std::vector<std::string>& kind_fields(std::string_view kind);
/** Kinds of the given model domains: what a full snapshot from an adapter covers. */
std::vector<std::string> kinds_of_domains(const std::vector<std::string>& domains);

} // namespace hubd
