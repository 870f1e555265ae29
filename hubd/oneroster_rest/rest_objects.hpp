#pragma once
/**
 * @file A school's data as OneRoster 1.2 REST objects: the package the CSV binding writes
 * (same sourcedIds, same mapping), each row turned into its JSON object (GUIDRefs, arrays,
 * booleans and numbers where the REST binding has them), grouped by collection.
 */

#include "oneroster/oneroster_package.hpp"

#include <rapidjson/document.h>

#include <map>
#include <string>
#include <vector>

namespace hubd::oneroster_rest {

/** Where rostering and gradebook objects live (for GUIDRef hrefs). */
inline constexpr std::string_view rostering_base = "/ims/oneroster/rostering/v1p2";
inline constexpr std::string_view gradebook_base = "/ims/oneroster/gradebook/v1p2";

/** The fields an object of that file may have (for `fields=`, `filter` and `sort`). */
std::vector<std::string> field_names(std::string_view file);

/** The objects of one school, by collection (`orgs`, `users`, `lineItems`, …), in package order. */
class school_objects {
public:
    /** `fallback_modified`: dateLastModified of rows that have none (derived rows: sections, categories). */
    school_objects(const interop::oneroster::package& p, const std::string& fallback_modified);
    school_objects(const school_objects&) = delete;
    school_objects& operator=(const school_objects&) = delete;

    const std::vector<const rapidjson::Value*>& of(std::string_view file) const;
    /** The school's org sourcedId. */
    const std::string& org() const { return m_org; }
    /** The package the objects were made from (write-backs read a line item or result against it). */
    const interop::oneroster::package& package() const { return m_package; }

private:
    void build(const interop::oneroster::table& t);
    rapidjson::Value object_of(const interop::oneroster::table& t, const interop::oneroster::row& r);

    interop::oneroster::package m_package;
    std::string m_fallback_modified, m_org;
    rapidjson::Document m_doc; ///< owns every value
    std::map<std::string, std::vector<const rapidjson::Value*>, std::less<>> m_by_file;
    std::map<std::string, std::vector<std::string>, std::less<>> m_children; ///< parent sourcedId → children (orgs, sessions)
    std::map<std::string, std::vector<const interop::oneroster::row*>, std::less<>> m_roles; ///< user sourcedId → roles rows
};

} // namespace hubd::oneroster_rest
