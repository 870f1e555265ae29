#pragma once
// One AAF request (`addRequest`, `modifyRequest`, `deleteRequest`) as the file gives it: an
// identifier and named attributes with their values, before any mapping to the model.

#include <interop/xml/reader.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interop::aaf {

enum class operation { add, modify, remove };

struct attribute {
    std::string name;
    std::vector<std::string> values; ///< empty `<value/>` left out
};

struct request {
    aaf::operation operation = operation::add;
    std::string category; ///< value of the operational attribute: Eleve, PersEducNat, EtabEducNat, …
    std::string id;
    std::vector<attribute> attributes;
    std::uint64_t line = 0;

    /** The attribute's values; nullptr when the request does not name it. */
    const std::vector<std::string>* values(std::string_view name) const;
    /** The first value, or "" when absent or empty. */
    std::string_view first(std::string_view name) const;
    /** Replaces the named attributes with those of a `modifyRequest` (operation="replace"). */
    void replace_with(const request& modification);
};

/** @throws parse_error naming file and line when the request lacks its identifier or category. */
request parse_request(xml::element&& e, const std::string& file);

/** Splits a `$`-packed value into its fields. */
std::vector<std::string_view> unpack(std::string_view packed);

} // namespace interop::aaf
