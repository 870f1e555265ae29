#include "oneroster_package.hpp"

#include <interop/adapter/support.hpp>
#include <interop/csv/reader.hpp>
#include <interop/csv/writer.hpp>
#include <interop/errors.hpp>
#include <interop/io/output.hpp>

#include <algorithm>
#include <set>

namespace interop::oneroster {
namespace {

using adapter_support::lower_ascii;
using adapter_support::trimmed;

bool all_empty(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.empty(); });
}

/** The entries of the input by lower-case path, and the folder the manifest is in. */
class package_entries {
public:
    explicit package_entries(const io::input& in) {
        for (const auto& e : in.entries()) m_by_name.emplace(lower_ascii(e.name), &e);
        for (const auto& e : in.entries()) {
            const auto lower = lower_ascii(e.name);
            if (lower == "manifest.csv" || lower.ends_with("/manifest.csv")) {
                m_folder = e.name.substr(0, e.name.size() - std::string("manifest.csv").size());
                m_manifest = &e;
                break;
            }
        }
    }

    const io::input::entry* manifest() const { return m_manifest; }

    /** `users.csv` beside the manifest, in any case; `exact` says whether the case was the binding's. */
    const io::input::entry* file(std::string_view name, bool& exact) const {
        const std::string wanted = m_folder + std::string(name) + ".csv";
        const auto it = m_by_name.find(lower_ascii(wanted));
        if (it == m_by_name.end()) return nullptr;
        exact = it->second->name == wanted;
        return it->second;
    }

private:
    std::map<std::string, const io::input::entry*> m_by_name;
    std::string m_folder;
    const io::input::entry* m_manifest = nullptr;
};

struct manifest {
    std::string version;
    std::vector<std::pair<std::string, std::string>> properties;
    std::map<std::string, std::string> file_modes; ///< binding file name → value as written
};

/** Rows of a CSV member of the package, its header left out; 0 when absent. */
std::size_t rows_of(const io::input& in, std::string_view file) {
    for (const auto& e : in.entries()) {
        if (std::filesystem::path(e.name).filename() != file) continue;
        auto stream = in.open_entry(e);
        csv::reader reader(*stream, in.describe(e), format_name, {.separator = ','});
        std::vector<std::string> cells;
        std::size_t rows = 0;
        while (reader.next(cells)) rows += !all_empty(cells);
        return rows ? rows - 1 : 0;
    }
    return 0;
}

/** The files of OneRoster 1.2's Resources service: part of the binding, with no place in the model. */
bool is_resources_file(std::string_view name) {
    return name == "resources" || name == "classResources" || name == "courseResources" || name == "userResources";
}

manifest read_manifest(const io::input& in, const io::input::entry& e, diagnostics& diags) {
    auto stream = in.open_entry(e);
    const auto file = in.describe(e);
    csv::reader reader(*stream, file, format_name, {.separator = ','});
    std::vector<std::string> cells;
    manifest m;
    if (!reader.next(cells) || cells.size() < 2 || lower_ascii(trimmed(cells[0])) != "propertyname")
        throw parse_error({file, 1, 1}, format_name, "manifest.csv must start with the header propertyName,value");
    while (reader.next(cells)) {
        if (all_empty(cells)) continue;
        if (cells.size() < 2) throw parse_error({file, reader.line(), 1}, format_name, "a manifest row needs a property name and a value");
        const auto name = trimmed(cells[0]);
        const auto value = trimmed(cells[1]);
        if (name.starts_with("file.")) {
            const auto* spec = find_file(name.substr(5));
            if (!spec && is_resources_file(name.substr(5))) {
                if (lower_ascii(value) != "absent")
                    diags.add(severity::warning, "oneroster.resources", "", name.substr(5) + ".csv: learning resources (OneRoster 1.2 Resources service) have no place in the model: its " +
                              std::to_string(rows_of(in, name.substr(5) + ".csv")) + " rows are not read", {file, reader.line(), 1});
                continue;
            }
            if (!spec) {
                diags.add(severity::info, "oneroster.unknown-file", "", "manifest names " + name + ", not a file of the binding: left out", {file, reader.line(), 1});
                continue;
            }
            m.file_modes[std::string(spec->name)] = lower_ascii(value);
        } else if (name == "oneroster.version") {
            m.version = value;
        } else if (name != "manifest.version") { // written again by us
            m.properties.emplace_back(name, value);
        }
    }
    return m;
}

