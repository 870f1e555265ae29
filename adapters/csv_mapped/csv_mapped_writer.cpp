// Records → CSV through mappings, into a folder. The mappings already in that folder say what
// to write and how (the school's own spreadsheet layout); in an empty or new folder, every
// kind present is written with its default mapping (a column per field), beside the file.
// A character the declared encoding cannot hold is refused, naming the record: no '?'.

#include "cell_format.hpp"
#include "csv_mapping.hpp"

#include "json/bounded_parse.hpp"

#include <interop/adapter/support.hpp>
#include <interop/csv/writer.hpp>
#include <interop/errors.hpp>
#include <interop/io/output.hpp>
#include <interop/json/canonical.hpp>
#include <interop/model/field_values.hpp>

#include <algorithm>

namespace interop::csv_mapped {
namespace {

class table_writer {
public:
    explicit table_writer(const mapping& m) : m_map(m) {}

    std::string header() const {
        return line([&](const column& c) { return c.name; });
    }

    std::string row(const rapidjson::Value& record) const {
        return line([&](const column& c) { return cell(record, c); });
    }

private:
    /** One line, a cell per column: a column feeding several fields (listed one after the other) is written once. */
    template <class F> std::string line(F&& text_of) const {
        std::string out;
        for (std::size_t i = 0; i < m_map.columns.size(); ++i) {
            if (i > 0 && m_map.columns[i].name == m_map.columns[i - 1].name) continue;
            out += (out.empty() && i == 0 ? "" : std::string(1, m_map.separator)) + csv::quoted(text_of(m_map.columns[i]), m_map.separator);
        }
        return out + "\r\n";
    }

    std::string cell(const rapidjson::Value& record, const column& c) const {
        if (c.type == field_type::extension) {
            const auto ext = record.FindMember("extensions");
            if (ext == record.MemberEnd()) return {};
            const auto v = ext->value.FindMember(c.field.c_str() + 11);
            return v == ext->value.MemberEnd() ? std::string() : v->value.GetString();
        }
        if (c.type == field_type::external_id) {
            const auto ids = record.FindMember("external_ids");
            if (ids != record.MemberEnd())
                for (const auto& e : ids->value.GetArray())
                    if (c.field.compare(13, std::string::npos, e["system"].GetString()) == 0) return e["id"].GetString();
            return {};
        }
        if (const auto* text = cell_setting_fields(record, c)) return *text;
        const auto it = record.FindMember(c.field.c_str());
        if (it == record.MemberEnd() || it->value.IsNull()) return {};
        const auto& v = it->value;
        const auto text = json::detail::compact_text(v);
        for (const auto& entry : c.values)
            if (entry.sets.empty() && entry.value == text) return entry.cell;
        switch (c.type) {
        case field_type::integer:
        case field_type::number: return format_number(v.GetDouble(), m_map.decimal_separator);
        case field_type::boolean: return v.GetBool() ? "oui" : "non";
        case field_type::date: return format_moment({*model::parse_date(v.GetString()), 0}, m_map.date_format);
        case field_type::time: return format_moment({{}, model::parse_time_of_day(v.GetString())->minutes * 60}, m_map.time_format);
        case field_type::date_time: {
            if (c.part.empty() && m_map.date_time_format == rfc3339) return v.GetString();
            const auto t = *model::parse_date_time(v.GetString());
            const moment m{t.day, t.seconds};
            return format_moment(m, c.part == "date" ? m_map.date_format : c.part == "time" ? m_map.time_format : m_map.date_time_format);
        }
        case field_type::text_list: {
            std::string out;
            for (const auto& item : v.GetArray()) out += (out.empty() ? "" : std::string(1, m_map.list_separator)) + item.GetString();
            return out;
        }
        default: return v.GetString();
        }
    }

    /** The cell text of a value table entry that sets several fields (`"Abs": {"status": "absent"}`) the record holds. */
    static const std::string* cell_setting_fields(const rapidjson::Value& record, const column& c) {
        for (const auto& entry : c.values) {
            if (entry.sets.empty()) continue;
            const bool all = std::all_of(entry.sets.begin(), entry.sets.end(), [&](const auto& set) {
                const auto it = record.FindMember(set.first.c_str());
                return it != record.MemberEnd() && json::detail::compact_text(it->value) == set.second;
            });
            if (all) return &entry.cell;
        }
        return nullptr;
    }

