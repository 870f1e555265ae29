#pragma once
// SIECLE "Base élèves établissement" (BEE) XML exports of one school: what each file holds,
// and the mapping of its elements to canonical records.

#include <interop/adapter/support.hpp>
#include <interop/diagnostics.hpp>
#include <interop/io/sink.hpp>
#include <interop/xml/reader.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace interop::siecle {

/** The export kinds, in the order a set of them is read. */
enum class export_kind { nomenclatures, structures, pupils, guardians };

/** The kind from the root element named in the head of a file (`<BEE_ELEVES`, …). */
std::optional<export_kind> kind_of_head(std::string_view head);
std::string_view root_name(export_kind k);

/** What PARAMETRES says of the export, into the dataset's metadata (UAJ, school year, export date). */
void describe_export(const xml::element& parameters, model::metadata& m);

/**
 * Joins the files of one school's export set and emits records. Pupils and guardians are
 * kept until their file ends (options, structures and addresses come after the people in
 * the file): memory is bounded by one school's export.
 */
class bee_mapper {
public:
    bee_mapper(io::record_sink& sink, diagnostics& diags) : m_sink(sink), m_diags(diags) {}

    void begin_file(export_kind kind, std::string file);
    /** `PARAMETRES` of the file: the school (UAJ) and year. */
    void parameters(const xml::element& e);
    /** Each element under `DONNEES/<section>/`. */
    void element(const xml::element& e);
    void end_file();

private:
    void nomenclature(const xml::element& e);
    void structure(const xml::element& e);
    void pupil(const xml::element& e);
    void pupil_option(const xml::element& e);
    void pupil_structures(const xml::element& e);
    void person(const xml::element& e);
    void responsibility(const xml::element& e);
    void address(const xml::element& e);
    void ensure_group(std::string_view code, bool is_class, const xml::element& at);

    template <class K> K make(const xml::element& e, std::string id, std::string school) const {
        return adapter_support::new_record<K>(std::move(id), std::move(school), {"siecle", m_file, e.line});
    }
    template <class K> void emit(K&& r) { adapter_support::emit(m_sink, std::forward<K>(r)); }
    /** Child elements the mapping does not use go to extensions, each tag reported once. */
    void keep_unmapped(const xml::element& e, std::initializer_list<std::string_view> mapped, model::extensions& out);
    std::optional<model::date> date_of(std::string_view text, std::string_view tag, const xml::element& e);
    void warn(const xml::element& e, std::string code, std::string message);

    io::record_sink& m_sink;
    diagnostics& m_diags;
    export_kind m_kind = export_kind::pupils;
    std::string m_file;
    std::string m_school;
    std::set<std::string> m_classes, m_groups, m_reported;
    std::vector<model::student> m_pupils;              // until the pupils file ends
    std::map<std::string, std::size_t> m_pupil_index;  // ELEVE_ID → m_pupils
    std::vector<std::pair<model::guardian, std::string>> m_people; // with ADRESSE_ID, until the guardians file ends
    std::map<std::string, std::string> m_addresses;    // ADRESSE_ID → one line
};

} // namespace interop::siecle
