#include "oneroster_schema.hpp"

#include <interop/adapter/support.hpp>

#include <algorithm>
#include <array>
#include <map>

namespace interop::oneroster {
namespace {

using cols = std::string_view;

constexpr cols academic_sessions[] = {"sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"};
constexpr cols orgs[] = {"sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"};
constexpr cols courses[] = {"sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"};
constexpr cols classes[] = {"sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType", "location",
                            "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"};
constexpr cols users[] = {"sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName", "middleName",
                          "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier",
                          "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns"};
constexpr cols roles[] = {"sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"};
constexpr cols user_profiles[] = {"sourcedId", "status", "dateLastModified", "userSourcedId", "profileType", "vendorId", "applicationId",
                                  "description", "credentialType", "username", "password"};
constexpr cols enrollments[] = {"sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"};
constexpr cols demographics[] = {"sourcedId", "status", "dateLastModified", "birthDate", "sex", "americanIndianOrAlaskaNative", "asian",
                                 "blackOrAfricanAmerican", "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
                                 "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus"};
constexpr cols categories[] = {"sourcedId", "status", "dateLastModified", "title", "weight"};
constexpr cols line_items[] = {"sourcedId", "status", "dateLastModified", "title", "description", "assignDate", "dueDate", "classSourcedId",
                               "categorySourcedId", "gradingPeriodSourcedId", "resultValueMin", "resultValueMax"};
constexpr cols results[] = {"sourcedId", "status", "dateLastModified", "lineItemSourcedId", "studentSourcedId", "scoreStatus", "score", "textScore", "scoreDate", "comment"};
constexpr cols score_scales[] = {"sourcedId", "status", "dateLastModified", "title", "type", "orgSourcedId", "courseSourcedId", "classSourcedId", "scoreScaleValue"};
constexpr cols line_item_scales[] = {"lineItemSourcedId", "scoreScaleSourcedId"};
constexpr cols result_scales[] = {"resultSourcedId", "scoreScaleSourcedId"};
constexpr cols line_item_objectives[] = {"lineItemSourcedId", "source", "learningObjectiveId"};
constexpr cols result_objectives[] = {"resultSourcedId", "source", "learningObjectiveId"};

constexpr std::array all_files{
    file_spec{"orgs", orgs},
    file_spec{"academicSessions", academic_sessions},
    file_spec{"courses", courses},
    file_spec{"classes", classes},
    file_spec{"users", users},
    file_spec{"roles", roles},
    file_spec{"userProfiles", user_profiles},
    file_spec{"demographics", demographics},
    file_spec{"enrollments", enrollments},
    file_spec{"categories", categories},
    file_spec{"scoreScales", score_scales},
    file_spec{"lineItems", line_items},
    file_spec{"results", results},
    file_spec{"lineItemScoreScales", line_item_scales, false},
    file_spec{"resultScoreScales", result_scales, false},
    file_spec{"lineItemLearningObjectiveIds", line_item_objectives, false},
    file_spec{"resultLearningObjectiveIds", result_objectives, false},
};

/** Spellings met in real packages, per file ("*" for any), and the 1.2 name they stand for. */
struct variant {
    std::string_view file, spelling, standard;
};
constexpr variant variants[] = {
    {"*", "datalastmodified", "dateLastModified"},       // moodle-enrol's v1p2 fixtures
    {"users", "prefferedgivenname", "preferredGivenName"},
    {"users", "prefferedmiddlename", "preferredMiddleName"},
    {"users", "prefferedfamilyname", "preferredFamilyName"},
    {"users", "agents", "agentSourcedIds"},              // oat-sa's 1.1 sample
    {"users", "orgsourcedids", "orgSourcedIds"},         // 1.1: the user's orgs and role on the user
    {"users", "role", "role"},
    {"classes", "grade", "grades"},                      // 1.0
    {"courses", "grade", "grades"},
    {"courses", "schoolyearid", "schoolYearSourcedId"},  // 1.1
    {"demographics", "usersourcedid", "sourcedId"},      // oat-sa's 1.1 sample
    {"lineItems", "academicsessionsourcedid", "gradingPeriodSourcedId"},
};

} // namespace

std::span<const file_spec> files() { return all_files; }

const file_spec* find_file(std::string_view name) {
    const auto wanted = adapter_support::lower_ascii(std::string(name));
    for (const auto& f : all_files)
        if (adapter_support::lower_ascii(std::string(f.name)) == wanted) return &f;
    return nullptr;
}

std::vector<std::string_view> kinds_of_file(std::string_view file) {
    static const std::map<std::string_view, std::vector<std::string_view>> kinds = {
        {"orgs", {"school"}}, {"academicSessions", {"academic_year", "period"}}, {"courses", {"subject"}}, {"classes", {"class", "group"}},
        {"users", {"student", "staff", "guardian", "guardian_link"}}, {"enrollments", {"membership", "teaching_assignment"}},
        {"lineItems", {"assessment"}}, {"results", {"grade_result"}}};
    const auto it = kinds.find(file);
    return it == kinds.end() ? std::vector<std::string_view>{} : it->second;
}

std::string canonical_column(const file_spec& f, std::string_view header, bool& renamed) {
    renamed = false;
    const auto name = adapter_support::trimmed(header);
    if (name.starts_with("metadata.")) return name;
    if (std::find(f.columns.begin(), f.columns.end(), name) != f.columns.end()) return name;
    const auto lower = adapter_support::lower_ascii(name);
    for (const auto c : f.columns)
        if (adapter_support::lower_ascii(std::string(c)) == lower) {
            renamed = true;
            return std::string(c);
        }
    for (const auto& v : variants)
        if ((v.file == "*" || v.file == f.name) && v.spelling == lower) {
            renamed = name != v.standard;
            return std::string(v.standard);
        }
    return name;
}

} // namespace interop::oneroster
