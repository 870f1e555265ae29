// CSV rows → records through a mapping: each row becomes one canonical JSON object (cells
// converted by the field's type, the date formats and value tables of the mapping), read by
// the canonical decoder, so every kind and every field check is the model's own. A row that
// does not make a valid record is left out with an error naming its line and why.

#include "cell_format.hpp"
#include "csv_mapping.hpp"

#include "../common/stable_id.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace interop::csv_mapped {
namespace {

using adapter_support::trimmed;
using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

/** One row's cell turned into the JSON value of its field; throws a message on a bad cell. */
class cell_converter {
public:
    explicit cell_converter(const mapping& m) : m_map(m) {}

    void value(json_writer& w, const column& c, const std::string& cell) const {
        for (const auto& entry : c.values)
            if (entry.cell == cell) return void(w.RawValue(entry.value.c_str(), entry.value.size(), rapidjson::kObjectType));
        switch (c.type) {
        case field_type::integer: {
            const auto v = parse_number(cell, m_map.decimal_separator);
            if (!v || *v != std::floor(*v) || std::abs(*v) > 2e9) throw std::runtime_error("'" + cell + "' is not a whole number");
            return void(w.Int64(static_cast<std::int64_t>(*v)));
        }
        case field_type::number: {
            const auto v = parse_number(cell, m_map.decimal_separator);
            if (!v) throw std::runtime_error("'" + cell + "' is not a number");
            return void(w.Double(*v));
        }
        case field_type::boolean: return void(w.Bool(boolean(cell)));
        case field_type::date: {
            const auto m = parse_moment(cell, m_map.date_format);
            if (!m) throw std::runtime_error("'" + cell + "' is not a date like " + m_map.date_format);
            return string(w, model::to_string(m->day));
        }
        case field_type::time: {
            const auto m = parse_moment(cell, m_map.time_format);
            if (!m) throw std::runtime_error("'" + cell + "' is not a time like " + m_map.time_format);
            return string(w, model::to_string(model::time_of_day{m->seconds / 60}));
        }
        case field_type::text_list:
            w.StartArray();
            for (const auto& part : adapter_support::split_nonempty(cell, m_map.list_separator)) string(w, trimmed(part));
            return void(w.EndArray());
        default: return string(w, cell);
        }
    }

    /** A date-time from a whole cell, or from a date cell and a time cell. */
    std::string date_time(const std::string& whole, const std::string& day, const std::string& time) const {
        std::optional<moment> m;
        if (!whole.empty() && m_map.date_time_format == rfc3339) {
            const auto t = model::parse_date_time(whole);
            if (!t) throw std::runtime_error("'" + whole + "' is not an RFC 3339 date-time");
            return model::to_string(*t);
        }
        if (!whole.empty()) {
            m = parse_moment(whole, m_map.date_time_format);
            if (!m) m = parse_moment(whole, m_map.date_format); // a day alone: midnight
            if (!m) throw std::runtime_error("'" + whole + "' is not a date-time like " + m_map.date_time_format);
        } else {
            m = parse_moment(day, m_map.date_format);
            if (!m) throw std::runtime_error("'" + day + "' is not a date like " + m_map.date_format);
            if (!time.empty()) {
                const auto t = parse_moment(time, m_map.time_format);
                if (!t) throw std::runtime_error("'" + time + "' is not a time like " + m_map.time_format);
                m->seconds = t->seconds;
            }
        }
        return model::to_string(model::date_time{m->day, m->seconds, std::nullopt});
    }

    static void string(json_writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

private:
    static bool boolean(const std::string& cell) {
        const auto t = adapter_support::lower_ascii(cell);
        for (const char* yes : {"1", "true", "vrai", "oui", "o", "yes", "y", "x"})
            if (t == yes) return true;
        for (const char* no : {"0", "false", "faux", "non", "n", "no"})
            if (t == no) return false;
        throw std::runtime_error("'" + cell + "' is not yes or no");
    }

    const mapping& m_map;
};

class mapped_file {
public:
    mapped_file(const mapping& m, io::record_sink& sink, diagnostics& diags, std::string file, std::string school)
        : m_map(m), m_sink(sink), m_diags(diags), m_file(std::move(file)), m_school(m.school.empty() ? std::move(school) : m.school), m_cells(m) {}