    const mapping& m_map;
};

/** Every record of the mapping's kind as a CSV text, in the mapping's encoding. */
std::string table(const model::dataset& ds, const mapping& m) {
    table_writer t(m);
    std::string out = m.header ? t.header() : "";
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        if (K::kind != m.kind) return;
        for (const auto& r : ds.all<K>()) {
            rapidjson::Document doc;
            json::parse_bounded(json::to_json(model::any_record{r}), doc); // our own record: it parses
            out += t.row(doc);
        }
    });
    if (m.encoding == csv::encoding::latin1 || m.encoding == csv::encoding::windows1252) {
        auto bytes = csv::utf8_to_8bit(out, m.encoding);
        if (!bytes) throw error("csv-mapped: " + m.file + ": a " + m.kind + " holds a character " + (m.encoding == csv::encoding::latin1 ? "ISO-8859-1" : "Windows-1252") + " cannot hold; declare utf-8");
        return *bytes;
    }
    return (m.bom ? "\xEF\xBB\xBF" : "") + out;
}

/** The mappings declared in the output folder, each with its file name. */
std::vector<std::pair<std::string, mapping>> declared(const std::filesystem::path& folder) {
    std::vector<std::pair<std::string, mapping>> out;
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) return out;
    for (const auto& e : std::filesystem::directory_iterator(folder))
        if (const auto name = e.path().filename().string(); is_mapping_name(name)) out.emplace_back(name, load_mapping(e.path()));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

/** A default mapping for every kind the dataset holds. */
std::vector<std::pair<std::string, mapping>> defaults(const model::dataset& ds) {
    std::vector<std::pair<std::string, mapping>> out;
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        if (ds.all<K>().empty()) return;
        auto m = default_mapping(K::kind);
        m.file = std::string(K::collection) + ".csv";
        out.emplace_back(std::string(K::collection) + std::string(mapping_suffix), std::move(m));
    });
    return out;
}

/**
 * What a folder's own mappings leave out, declared: records of a kind no mapping names
 * (`loss.csv-mapped.unmapped`), and fields of the mapped kinds that no column or constant
 * names (`loss.field.FIELD`). The default mappings hold every field.
 */
void declare_unmapped(const model::dataset& ds, const std::vector<std::pair<std::string, mapping>>& mappings, io::loss_log& losses) {
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        const auto it = std::find_if(mappings.begin(), mappings.end(), [](const auto& m) { return m.second.kind == K::kind; });
        for (const auto& r : ds.all<K>()) {
            if (it == mappings.end()) {
                losses.record("loss.csv-mapped.unmapped", std::string(K::kind) + ": no mapping of the folder names this kind", io::record_name(r));
                continue;
            }
            const auto& m = it->second;
            for (const auto field : model::set_fields(r)) {
                if (field == "id" || field == "school" || field == "extensions") continue;
                auto names = [&](const std::string& path) { return path == field || (path.starts_with(field) && path.find_first_of(".[") == field.size()); };
                const bool named = std::any_of(m.columns.begin(), m.columns.end(), [&](const column& c) { return names(c.field); }) ||
                                   std::any_of(m.constants.begin(), m.constants.end(), [&](const auto& c) { return names(c.first); });
                if (!named)
                    losses.part("loss.field." + std::string(field), std::string(K::kind) + "." + std::string(field) + ": no column of " + m.file + " holds it",
                                io::record_name(r));
            }
        }
    });
}

void write_tables(const model::dataset& ds, const std::filesystem::path& out, io::existing_folder existing, io::loss_log& losses) {
    auto mappings = declared(out);
    if (mappings.empty()) mappings = defaults(ds);
    else declare_unmapped(ds, mappings, losses);
    io::output_folder folder(out, existing);
    for (const auto& [name, m] : mappings) {
        folder.write(name, mapping_json(m));
        folder.write(m.file, table(ds, m));
    }
    folder.commit();
}

} // namespace

std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options& opt) {
    return adapter_support::whole_dataset_writer(out, [existing = opt.folder, &losses = opt.losses](const model::dataset& ds, const std::filesystem::path& path) {
        write_tables(ds, path, existing, losses);
    });
}

} // namespace interop::csv_mapped
