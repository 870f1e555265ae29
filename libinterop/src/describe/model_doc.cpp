#include "../model/field_rules.hpp"

#include <interop/describe/model_doc.hpp>
#include <interop/model/dataset.hpp>

#include <sstream>

namespace interop::describe {
namespace {

// Type names as the documentation shows them.
std::string type_name(const std::string*) { return "string"; }
std::string type_name(const bool*) { return "boolean"; }
std::string type_name(const int*) { return "integer"; }
std::string type_name(const std::uint64_t*) { return "integer ≥ 0"; }
std::string type_name(const double*) { return "number"; }
std::string type_name(const model::date*) { return "date `YYYY-MM-DD`"; }
std::string type_name(const model::time_of_day*) { return "time `HH:MM`"; }
std::string type_name(const model::date_time*) { return "date-time (RFC 3339)"; }
std::string type_name(const model::extensions*) { return "object of strings"; }
template <model::model_enum E> std::string type_name(const E*) {
    std::string out = "one of ";
    for (auto v : model::enum_names<E>::values) out += (out.size() > 7 ? ", `" : "`") + std::string(v) + "`";
    return out;
}
template <model::has_fields T> std::string type_name(const T*);
template <class T> std::string type_name(const std::optional<T>*) { return type_name(static_cast<const T*>(nullptr)); }
template <class T> std::string type_name(const std::vector<T>*) { return "list of " + type_name(static_cast<const T*>(nullptr)); }

template <class T> std::string struct_name() {
    if constexpr (std::is_same_v<T, model::external_id>) return "external id";
    else if constexpr (std::is_same_v<T, model::contact>) return "contact";
    else if constexpr (std::is_same_v<T, model::calendar_entry>) return "calendar entry";
    else if constexpr (std::is_same_v<T, model::time_slot>) return "time slot";
    else if constexpr (std::is_same_v<T, model::report_subject>) return "report subject";
    else if constexpr (std::is_same_v<T, model::domain_position>) return "domain position";
    else if constexpr (std::is_same_v<T, model::attachment>) return "attachment";
    else if constexpr (std::is_same_v<T, model::translation>) return "translation";
    else return "object";
}
template <model::has_fields T> std::string type_name(const T*) { return "*" + struct_name<T>() + "*"; }

struct row_writer {
    std::ostringstream& out;
    template <class T> void operator()(const char* name, const T&, const char* description) {
        out << "| `" << name << "` | " << type_name(static_cast<const T*>(nullptr)) << " | "
            << (model::detail::may_be_absent<T> ? "" : "yes") << " | " << description << " |\n";
    }
    template <class T> void operator()(const char* name, const T& v, const char* description, const model::bounds& b) {
        const std::string with_bounds =
            std::string(description) + " From " + std::to_string(b.min) + " to " + std::to_string(b.max) + ".";
        (*this)(name, v, with_bounds.c_str());
    }
};

template <class T> void table(std::ostringstream& out) {
    out << "| field | type | required | meaning |\n|---|---|---|---|\n";
    T sample{};
    row_writer rw{out};
    T::fields(sample, rw);
}

template <class T> void value_section(std::ostringstream& out) {
    out << "### " << struct_name<T>() << "\n\n";
    table<T>(out);
    out << "\n";
}

} // namespace

std::string model_reference_markdown() {
    std::ostringstream out;
    out << "## Record kinds\n\nEach kind lists the common fields first. Collection names are those of the "
           "canonical document; NDJSON lines carry `kind`.\n\n";
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        out << "### `" << K::kind << "` (collection `" << K::collection << "`)\n\n" << K::summary << "\n\n";
        table<K>(out);
        out << "\n";
    });
    out << "## Value types\n\n";
    value_section<model::external_id>(out);
    value_section<model::contact>(out);
    value_section<model::calendar_entry>(out);
    value_section<model::time_slot>(out);
    value_section<model::report_subject>(out);
    value_section<model::domain_position>(out);
    value_section<model::attachment>(out);
    value_section<model::translation>(out);
    out << "### provenance\n\nWritten as `provenance` on a record read from a vendor file; not part of its content.\n\n";
    table<model::provenance>(out);
    out << "\n### metadata\n\nMembers of a document's root, or of the NDJSON header line, beside `interop_schema`.\n\n";
    table<model::metadata>(out);
    return out.str();
}

} // namespace interop::describe
