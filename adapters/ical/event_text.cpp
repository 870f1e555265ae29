#include "event_text.hpp"

#include <interop/adapter/support.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace interop::ical_adapter {

using adapter_support::lower_ascii;
using adapter_support::trimmed;

std::vector<std::string> split_list(std::string_view raw, bool text) {
    std::vector<std::string> out;
    std::string current;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size()) {
            current.push_back(raw[i]);
            current.push_back(raw[++i]);
        } else if (raw[i] == ',') {
            out.push_back(current);
            current.clear();
        } else {
            current.push_back(raw[i]);
        }
    }
    out.push_back(current);
    std::vector<std::string> values;
    for (auto& v : out)
        if (auto t = trimmed(text ? ical::unescape_text(v) : v); !t.empty()) values.push_back(t);
    return values;
}

std::optional<std::int64_t> duration_seconds(std::string_view v) {
    bool negative = !v.empty() && v.front() == '-';
    if (!v.empty() && (v.front() == '-' || v.front() == '+')) v.remove_prefix(1);
    if (v.empty() || v.front() != 'P') return std::nullopt;
    v.remove_prefix(1);
    std::int64_t total = 0, n = 0;
    bool digits = false;
    for (char c : v) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            n = n * 10 + (c - '0');
            digits = true;
            if (n > 100'000'000) return std::nullopt;
            continue;
        }
        static const std::map<char, std::int64_t> units = {{'W', 604800}, {'D', 86400}, {'H', 3600}, {'M', 60}, {'S', 1}};
        if (c == 'T') continue;
        auto u = units.find(c);
        if (u == units.end() || !digits) return std::nullopt;
        total += n * u->second;
        if (total > 10LL * 366 * 86400) return std::nullopt;
        n = 0;
        digits = false;
    }
    if (digits) return std::nullopt; // (more than ten years is no lesson either: refused above)
    return negative ? -total : total;
}

std::vector<std::pair<std::string, std::string>> description_lines(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = std::min(text.find('\n', start), text.size());
        auto line = text.substr(start, end - start);
        if (auto colon = line.find(" : "); colon != std::string::npos) out.push_back({lower_ascii(trimmed(line.substr(0, colon))), trimmed(line.substr(colon + 3))});
        start = end + 1;
    }
    return out;
}

people_and_places labels_of(const ical::component& e) {
    people_and_places out;
    if (const auto* s = e.find("SUMMARY")) out.subject = trimmed(ical::unescape_text(s->value));
    if (const auto* l = e.find("LOCATION")) out.rooms = split_list(l->value, true);
    if (const auto* d = e.find("DESCRIPTION"))
        for (const auto& [key, value] : description_lines(ical::unescape_text(d->value))) {
            auto list = split_list(value, false);
            if (key == "mati\xC3\xA8re" || key == "matiere") out.subject = value;
            else if (key.starts_with("professeur") || key.starts_with("enseignant")) out.teachers = list;
            else if (key.starts_with("classe")) out.classes = list;
            else if (key.starts_with("groupe")) out.groups = list;
            else if (key.starts_with("salle")) out.rooms = list;
            else if (key == "motif") out.reason = value;
        }
    return out;
}

std::optional<std::pair<std::string, std::string>> our_uid(const std::string& uid) {
    static constexpr std::string_view suffix = "@interop-hub";
    if (!uid.ends_with(suffix)) return std::nullopt;
    auto rest = uid.substr(0, uid.size() - suffix.size());
    auto dot = rest.rfind('.');
    if (dot == std::string::npos) return std::nullopt;
    return std::pair{rest.substr(0, dot), rest.substr(dot + 1)};
}

} // namespace interop::ical_adapter
