#include "request.hpp"

#include <interop/errors.hpp>

#include <algorithm>

namespace interop::aaf {
namespace {

constexpr const char* format_name = "aaf";

std::vector<std::string> non_empty_values(xml::element& attr) {
    std::vector<std::string> out;
    for (auto& v : attr.children)
        if (v.name == "value" && !v.text.empty()) out.push_back(std::move(v.text));
    return out;
}

/** `attr` (in attributes) or `modification` (in modifications) children, by name. */
void collect_attributes(xml::element& holder, std::string_view tag, request& r, const std::string& file) {
    for (auto& a : holder.children) {
        if (a.name != tag) continue;
        const std::string* name = a.attribute("name");
        if (!name || name->empty())
            throw parse_error({file, a.line, 0}, format_name, "<" + std::string(tag) + "> without a name attribute");
        if (const std::string* op = a.attribute("operation"); op && *op != "replace")
            throw parse_error({file, a.line, 0}, format_name, "modification operation \"" + *op + "\" is not replace");
        r.attributes.push_back({*name, non_empty_values(a)});
    }
}

operation operation_of(std::string_view element_name) {
    if (element_name == "modifyRequest") return operation::modify;
    if (element_name == "deleteRequest") return operation::remove;
    return operation::add;
}

} // namespace

const std::vector<std::string>* request::values(std::string_view name) const {
    for (const auto& a : attributes)
        if (a.name == name) return &a.values;
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

request parse_request(xml::element&& e, const std::string& file) {
    request r;
    r.operation = operation_of(e.name);
    r.line = e.line;
    if (const auto* op = e.child("operationalAttributes"); op && op->child("attr") && op->child("attr")->child("value"))
        r.category = op->child("attr")->child_text("value");
    if (r.category.empty())
        throw parse_error({file, e.line, 0}, format_name, "<" + e.name + "> without its operationalAttributes category");
    if (const auto* ident = e.child("identifier")) r.id = ident->child_text("id");
    if (r.id.empty()) throw parse_error({file, e.line, 0}, format_name, "<" + e.name + "> without an identifier/id");
    for (auto& c : e.children) {
        if (c.name == "attributes") collect_attributes(c, "attr", r, file);
        else if (c.name == "modifications") collect_attributes(c, "modification", r, file);
    }
    return r;
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
