#pragma once
/**
 * @file What a client receives of a record: only the fields its profile allows (a canteen
 * vendor gets names and classes, not birth dates or phones), and, for a pseudonymous client,
 * people's ids replaced by pseudonyms of its own (HMAC of the id with a key per client), the
 * same in every record, change and filter, and different for every client.
 */

#include "auth/authenticator.hpp"
#include "kinds.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>

namespace hubd {

class presenter {
public:
    /** `master_key`: the hub's secret from which each client's pseudonym key is derived. */
    presenter(const principal& who, const std::string& master_key);

    /** Nothing to change: no profile, not pseudonymous. */
    bool passthrough() const { return m_passthrough; }
    /** The record's JSON as this client may see it. */
    std::string record(const stored_record& r) const;
    /** An id as this client sees it: a pseudonym for people's ids when pseudonymous. */
    std::string id(const std::string& kind, const std::string& school, const std::string& id) const;
    /** The real id behind what the client names in a URL or filter (the same when not pseudonymous). */
    std::optional<std::string> real_person_id(store& s, const std::string& school, const std::string& seen) const;
    bool pseudonymous() const { return m_who.pseudonymous; }
    /** An opaque paging cursor for an id (ids are not readable in it: they may be real people's ids). */
    std::string cursor(const std::string& id) const;
    /** The id behind a cursor this hub gave; nullopt for anything else. */
    std::optional<std::string> cursor_id(const std::string& cursor) const;
    /** Whether the profile allows this field of the kind (always true without a profile for it). */
    bool allows(const std::string& kind, std::string_view field) const;

private:
    std::string pseudonym(const std::string& school, const std::string& id) const;

    const principal& m_who;
    std::string m_master, m_key;
    bool m_passthrough;
};

/** Whether records of this kind are people (their own ids are pseudonymised). */
bool is_person_kind(std::string_view kind);

} // namespace hubd
