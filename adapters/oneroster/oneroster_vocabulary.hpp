#pragma once
// What OneRoster and the model call by different names: roles, grade levels, score statuses,
// and the opaque sourcedIds written for the model's records. Shared by the CSV binding and
// the hub's REST binding.

#include <interop/model/people.hpp>
#include <interop/model/school_life.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interop::oneroster {

/**
 * The sourcedId of a model record: a UUID (version 8) made from SHA-256 of its kind, school
 * and id. Stable across imports, and it holds no personal data even when the id does (ONDE
 * names people by their names).
 */
std::string sourced_id(std::string_view kind, std::string_view school, std::string_view id);

/** CEDS grade (`06`) of a French level (`6e`, `6EME`, `CM2`, `2nde`, …); nullopt when unknown. */
std::optional<std::string> ceds_grade(std::string_view level);
/** The French level of a CEDS grade (`06` → `6e`); nullopt when none. */
std::optional<std::string> french_level(std::string_view grade);

/** The OneRoster role of a member of staff, from the first of their function codes (ENS teacher, DIR principal, …). */
std::string staff_role(const std::vector<std::string>& functions);
/** What a OneRoster role makes of a user. */
enum class role_kind { student, staff, guardian, none };
role_kind kind_of_role(std::string_view role);
/** The function code of a OneRoster staff role (teacher → ENS, principal → DIR, …). */
std::string function_of_role(std::string_view role);

/** scoreStatus and textScore of a result. */
struct score_status {
    std::string status, text;
};
score_status score_status_of(model::grade_status s);
model::grade_status grade_status_of(std::string_view score_status, std::string_view text_score);

/** `male`/`female` of the model's M/F; empty otherwise. */
std::string sex_of(std::string_view model_sex);
std::optional<std::string> model_sex(std::string_view oneroster_sex);

/** Dates as packages write them: 2026-09-01, 2026-09-01T08:00:00Z, 2026-09-01 08:00:00, 1/09/2026 (day first). */
struct lenient_date {
    std::optional<model::date> day;
    bool unusual = false; ///< not YYYY-MM-DD: worth a warning
};
lenient_date parse_lenient_date(std::string_view text);

/** true/false in any case, 1/0, yes/no; nullopt otherwise. */
std::optional<bool> parse_bool(std::string_view text);

/** `a,b, c` → {a, b, c}. */
std::vector<std::string> split_list(std::string_view text);
std::string join_list(const std::vector<std::string>& items);

/** `{system:id},{LDAP:12}` ↔ external ids. */
std::vector<model::external_id> parse_user_ids(std::string_view text);
std::string user_ids_text(const std::vector<model::external_id>& ids);

/** A number as OneRoster writes it: shortest form, `.` decimal point. */
std::string number_text(double v);

} // namespace interop::oneroster
