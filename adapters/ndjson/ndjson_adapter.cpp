// Canonical JSON, stream form: one record a line.

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>
#include <interop/json/canonical.hpp>

namespace interop {
namespace {

constexpr const char* format_name = "ndjson";

class ndjson_reader : public reader {
public:
    explicit ndjson_reader(const read_options& opt) : m_limits(adapter_support::json_limits(opt)) {}
    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        const auto& entry = adapter_support::only_entry(in, format_name);
        auto stream = in.open_entry(entry);
        json::read_ndjson(*stream, in.describe(entry), sink, diags, m_limits);
    }

private:
    json::limits m_limits;
};

confidence identify_ndjson(const io::input& in) {
    if (in.entries().size() != 1) return confidence::no;
    const std::string head = in.head(in.entries().front());
    const std::string_view text = adapter_support::skip_bom_and_space(head);
    const auto newline = text.find('\n');
    if (!text.starts_with('{') || newline == std::string_view::npos) return confidence::no;
    const auto kind = json::kind_of_line(text.substr(0, newline));
    if (!kind) return confidence::no;
    if (*kind == "dataset") return confidence::yes;
    for (auto known : model::kind_names())
        if (known == *kind) return confidence::yes;
    return confidence::no;
}

} // namespace

void register_ndjson(registry& r) {
    r.add({.name = format_name,
           .title = "Interop Hub canonical JSON (NDJSON stream)",
           .domains = {std::begin(all_domains), std::end(all_domains)},
           .extensions = {"ndjson", "jsonl"},
           .media_type = "application/x-ndjson",
           .round_trips = true,
           .identify = identify_ndjson,
           .make_reader = [](const read_options& o) { return std::make_unique<ndjson_reader>(o); },
           .make_writer = [](const std::filesystem::path& out, const io::write_options&) {
               return adapter_support::committing_writer(out, json::make_ndjson_writer);
           },
           .writes = every_kind()});
}

} // namespace interop
