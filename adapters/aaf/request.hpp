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
    mutable bool used = false;       ///< read by the mapping (what is not goes to extensions)
};

struct request {
    aaf::operation operation = operation::add;
    std::string category; ///< value of the operational attribute: Eleve, PersEducNat, EtabEducNat, …
    std::string id;
    std::vector<attribute> attributes;
    std::uint64_t line = 0;

    /** The attribute's values, marking it used; nullptr when the request does not name it. */
    const std::vector<std::string>* values(std::string_view name) const;
    /** The first value, or "" when absent or empty. */
    std::string_view first(std::string_view name) const;
    /** Replaces the named attributes with those of a `modifyRequest` (operation="replace"). */
    void replace_with(const request& modification);
};

/**
 * Builds requests from the XML layer's streamed events (`xml::events::on_start` …), reusing
 * their storage from one request to the next: no element tree, few allocations.
 */
class request_builder {
public:
    explicit request_builder(const std::string& file) : m_file(file) {}
    /** Whether no request is open: call `begin` before the next start tag. */
    bool idle() const { return m_open.empty(); }
    /** The next request is built into `target`, whose storage is reused. */
    void begin(request& target);
    /** @throws parse_error naming the file and line: an element that is not a request, an attr without a name. */
    void start(std::string_view name, const std::vector<xml::attribute_view>& attributes, std::uint64_t line);
    void text(std::string_view text);
    /**
     * True when a whole request has just ended in the target given to `begin`.
     * @throws parse_error when it lacks its category or identifier.
     */
    bool end();

private:
    enum class tag { request, operational, identifier, id, attributes, attr, value, other };
    void recycle();
    void start_attribute(std::string_view element, const std::vector<xml::attribute_view>& attributes, std::uint64_t line);

    const std::string& m_file;
    request m_unused;
    request* m_request = &m_unused;
    std::vector<attribute> m_spare;
    std::vector<tag> m_open;
    bool m_operational_value = false;
};

/** Splits a `$`-packed value into its fields. */
std::vector<std::string_view> unpack(std::string_view packed);

} // namespace interop::aaf
