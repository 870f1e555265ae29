// Canonical JSON, document form.

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>
#include <interop/json/canonical.hpp>

namespace interop {
namespace {

constexpr const char* format_name = "json";

class json_reader : public reader {
public:
    explicit json_reader(const read_options& opt) : m_limits(adapter_support::json_limits(opt)) {}
    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        const auto& entry = adapter_support::only_entry(in, format_name);
        auto stream = in.open_entry(entry);
        json::read_document(*stream, in.describe(entry), sink, diags, m_limits);
    }

private:
    json::limits m_limits;
};

confidence identify_json(const io::input& in) {
    if (in.entries().size() != 1) return confidence::no;
    const std::string head = in.head(in.entries().front());
    const std::string_view text = adapter_support::skip_bom_and_space(head);
    if (!text.starts_with('{')) return confidence::no;
    const auto first_line = text.substr(0, text.find('\n'));
    if (first_line.find("\"kind\"") != std::string_view::npos) return confidence::no; // NDJSON
    return text.find("\"interop_schema\"") != std::string_view::npos ? confidence::yes : confidence::no;
}

} // namespace

void register_json(registry& r) {
    r.add({.name = format_name,
           .title = "Interop Hub canonical JSON (document)",
           .domains = {std::begin(all_domains), std::end(all_domains)},
           .extensions = {"json"},
           .media_type = "application/vnd.interop+json",
           .round_trips = true,
           .identify = identify_json,
           .make_reader = [](const read_options& o) { return std::make_unique<json_reader>(o); },
           .make_writer = [](const std::filesystem::path& out, const io::write_options&) {
               return adapter_support::committing_writer(out, json::make_document_writer);
           },
           .writes = every_kind()});
}

} // namespace interop
