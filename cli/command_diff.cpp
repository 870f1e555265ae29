#include "commands.hpp"
#include "options.hpp"

#include <interop/diff/diff.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <iostream>

namespace interop::cli {
namespace {

constexpr const char* diff_help = R"(usage: interop diff [--from FORMAT] [--json] OLD NEW

Compares two datasets record by record (kind, school and id) and reports what was created,
updated and deleted, per kind: "kind: +created ~updated -deleted". --json prints the counts
and every change. Provenance (where a record was read from) is not content.
)";

void print_text(const diff_result& d) {
    std::size_t total = 0;
    for (const auto& [kind, c] : d.counts) {
        std::cout << kind << ": +" << c.created << " ~" << c.updated << " -" << c.deleted << '\n';
        total += c.created + c.updated + c.deleted;
    }
    std::cout << "changes: " << total << '\n';
}

void print_json(const diff_result& d) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    w.Key("counts");
    w.StartObject();
    for (const auto& [kind, c] : d.counts) {
        w.Key(kind.c_str());
        w.StartObject();
        w.Key("created");
        w.Uint64(c.created);
        w.Key("updated");
        w.Uint64(c.updated);
        w.Key("deleted");
        w.Uint64(c.deleted);
        w.EndObject();
    }
    w.EndObject();
    w.Key("changes");
    w.StartArray();
    for (const auto& c : d.changes) {
        w.StartObject();
        w.Key("op");
        w.String(std::string(to_string(c.op)).c_str());
        w.Key("kind");
        w.String(c.kind.c_str());
        w.Key("school");
        w.String(c.school.c_str());
        w.Key("id");
        w.String(c.id.c_str());
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::cout << buffer.GetString() << '\n';
}

} // namespace

int diff_command(const registry& reg, const args& a) {
    options o(a, {"--json"}, {"--from"});
    if (o.flag("--help")) return help(diff_help);
    o.expect_positional(2, "interop diff [--from FORMAT] [--json] OLD NEW");
    diagnostics diags;
    const auto before = read_dataset(reg, o.positional()[0], o.value("--from"), diags);
    const auto after = read_dataset(reg, o.positional()[1], o.value("--from"), diags);
    print_diagnostics(diags);
    const auto result = diff(before, after);
    o.flag("--json") ? print_json(result) : print_text(result);
    return ok;
}

} // namespace interop::cli
