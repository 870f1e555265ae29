#include "reading.hpp"

#include <interop/diff/diff.hpp>
#include <interop/json/bounded.hpp>
#include <interop/json/canonical.hpp>

#include <rapidjson/document.h>

#include <map>

namespace conformance {

namespace {

class logging_sink : public interop::io::record_sink {
public:
    logging_sink(interop::model::dataset& out, sink_log& log) : m_collect(out), m_log(log) {}
    void on_metadata(const interop::model::metadata& m) override {
        ++m_log.metadata;
        if (m_log.records > 0) m_log.metadata_after_record = true;
        m_collect.on_metadata(m);
    }
    void on_record(interop::model::any_record&& r) override {
        ++m_log.records;
        if (m_log.ends > 0) m_log.record_after_end = true;
        auto key = std::visit([](const auto& k) { return std::string(k.kind) + "/" + k.school + "/" + k.id; }, r);
        if (!m_log.keys.insert(key).second && m_log.first_repeated.empty()) m_log.first_repeated = std::move(key);
        m_collect.on_record(std::move(r));
    }
    void on_end() override { ++m_log.ends; }

private:
    interop::io::dataset_sink m_collect;
    sink_log& m_log;
};

/** Each record's canonical JSON by `kind/school/id`. */
class json_by_key : public interop::io::record_sink {
public:
    std::map<std::string, std::string> records;
    void on_record(interop::model::any_record&& r) override {
        std::visit([&](const auto& k) { records[std::string(k.kind) + "/" + k.school + "/" + k.id] = interop::json::to_json(r); }, r);
    }
};

std::map<std::string, std::string> canonical_records(const interop::model::dataset& ds) {
    json_by_key sink;
    interop::io::replay(ds, sink);
    return std::move(sink.records);
}

/** The top-level members whose values differ between two records' JSON. */
std::string changed_fields(const std::string& a, const std::string& b) {
    rapidjson::Document x, y;
    std::string out;
    if (interop::json::parse_bounded(a, x) || interop::json::parse_bounded(b, y) || !x.IsObject() || !y.IsObject()) return "(not comparable)";
    auto note = [&](const std::string& name) { out += (out.empty() ? "" : ", ") + name; };
    for (const auto& m : x.GetObject()) {
        if (std::string_view(m.name.GetString()) == "provenance") continue;
        const auto other = y.FindMember(m.name);
        if (other == y.MemberEnd() || other->value != m.value) note(m.name.GetString());
    }
    for (const auto& m : y.GetObject())
        if (!x.HasMember(m.name)) note(m.name.GetString());
    return out;
}

} // namespace

std::string sink_log::broken() const {
    if (metadata > 1) return "metadata sent " + std::to_string(metadata) + " times";
    if (metadata_after_record) return "metadata sent after a record";
    if (ends != 1) return "the sink was ended " + std::to_string(ends) + " times, not once";
    if (record_after_end) return "a record was sent after the end";
    if (!first_repeated.empty())
        return std::to_string(records) + " records sent, " + std::to_string(keys.size()) + " distinct: " + first_repeated + " sent twice";
    return {};
}

reading read_with(const interop::adapter_info& adapter, const interop::io::input& in, const interop::read_options& opt) {
    reading r;
    logging_sink sink(r.dataset, r.log);
    try {
        interop::read_bounded(adapter, in, sink, r.diags, opt);
    } catch (const interop::parse_error& e) {
        r.refused = e;
    }
    return r;
}

reading read_with(const interop::adapter_info& adapter, const std::filesystem::path& path, const interop::read_options& opt) {
    return read_with(adapter, interop::io::input::open(path), opt);
}

std::vector<std::string> describe_differences(const interop::model::dataset& expected, const interop::model::dataset& actual) {
    const auto changes = interop::diff(expected, actual).changes;
    if (changes.empty()) return {};
    const auto before = canonical_records(expected), after = canonical_records(actual);
    std::vector<std::string> out;
    for (const auto& c : changes) {
        const auto key = c.kind + "/" + c.school + "/" + c.id;
        std::string line = c.op == interop::change_op::created ? "unexpected" : c.op == interop::change_op::deleted ? "missing" : "changed";
        line += " " + c.kind + "/" + c.id;
        if (c.op == interop::change_op::updated) line += ": " + changed_fields(before.at(key), after.at(key));
        out.push_back(std::move(line));
    }
    return out;
}

} // namespace conformance
