#include "commands.hpp"
#include "options.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <iostream>
#include <map>
#include <set>

namespace interop::cli {
namespace {

constexpr const char* inspect_help = R"(usage: interop inspect [--from FORMAT] [--json] [--school UAI] [--school-year FIRST:LAST] [--key PEM] [--partner NAME] [--mapping FILE] FILE

Summarises FILE without keeping it in memory: one "kind: count" line per kind present,
the schools it covers and the span of dates found in its records (birth dates and
erase-after dates left out).
--json prints the same as a JSON object.
)";

/**
 * Widens [first, last] with the dates found in a record's fields: the span the data covers.
 * Birth dates and erase-after dates say nothing of that span and are left out.
 */
struct date_span {
    std::optional<model::date> first, last;

    void see(const model::date& d) {
        if (!first || d < *first) first = d;
        if (!last || *last < d) last = d;
    }
    void value(const model::date& d) { see(d); }
    void value(const model::date_time& t) { see(t.day); }
    template <class T> void value(const std::optional<T>& v) {
        if (v) value(*v);
    }
    template <class T> void value(const std::vector<T>& v) {
        for (const auto& item : v) value(item);
    }
    template <model::has_fields T> void value(const T& v) { T::fields(v, *this); }
    template <class T> void value(const T&) {}
    template <class T, class... Rules> void operator()(const char* name, const T& v, const char*, const Rules&...) {
        if (std::string_view(name) != "birth_date" && std::string_view(name) != "erase_after") value(v);
    }
};

class summary_sink : public io::record_sink {
public:
    void on_record(model::any_record&& r) override {
        std::visit(
            [&]<class K>(const K& rec) {
                ++counts[std::string(K::kind)];
                schools[rec.school];
                if constexpr (std::is_same_v<K, model::establishment>) schools[rec.school] = rec.name;
                dates.value(rec);
            },
            r);
    }
    std::map<std::string, std::size_t> counts;
    std::map<std::string, std::string> schools; // UAI → name when known
    date_span dates;
};

void print_text(const summary_sink& s) {
    for (auto kind : model::kind_names()) {
        auto it = s.counts.find(std::string(kind));
        if (it != s.counts.end()) std::cout << kind << ": " << it->second << '\n';
    }
    for (const auto& [uai, name] : s.schools) std::cout << "school: " << uai << (name.empty() ? "" : " " + name) << '\n';
    if (s.dates.first) std::cout << "dates: " << model::to_string(*s.dates.first) << " .. " << model::to_string(*s.dates.last) << '\n';
}

void print_json(const summary_sink& s) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    w.Key("counts");
    w.StartObject();
    for (const auto& [kind, n] : s.counts) {
        w.Key(kind.c_str());
        w.Uint64(n);
    }
    w.EndObject();
    w.Key("schools");
    w.StartArray();
    for (const auto& [uai, name] : s.schools) {
        w.StartObject();
        w.Key("uai");
        w.String(uai.c_str());
        if (!name.empty()) {
            w.Key("name");
            w.String(name.c_str());
        }
        w.EndObject();
    }
    w.EndArray();
    if (s.dates.first) {
        w.Key("dates");
        w.StartObject();
        w.Key("first");
        w.String(model::to_string(*s.dates.first).c_str());
        w.Key("last");
        w.String(model::to_string(*s.dates.last).c_str());
        w.EndObject();
    }
    w.EndObject();
    std::cout << buffer.GetString() << '\n';
}

} // namespace

int inspect_command(const registry& reg, const args& a) {
    options o(a, {"--json"}, {"--from", "--school", "--school-year", "--key", "--partner", "--mapping"});
    if (o.flag("--help")) return help(inspect_help);
    o.expect_positional(1, "interop inspect [--from FORMAT] [--json] [--school UAI] [--school-year FIRST:LAST] [--key PEM] [--partner NAME] [--mapping FILE] FILE");
    summary_sink summary;
    diagnostics diags;
    read_input(reg, o.positional()[0], o.value("--from"), summary, diags, reading_options(o));
    print_diagnostics(diags);
    o.flag("--json") ? print_json(summary) : print_text(summary);
    return ok;
}

} // namespace interop::cli
