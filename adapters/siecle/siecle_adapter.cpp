// SIECLE / BEE XML exports of one school (ElevesSansAdresses, ElevesAvecAdresses,
// ResponsablesAvecAdresses, Nomenclature, Structures): one file, or a set of them in a
// folder or zip joined into one dataset.

#include "bee_export.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

#include <algorithm>

namespace interop {
namespace {

constexpr const char* format_name = "siecle";

struct export_file {
    const io::input::entry* entry;
    siecle::export_kind kind;
};

class siecle_reader : public reader {
public:
    explicit siecle_reader(const read_options& opt) : m_limits(adapter_support::xml_limits(opt)) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        std::vector<export_file> files;
        for (const auto& e : in.entries()) {
            adapter_support::refuse_empty_member(in, e, format_name);
            if (const auto kind = siecle::kind_of_head(in.head(e))) files.push_back({&e, *kind});
            else diags.add(severity::info, "siecle.skipped", "", "not a SIECLE BEE export: left out", {in.describe(e), 0, 0});
        }
        if (files.empty()) throw parse_error({in.name(), 0, 0}, format_name, "no SIECLE BEE export (BEE_ELEVES, BEE_RESPONSABLES, …) in the input");
        std::stable_sort(files.begin(), files.end(), [](const export_file& a, const export_file& b) { return a.kind < b.kind; });

        model::metadata metadata;
        metadata.source = format_name;
        adapter_support::metadata_first_sink out(sink, metadata);
        siecle::bee_mapper mapper(out, diags);
        for (const auto& f : files) read_file(in, f, mapper, metadata, out);
        out.on_end();
        sink.on_end();
    }

private:
    void read_file(const io::input& in, const export_file& f, siecle::bee_mapper& mapper, model::metadata& metadata,
                   const adapter_support::metadata_first_sink& out) {
        const std::string file = in.describe(*f.entry);
        mapper.begin_file(f.kind, file);
        xml::events ev;
        // PARAMETRES (root/PARAMETRES) and each record (root/DONNEES/<section>/<record>).
        ev.capture = [](const std::vector<std::string>& path) {
            return (path.size() == 2 && path[1] == "PARAMETRES") || (path.size() == 4 && path[1] == "DONNEES");
        };
        ev.on_root = [&](const xml::element& root) {
            if (root.name != siecle::root_name(f.kind))
                throw parse_error({file, root.line, 0}, format_name, "root element is <" + root.name + ">, not <" + std::string(siecle::root_name(f.kind)) + ">");
            if (const auto* version = root.attribute("VERSION"); version && !out.sent())
                metadata.extensions["siecle:" + root.name + ".VERSION"] = *version;
        };
        ev.on_element = [&](xml::element&& e) {
            if (e.name != "PARAMETRES") return mapper.element(e);
            mapper.parameters(e);
            if (!out.sent()) siecle::describe_export(e, metadata);
        };
        auto stream = in.open_entry(*f.entry);
        xml::read(*stream, file, format_name, ev, m_limits);
        mapper.end_file();
    }

    xml::limits m_limits;
};

confidence identify_siecle(const io::input& in) {
    for (const auto& e : in.entries())
        if (siecle::kind_of_head(in.head(e))) return confidence::yes;
    return confidence::no;
}

} // namespace

void register_siecle(registry& r) {
    r.add({.name = format_name,
           .title = "SIECLE / BEE exports (élèves, responsables, nomenclatures, structures)",
           .domains = {"structure", "people", "groups"},
           .extensions = {"xml", "zip"},
           .media_type = "application/xml",
           .round_trips = false,
           .identify = identify_siecle,
           .make_reader = [](const read_options& o) { return std::make_unique<siecle_reader>(o); },
           .make_writer = {},
           .writes = {}});
}

} // namespace interop
