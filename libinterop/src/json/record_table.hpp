#pragma once
// Kind name ↔ record reader/writer, for every kind of the model.

#include "value_codec.hpp"

#include <interop/model/dataset.hpp>

#include <string>
#include <vector>

namespace interop::json::detail {

/** Reads one record object; fills `unknown` with members the kind does not have. */
using record_parser = model::any_record (*)(const rapidjson::Value&, std::vector<std::string>& unknown);

/** nullptr when no kind has this name. */
record_parser parser_for_kind(std::string_view kind);
/** nullptr when no kind has this collection name. */
record_parser parser_for_collection(std::string_view collection);

/** `kind/id` of a record, for messages. */
std::string record_label(const model::any_record& r);

/** One record as an object: its `kind` first when asked, its fields, its provenance if any. */
template <class W, class K> void write_record(W& w, const K& rec, bool with_kind) {
    w.StartObject();
    if (with_kind) {
        w.Key("kind");
        w.String(K::kind.data(), static_cast<rapidjson::SizeType>(K::kind.size()));
    }
    write_fields(w, rec);
    if (!rec.provenance.empty()) {
        w.Key("provenance");
        write_value(w, rec.provenance);
    }
    w.EndObject();
}

template <class W> void write_record(W& w, const model::any_record& r, bool with_kind) {
    std::visit([&](const auto& rec) { write_record(w, rec, with_kind); }, r);
}

} // namespace interop::json::detail
