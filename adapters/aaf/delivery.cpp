#include "delivery.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>

#include <algorithm>
#include <array>
#include <tuple>

namespace interop::aaf {
namespace {

constexpr std::array<std::string_view, file_type_count> type_names{"EtabEducNat", "MatiereEducNat", "MefEducNat",
                                                                   "PersEducNat", "Eleve",          "PersRelEleve"};

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view base_name(std::string_view path) {
    const auto slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/** Reads `…_<Complet|Delta>[_<yyyymmdd>]_<Type>_<nnnn>.xml` from the name; type left unset when absent. */
std::optional<file_type> read_name(std::string_view name, delivery_file& f) {
    name = base_name(name);
    if (name.ends_with(".xml") || name.ends_with(".XML")) name.remove_suffix(4);
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const auto end = name.find('_', start);
        parts.push_back(name.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    std::optional<file_type> type;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i] == "Delta") f.delta = true;
        else if (all_digits(parts[i]) && parts[i].size() == 8) f.date = parts[i];
        else if (all_digits(parts[i]) && i + 1 == parts.size()) f.sequence = parts[i];
        else
            for (std::size_t t = 0; t < type_names.size(); ++t)
                if (parts[i] == type_names[t]) type = static_cast<file_type>(t);
    }
    return type;
}

/** The category of the first request, from the head of the file. */
std::optional<file_type> sniff_type(std::string_view head) {
    for (std::string_view marker : {"categoriePersonne", "categorieStructure", "categorieMatiere", "categorieMef"}) {
        const auto at = head.find(marker);
        if (at == std::string_view::npos) continue;
        const auto open = head.find("<value>", at);
        const auto close = head.find("</value>", open);
        if (open == std::string_view::npos || close == std::string_view::npos) return std::nullopt;
        return type_of_category(head.substr(open + 7, close - open - 7));
    }
    return std::nullopt;
}

} // namespace

std::string_view file_type_name(file_type t) { return type_names[static_cast<std::size_t>(t)]; }

std::optional<file_type> type_of_category(std::string_view category) {
    if (category == "MatEducNat" || category == "MatiereEducNat") return file_type::subject;
    for (std::size_t t = 0; t < type_names.size(); ++t)
        if (category == type_names[t]) return static_cast<file_type>(t);
    return std::nullopt;
}

bool looks_like_aaf(std::string_view head) { return head.find("<ficAlimMENESR") != std::string_view::npos; }

std::vector<delivery_file> plan_delivery(const io::input& in, std::vector<std::string>& skipped) {
    std::vector<delivery_file> files;
    for (const auto& e : in.entries()) {
        const std::string head = in.head(e);
        delivery_file f;
        f.entry = &e;
        auto type = read_name(e.name, f);
        adapter_support::refuse_empty_member(in, e, "aaf");
        if (type && base_name(e.name).starts_with("ENT_") && !looks_like_aaf(head))
            throw parse_error({in.describe(e), 0, 0}, "aaf",
                              "named like an AAF file but not AAF (no root ficAlimMENESR): a delivery with a damaged file is refused whole");
        if (!looks_like_aaf(head) || !(type = type ? type : sniff_type(head))) {
            skipped.push_back(in.describe(e));
            continue;
        }
        f.type = *type;
        files.push_back(std::move(f));
    }
    std::stable_sort(files.begin(), files.end(), [](const delivery_file& a, const delivery_file& b) {
        return std::tie(a.type, a.delta, a.date, a.sequence) < std::tie(b.type, b.delta, b.date, b.sequence);
    });
    return files;
}

} // namespace interop::aaf
