#include <interop/errors.hpp>
#include <interop/ical/content.hpp>

#include <algorithm>
#include <cctype>

namespace interop::ical {
namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

/** Physical lines joined into content lines, each remembering where it started. */
class line_source {
public:
    line_source(std::istream& in, const std::string& file, std::size_t max_bytes)
        : m_in(in), m_file(file), m_max(max_bytes) {}

    bool next(std::string& line, std::uint64_t& start) {
        if (!m_has_lookahead && !read_physical(m_lookahead, m_lookahead_line)) return false;
        m_has_lookahead = false;
        line = std::move(m_lookahead);
        start = m_lookahead_line;
        while (read_physical(m_lookahead, m_lookahead_line)) {
            bool continuation = !m_lookahead.empty() && (m_lookahead[0] == ' ' || m_lookahead[0] == '\t');
            if (!continuation) {
                m_has_lookahead = true;
                break;
            }
            if (line.size() + m_lookahead.size() > m_max) fail(m_lookahead_line, "content line longer than the bound");
            line.append(m_lookahead, 1);
        }
        return true;
    }

    [[noreturn]] void fail(std::uint64_t line, const std::string& problem) const {
        throw parse_error({m_file, line, 0}, "ical", problem);
    }

private:
    bool read_physical(std::string& out, std::uint64_t& line) {
        out.clear();
        int c = m_in.get();
        if (c == std::char_traits<char>::eof()) return false;
        line = ++m_physical;
        if (m_physical == 1 && c == 0xEF && m_in.peek() == 0xBB) { // UTF-8 BOM
            m_in.get();
            if (m_in.get() != 0xBF) fail(1, "broken byte order mark");
            c = m_in.get();
        }
        while (c != std::char_traits<char>::eof() && c != '\n') {
            if (out.size() >= m_max) fail(m_physical, "content line longer than the bound");
            out.push_back(static_cast<char>(c));
            c = m_in.get();
        }
        if (!out.empty() && out.back() == '\r') out.pop_back();
        return true;
    }

    std::istream& m_in;
    const std::string& m_file;
    std::size_t m_max;
    std::string m_lookahead;
    bool m_has_lookahead = false;
    std::uint64_t m_physical = 0, m_lookahead_line = 0;
};

std::size_t end_of_quoted(std::string_view s, std::size_t i) {
    auto close = s.find('"', i + 1);
    return close == std::string_view::npos ? s.size() : close + 1;
}

/** `name=value[,value]` list after the property name. */
std::vector<parameter> split_parameters(std::string_view params) {
    std::vector<parameter> out;
    std::size_t i = 0;
    while (i < params.size()) {
        auto eq = params.find('=', i);
        if (eq == std::string_view::npos) eq = params.size();
        parameter p{upper(params.substr(i, eq - i)), {}};
        i = eq + 1;
        std::string value;
        while (i <= params.size()) {
            if (i == params.size() || params[i] == ';' || params[i] == ',') {
                p.values.push_back(std::move(value));
                value.clear();
                if (i == params.size() || params[i] == ';') break;
                ++i;
            } else if (params[i] == '"') {
                auto close = params.find('"', i + 1);
                if (close == std::string_view::npos) close = params.size();
                value.append(params.substr(i + 1, close - i - 1));
                i = std::min(close + 1, params.size());
            } else {
                value.push_back(params[i++]);
            }
        }
        ++i;
        out.push_back(std::move(p));
    }
    return out;
}

/** Index of the `:` that ends the name and parameters, outside quotes. */
std::size_t value_colon(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') i = end_of_quoted(line, i) - 1;
        else if (line[i] == ':') return i;
    }
    return std::string_view::npos;
}

bool valid_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    return true;
}

} // namespace

const std::string* property::parameter_value(std::string_view wanted) const {
    for (const auto& p : parameters)
        if (p.name == wanted && !p.values.empty()) return &p.values.front();
    return nullptr;
}

const property* component::find(std::string_view wanted) const {
    for (const auto& p : properties)
        if (p.name == wanted) return &p;
    return nullptr;
}

std::vector<component> parse(std::istream& in, const std::string& file, const limits& lim) {
    line_source lines(in, file, lim.max_line_bytes);
    std::vector<component> top;
    std::vector<component> open;
    std::string line;
    std::uint64_t at = 0, properties = 0;
    while (lines.next(line, at)) {
        if (line.empty()) continue;
        auto colon = value_colon(line);
        if (colon == std::string::npos) lines.fail(at, "expected name:value, found '" + line.substr(0, 40) + "'");
        std::string_view head(line.data(), colon);
        auto semi = head.find(';');
        auto name = upper(head.substr(0, semi));
        if (!valid_name(name)) lines.fail(at, "bad property name '" + std::string(head.substr(0, semi)) + "'");
        std::string value = line.substr(colon + 1);
        if (name == "BEGIN") {
            if (open.size() >= lim.max_depth) lines.fail(at, "components nested deeper than the bound");
            open.push_back(component{upper(value), {}, {}, at});
        } else if (name == "END") {
            if (open.empty() || open.back().name != upper(value))
                lines.fail(at, "END:" + value + (open.empty() ? " without BEGIN" : " closes " + open.back().name));
            auto done = std::move(open.back());
            open.pop_back();
            (open.empty() ? top : open.back().children).push_back(std::move(done));
        } else {
            if (open.empty()) lines.fail(at, "property " + name + " outside any component");
            if (++properties > lim.max_properties) lines.fail(at, "more properties than the bound");
            auto params = semi == std::string_view::npos ? std::vector<parameter>{} : split_parameters(head.substr(semi + 1));
            open.back().properties.push_back(property{std::move(name), std::move(params), std::move(value), at});
        }
    }
    if (!open.empty()) lines.fail(open.back().line, open.back().name + " is never closed (truncated file?)");
    return top;
}

std::string unescape_text(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\' || i + 1 == value.size()) {
            out.push_back(value[i]);
            continue;
        }
        char next = value[++i];
        out.push_back(next == 'n' || next == 'N' ? '\n' : next);
    }
    return out;
}

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (char c : text) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        case '\n': out += "\\n"; break;
        case '\r': break;
        default: out.push_back(c);
        }
    }
    return out;
}

void append_folded(std::string& out, std::string_view line) {
    constexpr std::size_t max_octets = 75;
    std::size_t room = max_octets; // the first line has 75 octets; the next ones a space and 74
    while (line.size() > room) {
        std::size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut; // not inside a UTF-8 sequence
        out.append(line.substr(0, cut)).append("\r\n ");
        line.remove_prefix(cut);
        room = max_octets - 1;
    }
    out.append(line).append("\r\n");
}

namespace {
std::optional<int> digits(std::string_view s) {
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}
} // namespace

std::optional<model::date> parse_date(std::string_view value) {
    if (value.size() < 8) return std::nullopt;
    if (!digits(value.substr(0, 8))) return std::nullopt;
    std::string text;
    text.append(value.substr(0, 4)).append("-").append(value.substr(4, 2)).append("-").append(value.substr(6, 2));
    return model::parse_date(text);
}

std::optional<date_time_value> parse_date_time(std::string_view value) {
    bool utc = value.size() == 16 && value.back() == 'Z';
    if ((value.size() != 15 && !utc) || value[8] != 'T') return std::nullopt;
    auto day = parse_date(value.substr(0, 8));
    auto h = digits(value.substr(9, 2)), mi = digits(value.substr(11, 2)), s = digits(value.substr(13, 2));
    if (!day || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
    return date_time_value{*day, *h * 3600 + *mi * 60 + std::min(*s, 59), utc};
}

} // namespace interop::ical
