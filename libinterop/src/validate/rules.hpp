#pragma once
// The validation rules, one file each; validate.cpp runs them in turn.

#include <interop/diagnostics.hpp>
#include <interop/model/dataset.hpp>

#include <string>

namespace interop::detail {

template <class K> std::string label(const K& r) { return std::string(K::kind) + "/" + r.id; }

template <class K> position where(const K& r) { return {r.provenance.file, r.provenance.line, 0}; }

template <class K>
void report(diagnostics& d, severity s, const char* code, const K& r, std::string message) {
    d.add(s, code, label(r), std::move(message), where(r));
}

void check_references(const model::dataset& ds, diagnostics& d);
void check_uais(const model::dataset& ds, diagnostics& d);
void check_dates(const model::dataset& ds, diagnostics& d);
void check_overlaps(const model::dataset& ds, diagnostics& d);
void check_duplicates(const model::dataset& ds, diagnostics& d);
void check_bounds(const model::dataset& ds, diagnostics& d);

} // namespace interop::detail
