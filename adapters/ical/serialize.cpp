#include "serialize.hpp"

#include <cstdio>

namespace interop::ical_adapter {
namespace {

bool needs_quotes(std::string_view v) { return v.find_first_of(":;,") != std::string_view::npos; }

std::string content_line(const ical::property& p) {
    std::string line = p.name;
    for (const auto& param : p.parameters) {
        line.append(";").append(param.name).append("=");
        for (std::size_t i = 0; i < param.values.size(); ++i) {
            if (i) line.push_back(',');
            const auto& v = param.values[i];
            if (needs_quotes(v)) line.append("\"").append(v).append("\"");
            else line.append(v);
        }
    }
    return line.append(":").append(p.value);
}

// --- jCal -------------------------------------------------------------------------------

enum class value_type { text, date_time, date, recur, integer, utc_offset };

value_type type_of(const ical::property& p) {
    const auto& n = p.name;
    if (n == "DTSTART" || n == "DTEND" || n == "DTSTAMP" || n == "RECURRENCE-ID" || n == "EXDATE" || n == "RDATE") {
        const auto* v = p.parameter_value("VALUE");
        return v && *v == "DATE" ? value_type::date : value_type::date_time;
    }
    if (n == "RRULE") return value_type::recur;
    if (n == "SEQUENCE") return value_type::integer;
    if (n == "TZOFFSETFROM" || n == "TZOFFSETTO") return value_type::utc_offset;
    return value_type::text;
}

std::string_view type_name(value_type t) {
    switch (t) {
    case value_type::text: return "text";
    case value_type::date_time: return "date-time";
    case value_type::date: return "date";
    case value_type::recur: return "recur";
    case value_type::integer: return "integer";
    case value_type::utc_offset: return "utc-offset";
    }
    return "unknown";
}

void json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') out.append("\\").push_back(ch);
        else if (c == '\n') out.append("\\n");
        else if (c < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", c);
            out.append(esc);
        } else out.push_back(ch);
    }
    out.push_back('"');
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

/** 20250901T080000[Z] → 2025-09-01T08:00:00[Z]; 20250901 → 2025-09-01. */
std::string jcal_time(std::string_view v) {
    std::string out;
    out.append(v.substr(0, 4)).append("-").append(v.substr(4, 2)).append("-").append(v.substr(6, 2));
    if (v.size() >= 15)
        out.append("T").append(v.substr(9, 2)).append(":").append(v.substr(11, 2)).append(":").append(v.substr(13, 2)).append(v.substr(15));
    return out;
}

void jcal_recur(std::string& out, std::string_view rule) {
    out.push_back('{');
    bool first = true;
    while (!rule.empty()) {
        auto part = rule.substr(0, rule.find(';'));
        rule.remove_prefix(std::min(rule.size(), part.size() + 1));
        auto eq = part.find('=');
        auto key = lower(part.substr(0, eq));
        auto value = part.substr(eq + 1);
        if (!first) out.push_back(',');
        first = false;
        json_string(out, key);
        out.push_back(':');
        if (key == "interval" || key == "count") out.append(value);
        else if (key == "until") json_string(out, jcal_time(value));
        else json_string(out, value);
    }
    out.push_back('}');
}

void jcal_value(std::string& out, value_type t, std::string_view v) {
    switch (t) {
    case value_type::text: json_string(out, ical::unescape_text(v)); break;
    case value_type::date_time:
    case value_type::date: json_string(out, jcal_time(v)); break;
    case value_type::recur: jcal_recur(out, v); break;
    case value_type::integer: out.append(v); break;
    case value_type::utc_offset: json_string(out, std::string(v.substr(0, 3)) + ":" + std::string(v.substr(3))); break;
    }
}

} // namespace

void write_jcal(std::string& out, const ical::property& p) {
    auto type = type_of(p);
    out.push_back('[');
    json_string(out, lower(p.name));
    out.append(",{");
    bool first = true;
    for (const auto& param : p.parameters) {
        if (param.name == "VALUE" || param.values.empty()) continue;
        if (!first) out.push_back(',');
        first = false;
        json_string(out, lower(param.name));
        out.push_back(':');
        json_string(out, param.values.front());
    }
    out.append("},");
    json_string(out, type_name(type));
    bool multi = p.name == "EXDATE" || p.name == "RDATE" || p.name == "CATEGORIES";
    std::string_view rest = p.value;
    do {
        auto item = multi ? rest.substr(0, rest.find(',')) : rest;
        rest.remove_prefix(std::min(rest.size(), item.size() + 1));
        out.push_back(',');
        jcal_value(out, type, item);
    } while (multi && !rest.empty());
    out.push_back(']');
}

void write_text(std::string& out, const ical::property& p) { ical::append_folded(out, content_line(p)); }

void write_text(std::string& out, const ical::component& c) {
    ical::append_folded(out, "BEGIN:" + c.name);
    for (const auto& p : c.properties) write_text(out, p);
    for (const auto& child : c.children) write_text(out, child);
    ical::append_folded(out, "END:" + c.name);
}

void write_jcal(std::string& out, const ical::component& c) {
    out.push_back('[');
    json_string(out, lower(c.name));
    out.append(",[");
    for (std::size_t i = 0; i < c.properties.size(); ++i) {
        if (i) out.push_back(',');
        write_jcal(out, c.properties[i]);
    }
    out.append("],[");
    for (std::size_t i = 0; i < c.children.size(); ++i) {
        if (i) out.push_back(',');
        write_jcal(out, c.children[i]);
    }
    out.append("]]");
}

std::string content_digest(const ical::component& event) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const auto& p : event.properties) {
        if (p.name == "DTSTAMP" || p.name == "SEQUENCE" || p.name.starts_with("X-INTEROP")) continue;
        for (unsigned char c : content_line(p) + "\n") {
            h ^= c;
            h *= 1099511628211ULL;
        }
    }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

} // namespace interop::ical_adapter
