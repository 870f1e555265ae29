#include "../model/field_rules.hpp"

#include <interop/adapter/registry.hpp>
#include <interop/model/field_values.hpp>
#include <interop/errors.hpp>

#include <algorithm>

namespace interop {

std::string_view to_string(confidence c) {
    switch (c) {
    case confidence::no: return "no";
    case confidence::unsure: return "unsure";
    case confidence::yes: return "yes";
    }
    return "?";
}

bool registry::add(adapter_info info) {
    if (find(info.name)) return false;
    m_adapters.push_back(std::move(info));
    return true;
}

const adapter_info* registry::find(std::string_view name) const {
    for (const auto& a : m_adapters)
        if (a.name == name) return &a;
    return nullptr;
}

const adapter_info& registry::get(std::string_view name) const {
    if (const auto* a = find(name)) return *a;
    std::string known;
    for (const auto& a : m_adapters) known += (known.empty() ? "" : ", ") + a.name;
    throw unsupported_format_error("unknown format \"" + std::string(name) + "\"; known formats: " + known);
}

std::vector<registry::verdict> registry::identify_all(const io::input& in) const {
    std::vector<verdict> out;
    for (const auto& a : m_adapters) {
        if (!a.can_read() || !a.identify) continue;
        out.push_back({&a, a.identify(in)});
    }
    return out;
}

namespace {
std::string names(const std::vector<const adapter_info*>& list) {
    std::string out;
    for (const auto* a : list) out += (out.empty() ? "" : ", ") + a->name;
    return out;
}
} // namespace

const adapter_info& registry::identify(const io::input& in) const {
    std::vector<const adapter_info*> yes, unsure;
    for (const auto& v : identify_all(in)) {
        if (v.confidence == confidence::yes) yes.push_back(v.adapter);
        if (v.confidence == confidence::unsure) unsure.push_back(v.adapter);
    }
    if (yes.size() == 1) return *yes.front();
    if (yes.size() > 1)
        throw unsupported_format_error(in.name() + ": several formats claim this input (" + names(yes) + "); name one with --from");
    if (unsure.size() == 1) return *unsure.front();
    if (unsure.size() > 1)
        throw unsupported_format_error(in.name() + ": cannot tell the format; it may be " + names(unsure) + "; name one with --from");
    throw unsupported_format_error(in.name() + ": no registered format reads this input; see `interop formats`");
}

std::vector<std::string_view> every_kind() {
    std::vector<std::string_view> out;
    model::for_each_kind([&]<class K>(std::type_identity<K>) { out.push_back(K::kind); });
    return out;
}

namespace {

/**
 * Passes on the records a format can carry and declares the others lost: records of kinds it
 * has no place for, of a second school in a format of one, and records with a number out of
 * the model's bounds (a weekday 9), which no writer is given.
 */
class carried_kinds_sink : public io::record_sink {
public:
    carried_kinds_sink(const adapter_info& a, std::unique_ptr<io::record_sink> next, io::loss_log& losses)
        : m_format(a.name), m_writes(a.writes), m_uses(a.uses), m_fields(a.fields_written), m_one_school(a.one_school), m_next(std::move(next)),
          m_losses(losses) {}
    void on_metadata(const model::metadata& m) override { m_next->on_metadata(m); }
    void on_record(model::any_record&& r) override {
        const auto [kind, id, school, out_of_bounds] = std::visit(
            [](const auto& k) { return std::tuple{k.kind, k.id, k.school, model::detail::out_of_bounds(k).has_value()}; }, r);
        const std::string record = io::record_name(kind, school, id);
        const bool of_the_school = this->of_the_school(school); // the first school of any record, kept or not, is the one a format of one school holds
        if (std::find(m_writes.begin(), m_writes.end(), kind) == m_writes.end())
            m_losses.record("loss.kind", std::string(kind) + ": " + m_format + " has no place for this kind", record);
        else if (out_of_bounds)
            m_losses.record("loss.out-of-bounds", std::string(kind) + ": a number out of the model's bounds (`interop validate` names it)", record);
        else if (!of_the_school)
            m_losses.record("loss.school", std::string(kind) + ": " + m_format + " holds one school, " + m_school + "; write one file per school", record);
        else {
            if (std::find(m_uses.begin(), m_uses.end(), kind) != m_uses.end())
                m_losses.record("loss.used", std::string(kind) + ": " + m_format + " uses it to make its output but does not carry it as a record", record);
            else
                std::visit([&](const auto& k) { declare_fields(k, record); }, r);
            m_next->on_record(std::move(r));
        }
    }
    void on_end() override { m_next->on_end(); }

private:
    /** The fields `k` holds that the format does not carry, declared as parts lost. */
    template <class K> void declare_fields(const K& k, const std::string& record) {
        const auto carried = m_fields.find(K::kind);
        if (carried == m_fields.end()) return;
        for (const auto field : model::set_fields(k)) {
            if (field == "id" || field == "school" || field == "extensions" || field == "provenance") continue;
            if (std::find(carried->second.begin(), carried->second.end(), field) != carried->second.end()) continue;
            m_losses.part("loss.field." + std::string(field), std::string(K::kind) + "." + std::string(field) + ": " + m_format + " has no place for it", record);
        }
    }

    /** Whether a record of `school` goes in: any, unless the format holds one school and another was met first. */
    bool of_the_school(const std::string& school) {
        if (!m_one_school || school.empty()) return true;
        if (m_school.empty()) m_school = school;
        return school == m_school;
    }

    std::string m_format;
    std::vector<std::string_view> m_writes, m_uses;
    std::map<std::string_view, std::vector<std::string_view>> m_fields;
    bool m_one_school;
    std::string m_school; ///< the school a format of one school holds: the first met
    std::unique_ptr<io::record_sink> m_next;
    io::loss_log& m_losses;
};

} // namespace

std::unique_ptr<io::record_sink> open_writer(const adapter_info& adapter, const std::filesystem::path& out, const io::write_options& opt) {
    if (!adapter.can_write()) throw unsupported_format_error("format " + adapter.name + " cannot be written");
    return std::make_unique<carried_kinds_sink>(adapter, adapter.make_writer(out, opt), opt.losses);
}

} // namespace interop