/** Reads one file of the binding into a table, header spellings brought to 1.2. */
class table_reader {
public:
    table_reader(const file_spec& spec, std::string file, diagnostics& diags) : m_spec(spec), m_file(std::move(file)), m_diags(diags) {}

    table read(std::istream& in, file_mode mode) {
        table t;
        t.spec = &m_spec;
        t.mode = mode;
        csv::reader reader(in, m_file, format_name, {.separator = ','});
        std::vector<std::string> cells;
        if (!reader.next(cells)) throw parse_error({m_file, 1, 1}, format_name, "empty file: each file of the binding starts with its header row");
        header(cells);
        t.header = m_columns;
        while (reader.next(cells)) {
            if (all_empty(cells)) continue;
            if (named_columns() > cells.size()) short_row(cells.size(), reader);
            t.rows.push_back(make_row(cells, reader.line(), mode));
        }
        return t;
    }

private:
    void header(const std::vector<std::string>& cells) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            bool renamed = false;
            auto name = canonical_column(m_spec, cells[i], renamed);
            if (renamed) warn(1, "oneroster.header", "column \"" + cells[i] + "\" read as " + name);
            if (!name.empty() && !seen.insert(name).second) {
                warn(1, "oneroster.header", "column " + name + " appears twice: the first is read");
                name.clear();
            }
            m_columns.push_back(name);
        }
        if (std::find(m_columns.begin(), m_columns.end(), "") != m_columns.end())
            warn(1, "oneroster.empty-column", "the header has columns with no name (trailing separators): their cells are left out");
    }

    std::size_t named_columns() const {
        std::size_t n = m_columns.size();
        while (n > 0 && m_columns[n - 1].empty()) --n;
        return n;
    }

    /** Fewer cells than the header names: missing cells read as empty, unless the file ends in that row (cut short). */
    void short_row(std::size_t cells, const csv::reader& reader) {
        const auto problem = "the row has " + std::to_string(cells) + " cells where the header names " + std::to_string(named_columns()) + " columns";
        if (!reader.row_ended()) throw parse_error({m_file, reader.line(), 1}, format_name, problem + " and the file ends there: it looks cut short");
        warn(reader.line(), "oneroster.short-row", problem + ": the missing cells are read as empty");
    }

    row make_row(const std::vector<std::string>& cells, std::uint64_t line, file_mode mode) {
        row r;
        r.file = m_file;
        r.line = line;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (cells[i].empty()) continue;
            if (i >= m_columns.size() || m_columns[i].empty()) {
                warn(line, "oneroster.unnamed-cell", "\"" + cells[i] + "\" is under no named column: left out");
                continue;
            }
            r.cells[m_columns[i]] = cells[i];
        }
        if (m_spec.has_status) check_status(r, mode);
        return r;
    }

    /** Delta rows must say what they are and when; bulk rows may leave both out. */
    void check_status(row& r, file_mode mode) {
        const auto status = std::string(r["status"]);
        if (mode == file_mode::delta && (status.empty() || r["dateLastModified"].empty()))
            throw parse_error({m_file, r.line, 1}, format_name, "a delta row needs a status (active or tobedeleted) and a dateLastModified");
        if (status.empty() || status == "active" || status == "tobedeleted") return;
        warn(r.line, "oneroster.status", "status \"" + status + "\" is not active or tobedeleted: read as active");
        r.cells["status"] = "active";
    }

    void warn(std::uint64_t line, std::string code, std::string message) {
        if (line > 1 && !m_warned.insert(code).second) return; // once per file and kind of problem
        m_diags.add(severity::warning, std::move(code), "", std::move(message), {m_file, line, 0});
    }

    const file_spec& m_spec;
    std::string m_file;
    diagnostics& m_diags;
    std::vector<std::string> m_columns;
    std::set<std::string> m_warned;
};

file_mode mode_of(const std::string& value, bool present, const std::string& file_name, const std::string& where, diagnostics& diags) {
    if (value == "bulk") return file_mode::bulk;
    if (value == "delta") return file_mode::delta;
    if (value == "absent" && !present) return file_mode::absent;
    if (!present) return file_mode::absent;
    diags.add(severity::warning, "oneroster.manifest", "",
              "manifest says \"" + value + "\" for file." + file_name + " but the file is there: read as bulk", {where, 0, 0});
    return file_mode::bulk;
}

} // namespace

