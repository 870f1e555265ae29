#pragma once
/** @file What a family-facing client is shown: the school's policies applied at the hub's policy time. */

#include "auth/authenticator.hpp"
#include "store/store.hpp"

#include <map>
#include <memory>

namespace hubd {

class hub;
struct school_rules;

class family_view {
public:
    family_view(const principal& who, hub& h);
    /** True for every record when the client is not family-facing. */
    bool sees(const stored_record& r);
    /** Like sees(), for a change: deletions are always shown. */
    bool sees(const change_entry& c);
    bool active() const { return m_active; }

private:
    hub& m_hub;
    bool m_active;
    millis m_now;
    std::map<std::string, std::shared_ptr<const school_rules>> m_rules;
};

} // namespace hubd
