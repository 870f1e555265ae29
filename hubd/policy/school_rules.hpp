#pragma once
/**
 * @file A school's rules as hubd applies them: its right-to-disconnect windows, grade release
 * delay and notification settings, from its settings documents and its school record. Kept
 * per school and rebuilt when any of them changes.
 */

#include "notify/notify_rules.hpp"
#include "store/store.hpp"

#include <interop/policy/settings.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace hubd {

/** The settings documents a school has: `policy` (interop::policy::read_school_policy) and `notifications`. */
inline constexpr std::array<std::string_view, 2> school_setting_names{"policy", "notifications"};

struct school_rules {
    std::string school, name; ///< UAI and the name families read (the record's, else the UAI)
    interop::policy::school_policy policy;
    std::shared_ptr<const interop::policy::right_to_disconnect> window;
    notify_rules notify;

    /** The first instant (ms) from `at` on when items may go out to `who`. */
    millis opens_at(millis at, interop::policy::audience who) const;
    /** A date-time as an instant (ms): with its offset, else in the school's time. */
    millis instant(const interop::model::date_time& t) const;
};

/**
 * What an operator must know when the school holidays hubd ships end before `now`: the right to
 * disconnect then holds items over nights, weekends, public holidays and closures, not over the
 * zones' school holidays. Nothing while they are known.
 */
std::optional<std::string> holidays_warning(millis now);

/**
 * Checks a settings document before it is stored.
 * @throws interop::parse_error naming the member and the problem.
 */
void check_school_setting(const std::string& name, const std::string& json);

class school_rule_book {
public:
    explicit school_rule_book(store& s) : m_store(s) {}

    /** The school's current rules (defaults for what it did not set). */
    std::shared_ptr<const school_rules> of(const std::string& school);

private:
    std::string version_of(const std::string& school);

    store& m_store;
    std::mutex m_mutex;
    std::map<std::string, std::pair<std::string, std::shared_ptr<const school_rules>>> m_cache; ///< school → (version, rules)
};

} // namespace hubd
