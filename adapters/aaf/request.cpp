#include "request.hpp"

#include <interop/errors.hpp>

#include <algorithm>

namespace interop::aaf {
namespace {

constexpr const char* format_name = "aaf";

std::string_view attribute_value(const std::vector<xml::attribute_view>& attributes, std::string_view name) {
    for (const auto& a : attributes)
        if (a.name == name) return a.value;
    return {};
}

} // namespace

const std::vector<std::string>* request::values(std::string_view name) const {
    for (const auto& a : attributes)
        if (a.name == name) {
            a.used = true;
            return &a.values;
        }
    return nullptr;
}

std::string_view request::first(std::string_view name) const {
    const auto* v = values(name);
    return v && !v->empty() ? std::string_view(v->front()) : std::string_view();
}

void request::replace_with(const request& modification) {
    for (const auto& m : modification.attributes) {
        auto it = std::find_if(attributes.begin(), attributes.end(), [&](const attribute& a) { return a.name == m.name; });
        if (it == attributes.end()) attributes.push_back(m);
        else it->values = m.values;
    }
}

void request_builder::begin(request& target) {
    m_request = &target;
    recycle();
}

void request_builder::recycle() {
    for (auto& a : m_request->attributes) {
        a.values.clear();
        m_spare.push_back(std::move(a));
    }
    m_request->attributes.clear();
    m_request->category.clear();
    m_request->id.clear();
}

void request_builder::start(std::string_view name, const std::vector<xml::attribute_view>& attributes, std::uint64_t line) {
    if (m_open.empty()) {
        if (name != "addRequest" && name != "modifyRequest" && name != "deleteRequest")
            throw parse_error({m_file, line, 0}, format_name, "<" + std::string(name) + "> is not an AAF request");
        m_request->operation = name == "modifyRequest" ? operation::modify : name == "deleteRequest" ? operation::remove : operation::add;
        m_request->line = line;
        m_open.push_back(tag::request);
        return;
    }
    const tag parent = m_open.back();
    tag t = tag::other;
    // Most elements are a value in an attr: test that first.
    if (parent == tag::attr && name == "value") {
        m_request->attributes.back().values.emplace_back();
        t = tag::value;
    } else if (parent == tag::attributes && (name == "attr" || name == "modification")) {
        start_attribute(name, attributes, line);
        t = tag::attr;
    } else if (parent == tag::request) {
        if (name == "operationalAttributes") t = tag::operational;
        else if (name == "identifier") t = tag::identifier;
        else if (name == "attributes" || name == "modifications") t = tag::attributes;
    } else if (parent == tag::identifier && name == "id") t = tag::id;
    else if (parent == tag::operational && name == "attr") t = tag::operational;
    else if (parent == tag::operational && name == "value") {
        m_operational_value = true;
        t = tag::value;
    }
    m_open.push_back(t);
}

void request_builder::start_attribute(std::string_view element, const std::vector<xml::attribute_view>& attributes, std::uint64_t line) {
    const auto attr_name = attribute_value(attributes, "name");
    if (attr_name.empty()) throw parse_error({m_file, line, 0}, format_name, "<" + std::string(element) + "> without a name attribute");
    if (const auto op = attribute_value(attributes, "operation"); element == "modification" && op != "replace")
        throw parse_error({m_file, line, 0}, format_name, "modification operation \"" + std::string(op) + "\" is not replace");
    if (m_spare.empty()) m_request->attributes.emplace_back();
    else {
        m_request->attributes.push_back(std::move(m_spare.back()));
        m_spare.pop_back();
    }
    m_request->attributes.back().name.assign(attr_name);
    m_request->attributes.back().used = false;
}

void request_builder::text(std::string_view text) {
    if (m_open.empty()) return;
    if (m_open.back() == tag::id) m_request->id.append(text);
    else if (m_open.back() == tag::value) {
        if (m_operational_value) m_request->category.append(text);
        else m_request->attributes.back().values.back().append(text);
    }
}

bool request_builder::end() {
    const tag closed = m_open.back();
    m_open.pop_back();
    if (closed == tag::value) {
        if (m_operational_value) m_operational_value = false;
        else if (m_request->attributes.back().values.back().empty()) m_request->attributes.back().values.pop_back(); // <value/>
    }
    if (!m_open.empty()) return false;
    const char* element = m_request->operation == operation::add ? "addRequest" : m_request->operation == operation::modify ? "modifyRequest" : "deleteRequest";
    if (m_request->category.empty())
        throw parse_error({m_file, m_request->line, 0}, format_name, std::string("<") + element + "> without its operationalAttributes category");
    if (m_request->id.empty()) throw parse_error({m_file, m_request->line, 0}, format_name, std::string("<") + element + "> without an identifier/id");
    return true;
}

std::vector<std::string_view> unpack(std::string_view packed) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        const auto end = packed.find('$', start);
        out.push_back(packed.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

} // namespace interop::aaf