    void read(std::istream& in) {
        csv::reader rows(in, m_file, format_name, {.separator = m_map.separator, .encoding = m_map.encoding});
        std::vector<std::string> row;
        if (m_map.header) {
            if (!rows.next(row)) throw parse_error({m_file, 1, 0}, format_name, "the file is empty: a header row was expected");
            locate(row);
            m_width = row.size();
        } else
            for (const auto& c : m_map.columns) m_index.push_back(number_of(c.name));
        while (rows.next(row)) {
            if (std::all_of(row.begin(), row.end(), [](const std::string& f) { return trimmed(f).empty(); })) continue;
            if (row.size() < m_width && !rows.row_ended())
                throw parse_error({m_file, rows.line(), 0}, format_name,
                                  "the last row has " + std::to_string(row.size()) + " of the header's " + std::to_string(m_width) + " columns and no line end: the file looks cut short");
            if (auto record = record_of(row, rows.line())) m_sink.on_record(std::move(*record)); // the sink's errors go on up
        }
    }

    /** The row as a record, or nullopt with the reason in the diagnostics. */
    std::optional<model::any_record> record_of(const std::vector<std::string>& row, std::uint64_t line) {
        try {
            auto record = json::record_from_json(json_of(row), m_file);
            std::visit([&](auto& r) { r.provenance = {format_name, m_file, line}; }, record);
            return record;
        } catch (const std::exception& e) {
            m_diags.add(severity::error, "csv-mapped.row", "", std::string("row left out: ") + e.what(), {m_file, line, 0});
            return std::nullopt;
        }
    }

private:
    std::size_t number_of(const std::string& name) const {
        const auto n = adapter_support::small_number(name);
        if (!n || *n < 1) throw parse_error({m_file, 0, 0}, format_name, "column '" + name + "': without a header, columns are numbered from 1");
        return static_cast<std::size_t>(*n - 1);
    }

    /** Each mapped column's place in the header, matched without case or surrounding space. */
    void locate(const std::vector<std::string>& header) {
        std::map<std::string, std::size_t> at;
        for (std::size_t i = 0; i < header.size(); ++i) at.emplace(adapter_support::lower_ascii(trimmed(header[i])), i);
        std::string missing;
        for (const auto& c : m_map.columns) {
            const auto it = at.find(adapter_support::lower_ascii(trimmed(c.name)));
            if (it == at.end()) missing += (missing.empty() ? "'" : ", '") + c.name + "'";
            m_index.push_back(it == at.end() ? 0 : it->second);
        }
        if (!missing.empty()) throw parse_error({m_file, 1, 0}, format_name, "the header lacks the mapped column(s) " + missing);
    }

    std::string cell(const std::vector<std::string>& row, std::size_t column_number) const {
        const auto i = m_index[column_number];
        return i < row.size() ? trimmed(row[i]) : std::string();
    }

    std::string json_of(const std::vector<std::string>& row) {
        rapidjson::StringBuffer buffer;
        json_writer w(buffer);
        w.StartObject();
        w.Key("kind");
        cell_converter::string(w, m_map.kind);
        std::map<std::string, std::string> extensions, external_ids;
        std::map<std::string, std::array<std::string, 3>> moments; // field → whole, date, time
        std::string id, school = m_school;
        std::set<std::string> written; // fields a cell gave: constants do not override them
        for (std::size_t i = 0; i < m_map.columns.size(); ++i) {
            const auto& c = m_map.columns[i];
            auto text = cell(row, i);
            if (text.empty()) continue;
            if (c.field == "id") id = text;
            else if (c.field == "school") school = text;
            else if (c.type == field_type::extension) extensions[c.field.substr(11)] = text;
            else if (c.type == field_type::external_id) external_ids[c.field.substr(13)] = text;
            else if (c.type == field_type::date_time && c.values.empty()) moments[c.field][c.part.empty() ? 0 : c.part == "date" ? 1 : 2] = text;
            else if (const auto* sets = sets_for(c, text))
                for (const auto& [field, value] : *sets) raw(w, field, value, written);
            else {
                written.insert(c.field);
                w.Key(c.field.c_str());
                try {
                    m_cells.value(w, c, text);
                } catch (const std::runtime_error& e) {
                    throw std::runtime_error("column '" + c.name + "': " + e.what());
                }
            }
        }
        for (const auto& [field, parts] : moments) {
            written.insert(field);
            w.Key(field.c_str());
            cell_converter::string(w, m_cells.date_time(parts[0], parts[1], parts[2]));
        }
        for (const auto& [field, value] : m_map.constants) raw(w, field, value, written);
        w.Key("id");
        cell_converter::string(w, id.empty() ? made_id(row) : id);
        w.Key("school");
        cell_converter::string(w, school);
        if (!extensions.empty()) {
            w.Key("extensions");
            w.StartObject();
            for (const auto& [k, v] : extensions) w.Key(k.c_str()), cell_converter::string(w, v);
            w.EndObject();
        }
        if (!external_ids.empty()) {
            w.Key("external_ids");
            w.StartArray();
            for (const auto& [system, value] : external_ids) {
                w.StartObject();
                w.Key("system"), cell_converter::string(w, system);
                w.Key("id"), cell_converter::string(w, value);
                w.EndObject();
            }
            w.EndArray();
        }
        w.EndObject();
        return buffer.GetString();
    }

