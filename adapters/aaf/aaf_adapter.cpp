// AAF `ficAlimMENESR`: the identity and structure feed the ministry sends ENTs. A delivery (one
// file, a folder or a zip) is read as one dataset; Delta files are applied to their Complet.

#include "delivery.hpp"
#include "mapper.hpp"
#include "pipeline.hpp"

#include "../common/siecle_codes.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

#include <array>
#include <span>
#include <map>
#include <unordered_map>

namespace interop {
namespace {

constexpr const char* format_name = "aaf";

/**
 * Requests of Delta files waiting for their Complet, per identifier, in file order. Applying
 * them leaves them in place: the guardians' files may be read more than once (one pass per
 * slice of the guardian index), each pass applying the changes of its own entries.
 */
class pending_changes {
public:
    void add(aaf::request&& r) {
        auto [it, added] = m_index.try_emplace(r.id, m_changes.size());
        if (added) m_changes.emplace_back();
        m_changes[it->second].push_back(std::move(r));
        m_seen.resize(m_changes.size());
    }
    /** Applies the changes to an entry of the Complet; false when one deletes it. */
    bool apply_to(aaf::request& entry) {
        const auto it = m_index.find(entry.id);
        if (it == m_index.end()) return true;
        m_seen[it->second] = true;
        bool alive = true;
        for (const auto& change : m_changes[it->second]) alive = apply(entry, alive, change);
        return alive;
    }
    /** Entries the Deltas add (those the Complet did not have), with their later changes; then forgets what was seen. */
    template <class K, class F, class W> void for_each_added(K&& keep, F&& map, W&& warn) {
        for (std::size_t i = 0; i < m_changes.size(); ++i) {
            if (m_seen[i] || m_changes[i].empty() || !keep(m_changes[i].front().id)) continue;
            aaf::request entry;
            bool alive = false;
            for (const auto& change : m_changes[i]) {
                if (!alive && change.operation != aaf::operation::add) warn(change);
                else alive = apply(entry, alive, change);
            }
            if (alive) map(entry);
        }
        m_seen.assign(m_seen.size(), false);
    }

private:
    static bool apply(aaf::request& entry, bool alive, const aaf::request& change) {
        switch (change.operation) {
        case aaf::operation::add: entry = change; return true;
        case aaf::operation::modify: entry.replace_with(change); return alive;
        case aaf::operation::remove: return false;
        }
        return alive;
    }
    std::unordered_map<std::string, std::size_t> m_index;
    std::vector<std::vector<aaf::request>> m_changes;
    std::vector<bool> m_seen;
};

/** Keeps the latest of the generation dates seen. */
bool take_generation_date(std::optional<model::date> d, model::metadata& m) {
    if (!d || (m.generated_at && !(m.generated_at->day < *d))) return false;
    m.generated_at = model::date_time{*d, 0, std::nullopt};
    return true;
}

/**
 * `<!-- versionAF="AAF-VE2407" -->` and its kin, into metadata extensions. Comments of every
 * file read before the first record are merged; the latest generation date wins.
 */
void header_comment(std::string_view text, model::metadata& m) {
    const auto eq = text.find("=\"");
    const auto close = text.rfind('"');
    if (eq == std::string_view::npos || close <= eq + 1) return;
    auto key = text.substr(0, eq);
    while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
    const auto value = text.substr(eq + 2, close - eq - 2);
    if (key == "dateGenerationExport" && !take_generation_date(codes::date_ddmmyyyy(value), m)) return;
    m.extensions["aaf:" + std::string(key)] = std::string(value);
}

class aaf_reader : public reader {
public:
    explicit aaf_reader(const read_options& opt) : m_limits(adapter_support::xml_limits(opt)), m_index_budget(opt.max_index_bytes) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        std::vector<std::string> skipped;
        auto files = aaf::plan_delivery(in, skipped);
        if (files.empty()) throw parse_error({in.name(), 0, 0}, format_name, "no AAF file (root ficAlimMENESR) in the input");
        for (const auto& name : skipped) diags.add(severity::info, "aaf.skipped", "", "not an AAF file: left out", {name, 0, 0});
        keep_latest_complet(files, in, diags);

        model::metadata metadata;
        metadata.source = format_name;
        metadata.scope = delta_only_types(files) ? model::scope::delta : model::scope::full;
        adapter_support::metadata_first_sink out(sink, metadata);
        aaf::mapper mapper(out, diags, m_index_budget);

        std::array<pending_changes, aaf::file_type_count> pending;
        for (const auto& f : files)
            if (f.delta && has_complet(files, f.type))
                each_request(in, f, mapper, metadata, out, [&](aaf::request& r) { pending[index(f.type)].add(std::move(r)); });