const table* package::find(std::string_view name) const {
    const auto it = tables.find(name);
    return it == tables.end() ? nullptr : &it->second;
}

table& package::at(std::string_view name) {
    auto it = tables.find(name);
    if (it == tables.end()) {
        it = tables.emplace(std::string(name), table{}).first;
        it->second.spec = find_file(name);
    }
    return it->second;
}

package read_package(const io::input& in, const read_options&, diagnostics& diags) {
    const package_entries entries(in);
    manifest m;
    if (entries.manifest()) {
        m = read_manifest(in, *entries.manifest(), diags);
    } else {
        diags.add(severity::warning, "oneroster.manifest", "", "no manifest.csv: every file of the binding found is read as bulk", {in.name(), 0, 0});
    }
    const std::string where = entries.manifest() ? in.describe(*entries.manifest()) : in.name();
    package p;
    p.properties = m.properties;
    for (const auto& spec : files()) {
        bool exact = true;
        const auto* e = entries.file(spec.name, exact);
        const std::string name(spec.name);
        const auto listed = m.file_modes.find(name);
        if (listed == m.file_modes.end() && e && entries.manifest())
            diags.add(severity::warning, "oneroster.manifest", "", "the manifest does not list " + name + ".csv: read as bulk", {where, 0, 0});
        const auto mode = listed == m.file_modes.end() ? (e ? file_mode::bulk : file_mode::absent) : mode_of(listed->second, e != nullptr, name, where, diags);
        if (mode == file_mode::absent) continue;
        if (!e) throw parse_error({where, 0, 0}, format_name, "the manifest lists " + name + ".csv as " + listed->second + " but the package does not hold it");
        if (!exact) diags.add(severity::warning, "oneroster.file-name", "", "read as " + name + ".csv (the binding's spelling)", {in.describe(*e), 0, 0});
        auto stream = in.open_entry(*e);
        p.tables[name] = table_reader(spec, in.describe(*e), diags).read(*stream, mode);
    }
    if (p.tables.empty()) throw parse_error({in.name(), 0, 0}, format_name, "no file of the OneRoster CSV binding in the input");
    p.version = m.version;
    if (p.version.empty()) { // 1.1 puts the role on the user; 1.2 in roles.csv
        const auto* users = p.find("users");
        const bool role_on_user = users && std::find(users->header.begin(), users->header.end(), "role") != users->header.end();
        p.version = role_on_user ? "1.1" : "1.2";
    }
    return p;
}

std::vector<std::pair<std::string, std::string>> package_files(const package& p) {
    std::vector<std::pair<std::string, std::string>> out;
    std::string manifest = csv::line({"propertyName", "value"}, ',') + csv::line({"manifest.version", "1.0"}, ',') +
                           csv::line({"oneroster.version", p.version}, ',');
    for (const auto& spec : files()) {
        const auto* t = p.find(spec.name);
        manifest += csv::line({"file." + std::string(spec.name), t ? (t->mode == file_mode::delta ? "delta" : "bulk") : "absent"}, ',');
    }
    for (const auto& [name, value] : p.properties) manifest += csv::line({name, value}, ',');
    out.emplace_back("manifest.csv", std::move(manifest));
    for (const auto& spec : files()) {
        const auto* t = p.find(spec.name);
        if (!t) continue;
        std::vector<std::string> columns(spec.columns.begin(), spec.columns.end());
        std::set<std::string> extra; // vendor and metadata columns, by name
        for (const auto& r : t->rows)
            for (const auto& [name, value] : r.cells)
                if (std::find(spec.columns.begin(), spec.columns.end(), name) == spec.columns.end()) extra.insert(name);
        columns.insert(columns.end(), extra.begin(), extra.end());
        std::string text = csv::line(columns, ',');
        std::vector<std::string> cells(columns.size());
        for (const auto& r : t->rows) {
            for (std::size_t i = 0; i < columns.size(); ++i) cells[i] = std::string(r[columns[i]]);
            text += csv::line(cells, ',');
        }
        out.emplace_back(std::string(spec.name) + ".csv", std::move(text));
    }
    return out;
}

void write_package(const package& p, const std::filesystem::path& out, io::existing_folder existing) {
    const auto files_out = package_files(p);
    if (lower_ascii(out.extension().string()) == ".zip") return io::write_zip(out, files_out);
    io::output_folder folder(out, existing);
    for (const auto& [name, bytes] : files_out) folder.write(name, bytes);
    folder.commit();
}

} // namespace interop::oneroster
