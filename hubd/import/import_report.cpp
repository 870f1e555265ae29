#include "import/import_report.hpp"

#include "json_writer.hpp"

namespace hubd {

kind_counts import_report::totals() const {
    kind_counts t;
    for (const auto& [kind, c] : kinds) {
        t.created += c.created;
        t.updated += c.updated;
        t.deleted += c.deleted;
        t.unchanged += c.unchanged;
    }
    return t;
}

namespace {

void write_counts(json_writer& w, const kind_counts& c) {
    w.StartObject();
    w.member("created", c.created).member("updated", c.updated).member("deleted", c.deleted).member("unchanged", c.unchanged);
    w.EndObject();
}

void write_diagnostic(json_writer& w, const interop::diagnostic& d, const import_report& r) {
    w.StartObject();
    w.member("severity", interop::to_string(d.severity)).member("code", d.code);
    if (!d.record.empty()) w.member("record", d.record);
    w.member("message", d.message);
    if (!d.where.file.empty()) {
        const bool spooled = !r.spooled_as.empty() && d.where.file.starts_with(r.spooled_as);
        w.member("file", spooled ? r.source + d.where.file.substr(r.spooled_as.size()) : d.where.file);
    }
    if (d.where.line) w.member("line", d.where.line);
    if (d.where.column) w.member("column", d.where.column);
    w.EndObject();
}

} // namespace

std::string import_report::to_json(const std::string& id, const std::string& school, const std::string& status,
                                   std::int64_t received_at, std::int64_t finished_at) const {
    json_writer w;
    w.StartObject();
    w.member("id", id).member("school", school).member("status", status).member("format", format).member("source", source);
    if (!scope.empty()) w.member("scope", scope);
    w.member("received_at", iso_time(received_at)).member("finished_at", iso_time(finished_at));
    w.member("duration_ms", finished_at - received_at).member("records", records);
    w.Key("changes");
    write_counts(w, totals());
    w.Key("kinds");
    w.StartObject();
    for (const auto& [kind, c] : kinds) {
        w.Key(kind.c_str());
        write_counts(w, c);
    }
    w.EndObject();
    if (last_seq) w.member("first_seq", first_seq).member("last_seq", last_seq);
    if (error) w.member("error", *error);
    w.Key("diagnostics");
    w.StartArray();
    for (const auto& d : diags.items()) write_diagnostic(w, d, *this);
    w.EndArray();
    if (diags.dropped()) w.member("diagnostics_dropped", diags.dropped());
    w.EndObject();
    return w.str();
}

} // namespace hubd