        for (std::size_t first = 0; first < files.size();) {
            std::size_t end = first;
            while (end < files.size() && files[end].type == files[first].type) ++end;
            read_type(in, {files.begin() + static_cast<std::ptrdiff_t>(first), files.begin() + static_cast<std::ptrdiff_t>(end)},
                      has_complet(files, files[first].type), pending[index(files[first].type)], mapper, metadata, out, diags);
            first = end;
        }
        out.on_end();
        sink.on_end();
    }

private:
    static std::size_t index(aaf::file_type t) { return static_cast<std::size_t>(t); }

    static bool has_complet(const std::vector<aaf::delivery_file>& files, aaf::file_type t) {
        return std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.type == t && !f.delta; });
    }
    static bool delta_only_types(const std::vector<aaf::delivery_file>& files) {
        return std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.delta && !has_complet(files, f.type); });
    }

    /** Of several Complets of one type, the latest wins; Deltas older than it are already in it. */
    static void keep_latest_complet(std::vector<aaf::delivery_file>& files, const io::input& in, diagnostics& diags) {
        std::map<aaf::file_type, std::string> latest;
        for (const auto& f : files)
            if (!f.delta) latest[f.type] = std::max(latest[f.type], f.date);
        std::erase_if(files, [&](const aaf::delivery_file& f) {
            const auto it = latest.find(f.type);
            if (it == latest.end() || f.date >= it->second) return false;
            diags.add(severity::info, "aaf.superseded", "", "older than the latest Complet of its type: left out", {in.describe(*f.entry), 0, 0});
            return true;
        });
    }

    static void map_delta(aaf::file_type type, const aaf::request& r, aaf::mapper& mapper) {
        switch (r.operation) {
        case aaf::operation::add: return mapper.map(type, r);
        case aaf::operation::modify: return mapper.map_partial(type, r);
        case aaf::operation::remove: return mapper.map_deletion(type, r);
        }
    }

    template <class F>
    void each_request(const io::input& in, const aaf::delivery_file& f, aaf::mapper& mapper, model::metadata& metadata,
                      const adapter_support::metadata_first_sink& out, F&& handle) {
        const std::string file = in.describe(*f.entry);
        mapper.set_file(file);
        if (!out.sent() && f.date.size() == 8)
            take_generation_date(model::parse_date(f.date.substr(0, 4) + "-" + f.date.substr(4, 2) + "-" + f.date.substr(6, 2)), metadata);
        auto stream = in.open_entry(*f.entry);
        aaf::read_requests(*stream, file, m_limits,
                           {.on_comment = [&](std::string_view text) {
                                if (!out.sent()) header_comment(text, metadata);
                            },
                            .on_request = handle});
    }

    /** The files of one type, Complet then Deltas; guardians once per pass of their index. */
    void read_type(const io::input& in, std::span<const aaf::delivery_file> files, bool complet, pending_changes& changes,
                   aaf::mapper& mapper, model::metadata& metadata, const adapter_support::metadata_first_sink& out, diagnostics& diags) {
        const aaf::file_type type = files.front().type;
        const bool guardians = type == aaf::file_type::guardian;
        auto keep = [&](const std::string& id) { return !guardians || mapper.in_guardian_pass(id); };
        const std::size_t passes = guardians ? mapper.guardian_passes() : 1;
        for (std::size_t pass = 0; pass < passes; ++pass) {
            if (guardians) mapper.begin_guardian_pass(pass);
            for (const auto& f : files) {
                if (!f.delta) each_request(in, f, mapper, metadata, out, [&](aaf::request& r) {
                    if (!keep(r.id)) return;
                    if (r.operation != aaf::operation::add)
                        return diags.add(severity::warning, "aaf.complet.change", r.category + "/" + r.id,
                                         "a Complet file holds only addRequest: this change is left out", {in.describe(*f.entry), r.line, 0});
                    if (changes.apply_to(r)) mapper.map(type, r);
                });
                else if (!complet) each_request(in, f, mapper, metadata, out, [&](aaf::request& r) {
                    if (keep(r.id)) map_delta(type, r, mapper);
                });
            }
            changes.for_each_added(keep, [&](const aaf::request& r) { mapper.map(type, r); },
                                   [&](const aaf::request& r) {
                                       diags.add(severity::warning, "aaf.delta.unknown", r.category + "/" + r.id,
                                                 "the Delta changes an entry its Complet does not have: left out", {"", r.line, 0});
                                   });
        }
    }

    xml::limits m_limits;
    std::size_t m_index_budget;
};

confidence identify_aaf(const io::input& in) {
    for (const auto& e : in.entries())
        if (aaf::looks_like_aaf(in.head(e))) return confidence::yes;
    return confidence::no;
}

} // namespace

void register_aaf(registry& r) {
    r.add({.name = format_name,
           .title = "AAF ficAlimMENESR (annuaire académique fédérateur)",
           .domains = {"structure", "people", "groups"},
           .extensions = {"xml", "zip"},
           .media_type = "application/xml",
           .round_trips = false,
           .identify = identify_aaf,
           .make_reader = [](const read_options& o) { return std::make_unique<aaf_reader>(o); },
           .make_writer = {},
           .writes = {}});
}

} // namespace interop