    /** The fields a value table entry sets for this cell (`"Abs": {"status": "absent"}`), or nullptr. */
    static const std::vector<std::pair<std::string, std::string>>* sets_for(const column& c, const std::string& cell) {
        for (const auto& entry : c.values)
            if (entry.cell == cell && !entry.sets.empty()) return &entry.sets;
        return nullptr;
    }

    /** `field` with a value given as JSON text, unless a cell already gave it. */
    static void raw(json_writer& w, const std::string& field, const std::string& value, std::set<std::string>& written) {
        if (!written.insert(field).second) return;
        w.Key(field.c_str());
        w.RawValue(value.c_str(), value.size(), rapidjson::kObjectType);
    }

    /** An id from the id columns (every mapped column when none is named): the same row, the same id; a repeat gets its rank. */
    std::string made_id(const std::vector<std::string>& row) {
        std::string key;
        for (std::size_t i = 0; i < m_map.columns.size(); ++i)
            if (m_map.id_columns.empty() || std::count(m_map.id_columns.begin(), m_map.id_columns.end(), m_map.columns[i].name))
                key.append(cell(row, i)).append("\x1f");
        const auto rank = m_seen[key]++;
        return stable_id::of(m_map.kind, {key, rank == 0 ? std::string() : std::to_string(rank)});
    }

    const mapping& m_map;
    io::record_sink& m_sink;
    diagnostics& m_diags;
    std::string m_file, m_school;
    cell_converter m_cells;
    std::vector<std::size_t> m_index;
    std::size_t m_width = 0; ///< columns of the header row (0 without one)
    std::map<std::string, int> m_seen;
};

class mapped_reader : public reader {
public:
    explicit mapped_reader(read_options opt) : m_opt(std::move(opt)) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        model::metadata meta;
        meta.source = format_name;
        sink.on_metadata(meta);
        for (const auto& [m, entry] : m_opt.mapping.empty() ? packaged(in) : given(in)) {
            auto stream = in.open_entry(*entry);
            mapped_file(m, sink, diags, in.describe(*entry), m_opt.school).read(*stream);
        }
        sink.on_end();
    }

private:
    using pairs = std::vector<std::pair<mapping, const io::input::entry*>>;

    /** The mapping given apart (`--mapping`), for every CSV of the input. */
    pairs given(const io::input& in) const {
        const auto m = load_mapping(m_opt.mapping);
        pairs out;
        for (const auto& e : in.entries())
            if (!is_mapping_name(e.name)) out.emplace_back(m, &e);
        if (out.empty()) throw parse_error({in.name(), 0, 0}, format_name, "no CSV file in the input");
        return out;
    }

    /** Each `NAME.mapping.json` of a folder or zip with the CSV it describes. */
    static pairs packaged(const io::input& in) {
        pairs out;
        for (const auto& e : in.entries()) {
            if (!is_mapping_name(e.name)) continue;
            auto m = read_mapping(in, e);
            const auto csv = std::find_if(in.entries().begin(), in.entries().end(), [&](const auto& other) { return other.name == m.file; });
            if (csv == in.entries().end()) throw parse_error({in.describe(e), 0, 0}, format_name, "the mapping describes " + m.file + ", which the input does not hold");
            out.emplace_back(std::move(m), &*csv);
        }
        if (out.empty()) throw parse_error({in.name(), 0, 0}, format_name, "no NAME.mapping.json in the input, and no mapping given apart (--mapping)");
        return out;
    }

    read_options m_opt;
};

} // namespace

std::unique_ptr<reader> make_reader(const read_options& opt) { return std::make_unique<mapped_reader>(opt); }

} // namespace interop::csv_mapped
