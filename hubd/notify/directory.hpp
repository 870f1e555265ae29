#pragma once
/**
 * @file Who a notification reaches and how, from the school's records in the store: a pupil's
 * legal guardians, the pupil, staff; each with the addresses the school holds, the channels
 * and language the person prefers, and whether they asked for a weekly digest instead.
 */

#include "store/store.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hubd {

struct person_contact {
    std::string id, kind; ///< guardian, student or staff
    std::string name;
    std::string email, mobile;  ///< empty when the school holds none (mobile in E.164)
    bool accepts_sms = false;
    std::vector<std::string> channels; ///< preferred, most preferred first (push, email, sms)
    std::string language = "fr";
    bool digest = false; ///< a plain-text weekly digest instead of a message per event
};

/** A channel and the address to use on it. */
struct route_choice {
    std::string channel, address;
};

/**
 * The person's preferred channels first, then e-mail, then SMS (a mobile with consent), then the
 * app (push) — among `available`, the channels this hub has. nullopt: no way to reach them.
 */
std::optional<route_choice> choose_channel(const person_contact& p, const std::set<std::string>& available);

class directory {
public:
    directory(store& s, std::string school) : m_store(s), m_school(std::move(school)) {}

    /** The pupil's guardians with legal responsibility; all its guardians when its links do not say who has it. */
    std::vector<person_contact> guardians_of(const std::string& pupil);
    std::optional<person_contact> person(const std::string& kind, const std::string& id);
    /** Pupils of these classes or groups, each once. */
    std::vector<std::string> pupils_in(const std::vector<std::string>& classes_or_groups);
    /** Every record id of a kind in the school (pupils, staff). */
    std::vector<std::string> all(const std::string& kind);
    /** A pupil's name as families read it ("Léa Martin"); the id when unknown. */
    std::string name_of(const std::string& kind, const std::string& id);
    /** A record's label field (a subject's), or the id. */
    std::string label_of(const std::string& kind, const std::string& id);

private:
    std::vector<stored_record> every(record_query q);

    store& m_store;
    std::string m_school;
};

} // namespace hubd
