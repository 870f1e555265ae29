#include "import/importer.hpp"

#include "delivery/outbox.hpp"
#include "import/import_report.hpp"
#include "import/record_index.hpp"
#include "kinds.hpp"

#include <interop/errors.hpp>
#include <interop/io/input.hpp>
#include <interop/io/sink.hpp>

#include <map>
#include <set>

namespace hubd {

namespace {

/** Thrown inside an import to fail it with a message (a record of another school). */
struct refused : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/** Thrown when the file holds a kind the sender may not write. */
struct forbidden : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Records that only link a person to others: they go when the person goes.
constexpr std::string_view link_kinds[] = {"membership", "guardian_link", "teaching_assignment", "contact_preference"};

/** Records of one kind in the import, by id (the last of a repeated id wins, with a warning). */
using records_by_id = std::map<std::string, stored_record>;

class import_apply {
public:
    import_apply(const import_request& req, import_report& report, millis at) : m_req(req), m_report(report), m_at(at) {}

    void add(interop::model::any_record&& r) {
        if (auto* d = std::get_if<interop::model::deletion>(&r)) {
            m_deletions.push_back(std::move(*d));
            return;
        }
        auto rec = index_record(std::move(r), m_req.school);
        if (m_req.may_write && !m_req.may_write(rec.kind))
            throw forbidden("the client may not write " + rec.kind + " records (" + rec.kind + "/" + rec.id + ")");
        if (rec.school != m_req.school)
            throw refused(rec.kind + "/" + rec.id + " belongs to school " + rec.school + ", not to " + m_req.school +
                          " for which the file was imported");
        auto& slot = m_incoming[rec.kind][rec.id];
        if (!slot.id.empty())
            m_report.diags.add(interop::severity::warning, "import.duplicate-id", rec.kind + "/" + rec.id,
                               "the file holds this record twice; the last one is kept");
        slot = std::move(rec);
    }

    /** Writes the changes: puts, then a full snapshot's missing records, then stated deletions. */
    void apply(store_writer& w, const std::vector<std::string>& snapshot_kinds) {
        m_writer = &w;
        // In dataset order, so that a consumer of the feed meets a class before its memberships.
        for (const auto& info : all_kinds()) {
            const std::string kind(info.kind);
            auto it = m_incoming.find(kind);
            const bool snapshot = is_snapshot(snapshot_kinds, kind);
            if (it != m_incoming.end() || snapshot) put_kind(kind, it != m_incoming.end() ? it->second : records_by_id{}, snapshot);
        }
        for (const auto& d : m_deletions) delete_stated(d);
    }

private:
    static bool is_snapshot(const std::vector<std::string>& kinds, const std::string& kind) {
        return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
    }

    void count_seq(std::uint64_t seq, change_kind op, const record_key& k) {
        if (!m_report.first_seq) m_report.first_seq = seq;
        m_report.last_seq = seq;
        m_changes.push_back({seq, op, k.kind, k.school, k.id, m_at, m_req.id});
    }

public:
    /** The changes written, in sequence order. */
    const std::vector<change_entry>& changes() const { return m_changes; }

private:

    void put_kind(const std::string& kind, const records_by_id& records, bool snapshot) {
        auto& counts = m_report.kinds[kind];
        std::map<std::string, std::string> existing;
        for (auto& [id, hash] : m_writer->hashes(m_req.school, kind)) existing.emplace(std::move(id), std::move(hash));
        for (const auto& [id, rec] : records) {
            auto it = existing.find(id);
            if (it != existing.end() && it->second == rec.hash) {
                ++counts.unchanged;
                continue;
            }
            const auto op = it == existing.end() ? change_kind::created : change_kind::updated;
            count_seq(m_writer->put(rec, op, m_req.id, m_at), op, {rec.kind, rec.school, rec.id});
            ++(op == change_kind::created ? counts.created : counts.updated);
        }
        if (snapshot)
            for (const auto& [id, hash] : existing)
                if (!records.count(id)) erase({kind, m_req.school, id});
        if (counts.created + counts.updated + counts.deleted + counts.unchanged == 0) m_report.kinds.erase(kind);
    }

    void erase(const record_key& k) {
        if (auto seq = m_writer->erase(k, m_req.id, m_at)) {
            count_seq(*seq, change_kind::deleted, k);
            ++m_report.kinds[k.kind].deleted;
        }
    }

    void delete_stated(const interop::model::deletion& d) {
        const auto* info = find_kind(d.target_kind);
        if (!info) {
            m_report.diags.add(interop::severity::warning, "import.deletion-kind", "deletion/" + d.id,
                               "deletion of unknown kind '" + d.target_kind + "' ignored");
            return;
        }
        const record_key key{std::string(info->kind), d.school.empty() ? m_req.school : d.school, d.target_id};
        if (key.school != m_req.school) throw refused("deletion/" + d.id + " names school " + key.school + ", not " + m_req.school);
        if (m_req.may_write && !m_req.may_write(key.kind)) throw forbidden("the client may not delete " + key.kind + " records");
        erase(key);
        if (info->personal && !is_link(info->kind))
            for (const auto& link : m_writer->referring(key.school, key.id))
                if (is_link(link.kind)) erase(link);
    }

