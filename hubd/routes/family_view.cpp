#include "routes/family_view.hpp"

#include "hub.hpp"
#include "policy/family_visibility.hpp"

namespace hubd {

family_view::family_view(const principal& who, hub& h) : m_hub(h), m_active(who.family_facing), m_now(h.policy_now()) {}

bool family_view::sees(const stored_record& r) {
    if (!m_active) return true;
    auto& rules = m_rules[r.school];
    if (!rules) rules = m_hub.rules().of(r.school);
    return visible_to_families(r, *rules, m_hub.db(), m_now);
}

bool family_view::sees(const change_entry& c) {
    if (!m_active || c.op == change_kind::deleted || !family_policy_applies(c.kind)) return true; // no record read for the rest
    const auto rec = m_hub.db().record({c.kind, c.school, c.id});
    return !rec || sees(*rec);
}

} // namespace hubd
