#pragma once
// Maps AAF requests to canonical records, streaming them into a sink. Keeps only what the
// joins need: structure jointure → UAI, the classes and groups already emitted, and which
// schools each guardian's pupils attend (PersRelEleve records name no structure).

#include "delivery.hpp"
#include "guardian_index.hpp"
#include "request.hpp"

#include <interop/adapter/support.hpp>
#include <interop/diagnostics.hpp>
#include <interop/io/sink.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace interop::aaf {

/** The text, or nothing when it is empty (an AAF attribute left blank). */
inline std::optional<std::string> non_empty(std::string_view s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }

class mapper {
public:
    mapper(io::record_sink& sink, diagnostics& diags, std::size_t index_budget_bytes)
        : m_sink(sink), m_diags(diags), m_guardian_schools(index_budget_bytes) {}

    /** Passes over the guardians' files the guardian index needs, and the choice of one. */
    std::size_t guardian_passes() { return m_guardian_schools.passes(); }
    void begin_guardian_pass(std::size_t p) { m_guardian_schools.load_pass(p); }
    bool in_guardian_pass(std::string_view guardian) const { return m_guardian_schools.in_pass(guardian); }

    /** Which file the next requests come from, for provenance and messages. */
    void set_file(std::string described) { m_file = std::move(described); }
    /** Maps an add (or a modify applied to its add) to records. */
    void map(file_type type, const request& r);
    /** A modify read without its Complet: records carry only the replaced attributes. */
    void map_partial(file_type type, const request& r);
    /** A delete read without its Complet. */
    void map_deletion(file_type type, const request& r);

private:
    // map_structures.cpp
    void structure(const request& r);
    void subject(const request& r);
    void mef(const request& r);
    // map_people.cpp
    void student(const request& r);
    void student_links(const request& r, const std::string& school);
    void staff(const request& r);
    void staff_links(const request& r);
    void guardian(const request& r);

    template <class K> K make(const request& r, std::string id, std::string school) const {
        K k = adapter_support::new_record<K>(std::move(id), std::move(school), {"aaf", m_file, r.line});
        if (!m_modified.empty()) k.extensions["aaf:modified"] = m_modified;
        return k;
    }
    template <class K> void emit(K&& record) { adapter_support::emit(m_sink, std::forward<K>(record)); }
    /** Attributes the mapping has not read go to extensions, each name reported once; call it last. */
    void keep_unmapped(file_type type, const request& r, model::extensions& out);
    /**
     * The school of a structure jointure: its UAI when an EtabEducNat defines it. A structure
     * the delivery does not define is a reference, reported once (`aaf.structure.reference`):
     * nullptr, and no school, class, group or staff record is made of it. Only when the delivery
     * has no EtabEducNat at all does a jointure a person is attached to (`may_stand`: a pupil's
     * or staff's own structure, the classes they are in) stand for the school, warned once.
     */
    const std::string* school_of(std::string_view jointure, const request& r, bool may_stand, std::string_view attribute);
    std::uint32_t school_index(const std::string& uai);
    /** Emits the class or group record the first time a (school, code) is seen. */
    void ensure_group(const std::string& school, std::string_view code, bool is_class, std::string_view label, const request& r);
    std::optional<model::date> date_of(std::string_view text, std::string_view attribute, const request& r);
    void warn(const request& r, std::string code, std::string message);

    io::record_sink& m_sink;
    diagnostics& m_diags;
    std::string m_file;
    std::string m_modified; ///< names of the replaced attributes while mapping a partial request
    std::unordered_map<std::string, std::string> m_uai_of;
    std::set<std::string> m_unknown_structures;   ///< standing for schools: the delivery has no EtabEducNat
    std::map<std::string, std::size_t> m_references; ///< structures named but not defined, and how many times
    std::unordered_set<std::uint64_t> m_classes, m_groups; ///< hashes of school \x1f code: 8 bytes a class
    std::string m_key;                                    ///< reused to compute them
    std::array<std::unordered_set<std::string>, file_type_count> m_reported_unmapped;
    std::vector<std::string> m_schools;
    std::unordered_map<std::string, std::uint32_t> m_school_index;
    guardian_index m_guardian_schools;
};

} // namespace interop::aaf
