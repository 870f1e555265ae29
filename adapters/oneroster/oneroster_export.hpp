#pragma once
// The model as a OneRoster package. What goes where is in this folder's README; in short:
// schools → orgs, years and periods → academicSessions, subjects → courses, classes and
// groups → classes (homeroom / scheduled), each subject taught to a class or group → a
// scheduled class (a section) with its teachers and the audience's pupils, people → users,
// roles and demographics, memberships → enrollments, assessments and results → lineItems
// (categories by coefficient, score scales by maximum mark) and results.

#include <interop/io/losses.hpp>
#include "oneroster_package.hpp"

#include <interop/model/dataset.hpp>

#include <functional>

namespace interop::oneroster {

struct export_options {
    /** When each record last changed (`2026-11-29T08:00:00.000Z`), for `dateLastModified`; empty: left blank (bulk files may). */
    std::function<std::string(std::string_view kind, const model::record& r)> modified;
};

package to_package(const model::dataset& d, const export_options& opt = {});

/**
 * The dataset as `to_package` can carry it: an org (a school record) for each school the
 * records name without one; without the records it cannot carry, each declared lost (people,
 * links and enrollments of no school or of no class it lists); with what it carries in part
 * declared (a subject code holding a comma; of a guardian's contacts, OneRoster's users hold one
 * email, one mobile and one phone, read back in that order: a work phone as a home phone).
 */
model::dataset as_carried(model::dataset d, io::loss_log& losses);

/** The external id system of a record's OneRoster sourcedId, when it has one of its own (read, or PUT by a client). */
inline constexpr std::string_view ext_system = "oneroster";

/** Extension keys of records read from OneRoster: `oneroster:` + the column they came from. */
inline constexpr std::string_view ext_prefix = "oneroster:";
/** On assessments: the foreign category's title; the learning objectives as `source:id` lines. */
inline constexpr std::string_view ext_category = "oneroster:category";
inline constexpr std::string_view ext_objectives = "oneroster:learningObjectiveIds";

} // namespace interop::oneroster
