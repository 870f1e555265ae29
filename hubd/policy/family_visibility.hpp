#pragma once
/**
 * @file What family-facing clients may see, and from when: a news item once published and the
 * right to disconnect lets family items out (at once when urgent); an assessment and its
 * results once guardians may see the grades (their release delay), the window open too.
 * Every other record: as soon as it is stored.
 */

#include "policy/school_rules.hpp"
#include "store/store.hpp"

#include <optional>

namespace hubd {

/** Whether the policies govern when families see records of this kind (news, assessments, results). */
bool family_policy_applies(std::string_view kind);

/** From when families may see the record (ms); nullopt: not at all (a draft). */
std::optional<millis> family_visible_from(const stored_record& r, const school_rules& rules, store& db);

/** Whether families may see the record at `now`. */
bool visible_to_families(const stored_record& r, const school_rules& rules, store& db, millis now);

} // namespace hubd
