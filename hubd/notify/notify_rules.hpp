#pragma once
/**
 * @file A school's notification settings, set by its IT through
 * `PUT /v1/schools/{uai}/settings/notifications`:
 *
 *     {"events": {"absence": ["guardians"], "homework_set": ["students"], "news_published": []},
 *      "sender": {"address": "vie-scolaire@college.example", "name": "Collège Jean Moulin"},
 *      "sms": {"monthly_budget_euros": 40,
 *              "routes": [{"name": "operator-a", "gateway": "kannel", "prefixes": ["+33"], "cents_per_segment": 3.5}]},
 *      "digest": {"at": "friday 17:00"}}
 *
 * Every member is optional. Events left out keep their default audiences (guardians for
 * absences, late arrivals, grades and news; pupils and guardians for timetable changes; pupils
 * for homework); `[]` turns an event off. Without `sms`, the school sends no SMS.
 */

#include <interop/messaging/sms_route.hpp>
#include <interop/policy/disconnect.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hubd {

/** Who an event reaches. */
enum class recipients { guardians, students, staff };

struct notify_rules {
    std::map<std::string, std::vector<recipients>> events;
    std::string sender_address, sender_name;
    std::vector<interop::messaging::sms_route> routes;
    std::map<std::string, std::string> route_gateway; ///< route name → gateway name in hubd's configuration
    std::int64_t budget_millicents = 0;               ///< per month; 0 with no route
    interop::policy::week_time digest_at{5, {17 * 60}};

    /** The audiences of an event (its defaults when the school did not say). */
    std::vector<recipients> audiences(std::string_view event) const;
};

/** @throws interop::parse_error naming the member and the problem. */
notify_rules read_notify_rules(std::string_view json, const std::string& file);

} // namespace hubd
