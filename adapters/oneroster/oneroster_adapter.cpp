// OneRoster CSV binding (1.2; 1.1 and 1.0 packages read too): a zip or a folder holding
// manifest.csv and a CSV per entity.

#include "oneroster_export.hpp"
#include "oneroster_import.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

namespace interop {
namespace {

using namespace oneroster;

class oneroster_reader : public reader {
public:
    explicit oneroster_reader(read_options opt) : m_opt(std::move(opt)) {}
    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        read_records(read_package(in, m_opt, diags), m_opt, sink, diags);
    }

private:
    read_options m_opt;
};

/** A manifest naming OneRoster (a package without one is read when asked for by name). */
confidence identify_oneroster(const io::input& in) {
    for (const auto& e : in.entries()) {
        const auto name = adapter_support::lower_ascii(std::filesystem::path(e.name).filename().string());
        if (name != "manifest.csv") continue;
        const auto bytes = in.head(e, 8192);
        const auto head = adapter_support::skip_bom_and_space(bytes);
        if (head.starts_with("propertyName") && (head.find("oneroster.version") != std::string_view::npos || head.find("file.users") != std::string_view::npos))
            return confidence::yes;
    }
    return confidence::no;
}

} // namespace

/**
 * What the OneRoster files hold of each kind (checked by the oracle in tests/adapters/oneroster_test.cpp):
 * the rest is declared lost, `loss.field`. A guardian's contacts are carried in part: the first
 * email, mobile and other phone (`users.email`, `sms`, `phone`); the writer declares the others.
 */
static std::map<std::string_view, std::vector<std::string_view>> fields_written() {
    return {
        {"school", {"uai", "name", "time_zone"}},
        {"academic_year", {"label", "start", "end"}},
        {"period", {"academic_year", "type", "number", "label", "start", "end"}},
        {"subject", {"code", "short_label", "long_label"}},
        {"class", {"code", "label", "level"}},
        {"group", {"code", "label", "type", "classes"}},
        {"teaching_assignment", {"staff", "subject", "group", "group_kind"}},
        {"student", {"external_ids", "last_name", "first_name", "other_first_names", "birth_date", "sex", "ine", "level", "email"}},
        {"staff", {"external_ids", "last_name", "first_name", "birth_date", "email", "functions"}},
        {"guardian", {"external_ids", "last_name", "first_name", "contacts"}},
        {"guardian_link", {"student", "guardian"}},
        {"membership", {"person", "role", "group", "group_kind", "start", "end"}},
        {"assessment", {"subject", "title", "classes", "groups", "teacher", "period", "date", "scale", "coefficient", "bonus", "optional",
                        "visible_to_students_at", "visible_to_guardians_at"}},
        {"grade_result", {"assessment", "student", "status", "value", "comment"}},
    };
}

void register_oneroster(registry& r) {
    r.add({.name = format_name,
           .title = "OneRoster 1.2 CSV package (rostering and gradebook; 1.1 read too)",
           .domains = {"structure", "people", "groups", "school_life"},
           .extensions = {"zip", "csv"},
           .media_type = "application/zip",
           .round_trips = false,
           .identify = identify_oneroster,
           .make_reader = [](const read_options& opt) { return std::make_unique<oneroster_reader>(opt); },
           .make_writer = [](const std::filesystem::path& out, const io::write_options& opt) {
               return adapter_support::whole_dataset_writer(out, [existing = opt.folder, &losses = opt.losses](const model::dataset& d, const std::filesystem::path& path) {
                   write_package(to_package(as_carried(d, losses)), path, existing);
               });
           },
           .writes = {"school", "academic_year", "period", "subject", "class", "group", "teaching_assignment", "student", "staff", "guardian", "guardian_link", "membership", "assessment", "grade_result", "deletion"},
           .fields_written = fields_written()});
}

} // namespace interop
