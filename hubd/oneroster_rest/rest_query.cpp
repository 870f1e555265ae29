#include "oneroster_rest/rest_query.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>

namespace hubd::oneroster_rest {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

bool known_field(const std::string& field, const std::vector<std::string>& known) {
    const auto top = field.substr(0, field.find('.'));
    return std::find(known.begin(), known.end(), top) != known.end();
}

/** One `field op 'value'`; the value runs to the closing quote (a quote inside is doubled). */
std::optional<condition> parse_condition(std::string_view& rest) {
    rest = trim(rest);
    static const char* ops[] = {"!=", ">=", "<=", "=", ">", "<", "~"};
    std::size_t at = std::string_view::npos;
    std::string op;
    for (std::size_t i = 0; i < rest.size() && at == std::string_view::npos; ++i) {
        if (rest[i] == '\'') return std::nullopt;
        for (const char* o : ops)
            if (rest.substr(i).starts_with(o)) {
                at = i;
                op = o;
                break;
            }
    }
    if (at == std::string_view::npos) return std::nullopt;
    condition c{std::string(trim(rest.substr(0, at))), op, {}};
    rest = trim(rest.substr(at + op.size()));
    if (c.field.empty() || rest.empty() || rest.front() != '\'') return std::nullopt;
    std::size_t i = 1;
    for (;; ++i) {
        if (i >= rest.size()) return std::nullopt;
        if (rest[i] == '\'') {
            if (i + 1 < rest.size() && rest[i + 1] == '\'') {
                c.value += '\'';
                ++i;
                continue;
            }
            break;
        }
        c.value += rest[i];
    }
    rest = rest.substr(i + 1);
    return c;
}

std::optional<double> number_of(std::string_view s) {
    double d = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty() ? std::optional(d) : std::nullopt;
}

/** A value as text for comparisons: strings as they are, numbers and booleans written, a GUIDRef by its sourcedId. */
std::optional<std::string> text_of(const rapidjson::Value& v) {
    if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
    if (v.IsBool()) return v.GetBool() ? "true" : "false";
    if (v.IsNumber()) {
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v.GetDouble());
        return std::string(buf, r.ptr);
    }
    if (v.IsObject() && v.HasMember("sourcedId") && v["sourcedId"].IsString()) return std::string(v["sourcedId"].GetString());
    return std::nullopt;
}

/** A UTC timestamp with its fraction to milliseconds (`…:00Z` → `…:00.000Z`), so that instants compare as text. */
std::string instant_text(const std::string& s) {
    if (s.size() < 20 || s[10] != 'T' || s.back() != 'Z') return s;
    const auto dot = s.find('.');
    std::string fraction = dot == std::string::npos ? "" : s.substr(dot + 1, s.size() - dot - 2);
    fraction = (fraction + "000").substr(0, 3);
    return s.substr(0, dot == std::string::npos ? s.size() - 1 : dot) + "." + fraction + "Z";
}

int compare(const std::string& a, const std::string& b) {
    const auto x = number_of(a), y = number_of(b);
    if (x && y) return *x < *y ? -1 : *x > *y ? 1 : 0;
    const auto p = instant_text(a), q = instant_text(b);
    return p < q ? -1 : p == q ? 0 : 1;
}

bool holds(const std::string& have, const condition& c) {
    if (c.op == "~") return have.find(c.value) != std::string::npos;
    const int r = compare(have, c.value);
    if (c.op == "=") return r == 0;
    if (c.op == "!=") return r != 0;
    if (c.op == ">") return r > 0;
    if (c.op == ">=") return r >= 0;
    if (c.op == "<") return r < 0;
    return r <= 0;
}

const rapidjson::Value* field_of(const rapidjson::Value& object, const std::string& path) {
    const rapidjson::Value* v = &object;
    std::size_t start = 0;
    while (v && start <= path.size()) {
        const auto dot = path.find('.', start);
        const auto name = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!v->IsObject()) return nullptr;
        const auto it = v->FindMember(name.c_str());
        v = it == v->MemberEnd() ? nullptr : &it->value;
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return v;
}

bool satisfies(const rapidjson::Value& object, const condition& c) {
    const auto* v = field_of(object, c.field);
    if (!v) return c.op == "!=";
    if (v->IsArray()) {
        const bool any = std::any_of(v->Begin(), v->End(), [&](const rapidjson::Value& item) {
            const auto t = text_of(item);
            return t && holds(*t, c.op == "!=" ? condition{c.field, "=", c.value} : c);
        });
        return c.op == "!=" ? !any : any;
    }
    const auto t = text_of(*v);
    return t ? holds(*t, c) : c.op == "!=";
}

void write_selected(rapidjson::Writer<rapidjson::StringBuffer>& w, const rapidjson::Value& object, const std::vector<std::string>& fields) {
    if (fields.empty()) return (void)object.Accept(w);
    w.StartObject();
    for (const auto& m : object.GetObject())
        if (std::find(fields.begin(), fields.end(), m.name.GetString()) != fields.end()) {
            w.Key(m.name.GetString(), m.name.GetStringLength());
            m.value.Accept(w);
        }
    w.EndObject();
}

} // namespace

