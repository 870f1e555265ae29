#pragma once
/**
 * @file The OneRoster collection query: `filter` (`field op 'value'` joined by AND / OR, AND
 * binding tighter; operators = != > >= < <= and ~ for contains), `sort` and `orderBy`,
 * `limit` and `offset`, `fields`. Pure: objects in, the page out; tested without sockets.
 */

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hubd::oneroster_rest {

/** What a bad query gets: the imsx code minor and a message. */
struct query_error {
    std::string code_minor; ///< invalid_filter_field, invalid_selection_field, invalid_sort_field, invalid_blank_selection_field
    std::string message;
};

struct condition {
    std::string field; ///< a top-level field, or `a.b` into an object (a GUIDRef's sourcedId)
    std::string op;
    std::string value;
};

/** OR of ANDs. */
using filter = std::vector<std::vector<condition>>;

/** Parses `filter`; every field must be one of `known`. */
std::variant<filter, query_error> parse_filter(std::string_view text, const std::vector<std::string>& known);

/** Whether an object passes. A GUIDRef compares by its sourcedId; an array passes `~` when an item does (and `=` when one equals). */
bool matches(const rapidjson::Value& object, const filter& f);

struct page_request {
    filter where;
    std::optional<std::string> sort;
    bool descending = false;
    std::size_t limit = 100, offset = 0;
    std::vector<std::string> fields; ///< empty: every field
};

/** The request's query parameters as a page request, or what is wrong with them. */
std::variant<page_request, query_error> parse_page_request(const std::vector<std::pair<std::string, std::string>>& query,
                                                           const std::vector<std::string>& known, std::size_t max_limit);

struct page {
    std::vector<const rapidjson::Value*> items; ///< this page
    std::size_t total = 0;                       ///< matching objects, all pages
};

/** Filters, sorts (stable; by the sort field as number when both are, else as text) and cuts the page. */
page select(const std::vector<const rapidjson::Value*>& objects, const page_request& r);

/** `{"<wrapper>": [ … ]}` with only the requested fields of each object. */
std::string render_collection(std::string_view wrapper, const page& p, const std::vector<std::string>& fields);
std::string render_one(std::string_view wrapper, const rapidjson::Value& object, const std::vector<std::string>& fields);

} // namespace hubd::oneroster_rest