    static bool is_link(std::string_view kind) { return std::find(std::begin(link_kinds), std::end(link_kinds), kind) != std::end(link_kinds); }

    store_writer* m_writer = nullptr;
    const import_request& m_req;
    import_report& m_report;
    millis m_at;
    std::map<std::string, records_by_id> m_incoming;
    std::vector<interop::model::deletion> m_deletions;
    std::vector<change_entry> m_changes;
};

/** Feeds records to the apply step as the reader produces them. */
class apply_sink : public interop::io::record_sink {
public:
    apply_sink(import_apply& apply, import_report& report) : m_apply(apply), m_report(report) {}
    void on_metadata(const interop::model::metadata& m) override {
        m_scope = m.scope;
        m_covers = m.covers;
    }
    void on_record(interop::model::any_record&& r) override {
        ++m_report.records;
        m_apply.add(std::move(r));
    }
    interop::model::scope scope() const { return m_scope; }
    /** The kinds a full snapshot holds whole, as the reader says; empty: its format's domains. */
    const std::vector<std::string>& covers() const { return m_covers; }

private:
    import_apply& m_apply;
    import_report& m_report;
    interop::model::scope m_scope = interop::model::scope::full;
    std::vector<std::string> m_covers;
};

/** The error as the sender should read it: its file named as it sent it, not by where the hub spooled it. */
std::string describe_error(const interop::error& e, const import_request& req) {
    std::string text = e.what();
    const auto spooled = req.file.string();
    for (auto at = text.find(spooled); at != std::string::npos; at = text.find(spooled, at + req.source_name.size()))
        text.replace(at, spooled.size(), req.source_name);
    return text;
}

audit_entry audit_of(const import_row& row, const import_report& report) {
    audit_entry e;
    e.at = row.finished_at;
    e.actor = row.client;
    e.action = row.status == "succeeded" ? "import" : "import.failed";
    e.school = row.school;
    e.count = report.records;
    const auto t = report.totals();
    e.detail = row.id + " " + report.format + " created " + std::to_string(t.created) + " updated " + std::to_string(t.updated) +
               " deleted " + std::to_string(t.deleted);
    return e;
}

} // namespace

import_result importer::run(const import_request& req) {
    import_result result;
    result.row = {req.id, req.school, req.client, req.format, "failed", "", m_clock(), 0};
    import_report report;
    report.source = req.source_name;
    report.spooled_as = req.file.string();
    report.format = req.format;
    try {
        const auto in = interop::io::input::open(req.file);
        const auto& adapter = req.format.empty() ? m_formats.identify(in) : m_formats.get(req.format);
        report.format = adapter.name;
        // Read everything first: the write transaction (which excludes other writers) lasts
        // only as long as the diff and the writes.
        import_apply apply(req, report, result.row.received_at);
        apply_sink sink(apply, report);
        interop::read_options options = m_bounds;
        options.school = req.school;
        interop::read_bounded(adapter, in, sink, report.diags, options);
        if (report.diags.has_errors()) throw refused("the file has errors (see diagnostics)");
        const bool full = sink.scope() == interop::model::scope::full;
        report.scope = full ? "full" : "delta";
        auto writer = m_store.write();
        const auto snapshot = sink.covers().empty() ? kinds_of_domains(adapter.domains) : sink.covers();
        apply.apply(*writer, full ? snapshot : std::vector<std::string>{});
        result.row.status = "succeeded";
        result.row.format = report.format;
        result.row.finished_at = m_clock();
        result.row.report_json = report.to_json(req.id, req.school, "succeeded", result.row.received_at, result.row.finished_at);
        writer->put_import(result.row);
        enqueue_deliveries(*writer, apply.changes(), result.row.finished_at);
        writer->append_audit(audit_of(result.row, report));
        writer->commit();
        return result;
    } catch (const interop::unsupported_format_error& e) {
        report.error = describe_error(e, req);
        result.failure = import_failure::bad_request;
    } catch (const interop::error& e) {
        report.error = describe_error(e, req);
        result.failure = import_failure::unreadable;
    } catch (const refused& e) {
        report.error = e.what();
        result.failure = import_failure::invalid;
    } catch (const forbidden& e) {
        report.error = e.what();
        result.failure = import_failure::forbidden;
    }
    // The transaction above rolled back; the failure is recorded on its own.
    report.kinds.clear();
    report.first_seq = report.last_seq = 0;
    result.row.format = report.format;
    result.row.finished_at = m_clock();
    result.row.report_json = report.to_json(req.id, req.school, "failed", result.row.received_at, result.row.finished_at);
    auto writer = m_store.write();
    writer->put_import(result.row);
    writer->append_audit(audit_of(result.row, report));
    writer->commit();
    return result;
}

} // namespace hubd