std::variant<filter, query_error> parse_filter(std::string_view text, const std::vector<std::string>& known) {
    filter out(1);
    auto rest = trim(text);
    for (;;) {
        auto c = parse_condition(rest);
        if (!c) return query_error{"invalid_filter_field", "the filter is not field op 'value' joined by AND or OR: " + std::string(text)};
        if (!known_field(c->field, known)) return query_error{"invalid_filter_field", "no field " + c->field + " to filter on"};
        out.back().push_back(std::move(*c));
        rest = trim(rest);
        if (rest.empty()) return out;
        if (rest.starts_with("AND ")) rest.remove_prefix(4);
        else if (rest.starts_with("OR ")) {
            rest.remove_prefix(3);
            out.emplace_back();
        } else return query_error{"invalid_filter_field", "expected AND or OR after a condition, at: " + std::string(rest)};
    }
}

bool matches(const rapidjson::Value& object, const filter& f) {
    if (f.empty() || (f.size() == 1 && f.front().empty())) return true;
    return std::any_of(f.begin(), f.end(), [&](const std::vector<condition>& all) {
        return std::all_of(all.begin(), all.end(), [&](const condition& c) { return satisfies(object, c); });
    });
}

std::variant<page_request, query_error> parse_page_request(const std::vector<std::pair<std::string, std::string>>& query,
                                                           const std::vector<std::string>& known, std::size_t max_limit) {
    page_request r;
    for (const auto& [name, value] : query) {
        if (name == "filter") {
            auto f = parse_filter(value, known);
            if (auto* e = std::get_if<query_error>(&f)) return *e;
            r.where = std::get<filter>(std::move(f));
        } else if (name == "sort") {
            if (!known_field(value, known)) return query_error{"invalid_sort_field", "no field " + value + " to sort by"};
            r.sort = value;
        } else if (name == "orderBy") {
            if (value != "asc" && value != "desc") return query_error{"invalid_sort_field", "orderBy is asc or desc"};
            r.descending = value == "desc";
        } else if (name == "limit" || name == "offset") {
            const auto n = number_of(value);
            if (!n || *n < 0 || *n != static_cast<double>(static_cast<std::size_t>(*n)) || (name == "limit" && *n == 0))
                return query_error{"invalid_selection_field", name + " must be a whole number" + (name == "limit" ? " from 1" : "")};
            (name == "limit" ? r.limit : r.offset) = static_cast<std::size_t>(*n);
        } else if (name == "fields") {
            std::size_t start = 0;
            while (start <= value.size()) {
                const auto comma = std::min(value.find(',', start), value.size());
                const auto f = std::string(trim(std::string_view(value).substr(start, comma - start)));
                if (f.empty() || std::find(known.begin(), known.end(), f) == known.end())
                    return query_error{"invalid_selection_field", "no field \"" + f + "\" to select"};
                r.fields.push_back(f);
                start = comma + 1;
            }
        }
    }
    r.limit = std::min(r.limit, max_limit);
    return r;
}

page select(const std::vector<const rapidjson::Value*>& objects, const page_request& r) {
    std::vector<const rapidjson::Value*> kept;
    for (const auto* o : objects)
        if (matches(*o, r.where)) kept.push_back(o);
    if (r.sort) {
        auto key = [&](const rapidjson::Value* o) {
            const auto* v = field_of(*o, *r.sort);
            return v ? text_of(*v).value_or("") : std::string();
        };
        std::stable_sort(kept.begin(), kept.end(), [&](const auto* a, const auto* b) {
            const int c = compare(key(a), key(b));
            return r.descending ? c > 0 : c < 0;
        });
    }
    page p;
    p.total = kept.size();
    const auto from = std::min(r.offset, kept.size());
    const auto to = std::min(kept.size(), from + r.limit);
    p.items.assign(kept.begin() + static_cast<std::ptrdiff_t>(from), kept.begin() + static_cast<std::ptrdiff_t>(to));
    return p;
}

std::string render_collection(std::string_view wrapper, const page& p, const std::vector<std::string>& fields) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key(wrapper.data(), static_cast<rapidjson::SizeType>(wrapper.size()));
    w.StartArray();
    for (const auto* o : p.items) write_selected(w, *o, fields);
    w.EndArray();
    w.EndObject();
    return {buf.GetString(), buf.GetSize()};
}

std::string render_one(std::string_view wrapper, const rapidjson::Value& object, const std::vector<std::string>& fields) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key(wrapper.data(), static_cast<rapidjson::SizeType>(wrapper.size()));
    write_selected(w, object, fields);
    w.EndObject();
    return {buf.GetString(), buf.GetSize()};
}

} // namespace hubd::oneroster_rest
