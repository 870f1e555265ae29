#include <interop/adapter/registry.hpp>
#include <interop/errors.hpp>

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

} // namespace interop
