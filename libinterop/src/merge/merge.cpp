#include "record_fields.hpp"

#include <interop/merge/merge.hpp>

#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

namespace interop {
namespace {

using key3 = std::tuple<std::string, std::string, std::string>;

using detail::folded;

} // namespace

std::string detail::folded(std::string_view s) {
    static const std::map<std::string_view, char> accents{
        {"à", 'A'}, {"â", 'A'}, {"ä", 'A'}, {"á", 'A'}, {"ç", 'C'}, {"é", 'E'}, {"è", 'E'}, {"ê", 'E'}, {"ë", 'E'}, {"î", 'I'}, {"ï", 'I'},
        {"í", 'I'}, {"ô", 'O'}, {"ö", 'O'}, {"ó", 'O'}, {"ù", 'U'}, {"û", 'U'}, {"ü", 'U'}, {"ú", 'U'}, {"ÿ", 'Y'}, {"ñ", 'N'},
        {"À", 'A'}, {"Â", 'A'}, {"Ä", 'A'}, {"Ç", 'C'}, {"É", 'E'}, {"È", 'E'}, {"Ê", 'E'}, {"Ë", 'E'}, {"Î", 'I'}, {"Ï", 'I'},
        {"Ô", 'O'}, {"Ö", 'O'}, {"Ù", 'U'}, {"Û", 'U'}, {"Ü", 'U'}, {"Á", 'A'}, {"Í", 'I'}, {"Ó", 'O'}, {"Ú", 'U'}, {"Ñ", 'N'}};
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) >= 0x80 && i + 1 < s.size()) {
            if (const auto it = accents.find(s.substr(i, 2)); it != accents.end()) {
                out += it->second;
                i += 2;
                continue;
            }
        }
        const char c = s[i++];
        if (c == '-' || c == '\'' || c == ' ') out += ' ';
        else out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

namespace {

template <class P> std::string name_key(const P& p) {
    std::string key = folded(p.last_name) + "|" + folded(p.first_name);
    if constexpr (requires { p.birth_date; }) key += "|" + (p.birth_date ? model::to_string(*p.birth_date) : std::string("?"));
    return key;
}

template <class P> bool has_birth_date(const P& p) {
    if constexpr (requires { p.birth_date; }) return p.birth_date.has_value();
    else return false;
}

/** The merged dataset and its indexes. */
class merger {
public:
    merger(diagnostics& diags) : m_diags(diags) {}

    void add_source(const model::dataset& src, std::size_t index) {
        m_source = index;
        m_renamed.clear();
        people<model::student>(src);
        people<model::staff>(src);
        people<model::guardian>(src);
        model::for_each_kind([&]<class K>(std::type_identity<K>) {
            if constexpr (!is_person<K>)
                for (const K& r : src.all<K>()) other(r);
        });
        if (index == 0) m_out.dataset.metadata = src.metadata;
        else if (src.metadata.generated_at && (!m_out.dataset.metadata.generated_at || before(*m_out.dataset.metadata.generated_at, *src.metadata.generated_at)))
            m_out.dataset.metadata.generated_at = src.metadata.generated_at;
        const std::string source = src.metadata.source.value_or("?");
        m_sources += (m_sources.empty() ? "" : " + ") + source;
    }

    merge_result finish() {
        m_out.dataset.metadata.source = "merge of " + m_sources;
        m_out.dataset.metadata.scope = model::scope::full;
        return std::move(m_out);
    }

private:
    template <class K> static constexpr bool is_person =
        std::is_same_v<K, model::student> || std::is_same_v<K, model::staff> || std::is_same_v<K, model::guardian>;

    struct candidate {
        std::size_t index = 0;
        std::string method;
        link_confidence confidence = link_confidence::high;
    };

    template <class P> void people(const model::dataset& src) {
        for (const P& r : src.all<P>()) {
            const auto found = m_source == 0 ? std::nullopt : find_person(r, src);
            if (!found) {
                add_person(r);
                continue;
            }
            P& into = m_out.dataset.all<P>()[found->index];
            absorb(into, r);
            rename(P::kind, r.school, r.id, into.id);
            m_out.links.push_back({std::string(P::kind), into.school, into.id, m_source, r.id, found->method, found->confidence});
            m_diags.add(found->confidence == link_confidence::low ? severity::warning : severity::info, "merge.linked",
                        std::string(P::kind) + "/" + into.id,
                        std::string(P::kind) + " " + r.id + " of source " + std::to_string(m_source + 1) + " is " + into.id + " (" + found->method +
                            ", " + std::string(to_string(found->confidence)) + " confidence)",
                        {r.provenance.file, r.provenance.line, 0});
        }
    }

    template <class P> std::optional<candidate> find_person(const P& r, const model::dataset& src) {
        auto& index = m_people[std::string(P::kind)];
        std::optional<candidate> found;
        for (const auto& x : r.external_ids)
            if (const auto it = index.by_external.find({r.school, x.system, x.id}); it != index.by_external.end()) {
                found = candidate{it->second, "external id " + x.system, link_confidence::high};
                break;
            }
        if constexpr (std::is_same_v<P, model::student>)
            if (!found && r.ine)
                if (const auto it = index.by_ine.find({r.school, *r.ine}); it != index.by_ine.end()) found = candidate{it->second, "INE", link_confidence::high};
        if (found) {
            const P& other = m_out.dataset.all<P>()[found->index];
            if (folded(other.first_name) == folded(r.first_name)) return found;
            m_diags.add(severity::warning, "merge.id-conflict", std::string(P::kind) + "/" + other.id,
                        "same " + found->method + " as " + std::string(P::kind) + " " + r.id + " of source " + std::to_string(m_source + 1) +
                            " but another first name (" + other.first_name + ", " + r.first_name + "): not linked",
                        {r.provenance.file, r.provenance.line, 0});
            return std::nullopt;
        }
        if (!has_birth_date(r) && !std::is_same_v<P, model::guardian>) return std::nullopt;
        std::vector<std::size_t> same_names;
        for (auto [it, end] = index.by_name.equal_range({r.school, name_key(r), ""}); it != end; ++it) same_names.push_back(it->second);
        if constexpr (std::is_same_v<P, model::guardian>) std::erase_if(same_names, [&](std::size_t i) { return !shares_pupil(r, src, i); });
        if (same_names.size() > 1)
            m_diags.add(severity::warning, "merge.ambiguous", std::string(P::kind) + "/" + r.id,
                        std::to_string(same_names.size()) + " records have the same names" + std::string(has_birth_date(r) ? " and birth date" : "") +
                            ": not linked",
                        {r.provenance.file, r.provenance.line, 0});
        if (same_names.size() != 1) return std::nullopt;
        if constexpr (std::is_same_v<P, model::guardian>) return candidate{same_names[0], "names and a pupil in common", link_confidence::medium};
        else return candidate{same_names[0], "names and birth date", link_confidence::low};
    }

    /** Whether the guardian `r` of the source and merged guardian `i` are linked to the same (merged) pupil. */
    bool shares_pupil(const model::guardian& r, const model::dataset& src, std::size_t i) {
        const auto& merged = m_out.dataset.all<model::guardian>()[i];
        for (const auto& l : src.all<model::guardian_link>()) {
            if (l.guardian != r.id || l.school != r.school) continue;
            const auto renamed = m_renamed.find({"student", l.school, l.student});
            const std::string& pupil = renamed == m_renamed.end() ? l.student : renamed->second;
            if (m_guardian_pupils.contains({merged.school, merged.id, pupil})) return true;
        }
        return false;
    }

    template <class P> void add_person(P r) {
        auto& all = m_out.dataset.all<P>();
        auto& index = m_people[std::string(P::kind)];
        if (m_source > 0 && index.ids.contains({r.school, r.id})) { // another person with this id
            const std::string old = r.id;
            r.id += "~" + std::to_string(m_source + 1);
            rename(P::kind, r.school, old, r.id);
            m_diags.add(severity::warning, "merge.id-clash", std::string(P::kind) + "/" + r.id,
                        "source " + std::to_string(m_source + 1) + " has another " + std::string(P::kind) + " with id " + old + ": renamed",
                        {r.provenance.file, r.provenance.line, 0});
        }
        const std::size_t i = all.size();
        index.ids.insert({r.school, r.id});
        for (const auto& x : r.external_ids) index.by_external.emplace(key3{r.school, x.system, x.id}, i);
        if constexpr (std::is_same_v<P, model::student>)
            if (r.ine) index.by_ine.emplace(std::pair{r.school, *r.ine}, i);
        if (has_birth_date(r) || std::is_same_v<P, model::guardian>) index.by_name.emplace(key3{r.school, name_key(r), ""}, i);
        all.push_back(std::move(r));
    }

    /** Brings a linked record's ids, extensions and missing fields into the merged one. */
    template <class P> void absorb(P& into, const P& from) {
        auto& index = m_people[std::string(P::kind)];
        const std::size_t i = static_cast<std::size_t>(&into - m_out.dataset.all<P>().data());
        std::vector<model::external_id> ids = from.external_ids;
        if (from.id != into.id && std::none_of(ids.begin(), ids.end(), [&](const auto& x) { return x.id == from.id; }))
            ids.push_back({from.provenance.format.empty() ? "source" + std::to_string(m_source + 1) : from.provenance.format, from.id});
        for (const auto& x : ids)
            if (std::find(into.external_ids.begin(), into.external_ids.end(), x) == into.external_ids.end()) {
                into.external_ids.push_back(x);
                index.by_external.emplace(key3{into.school, x.system, x.id}, i);
            }
        fill(into, from);
    }

    template <class K> void fill(K& into, const K& from) {
        for (const auto& [key, value] : from.extensions) {
            const auto [it, added] = into.extensions.emplace(key, value);
            if (!added && it->second != value) conflict(into, ("extensions." + key).c_str(), detail::shown(it->second), detail::shown(value), from);
        }
        detail::fill_fields(into, from, [&](const char* field, const std::string& kept, const std::string& other) {
            conflict(into, field, kept, other, from);
        });
    }

    template <class K> void conflict(const K& into, const char* field, const std::string& kept, const std::string& other, const K& from) {
        m_diags.add(severity::warning, "merge.conflict", std::string(K::kind) + "/" + into.id,
                    std::string(field) + ": " + kept + " kept, source " + std::to_string(m_source + 1) + " says " + other,
                    {from.provenance.file, from.provenance.line, 0});
    }

    void rename(std::string_view kind, const std::string& school, const std::string& from, const std::string& to) {
        if (from != to) m_renamed[{std::string(kind), school, from}] = to;
    }

    /** Any other record: person references rewritten, then added or merged with its equal. */
    template <class K> void other(K r) {
        detail::rewrite_person_refs(r, [&](std::string_view kind, const std::string& school, const std::string& id) -> const std::string* {
            for (std::string_view k : {std::string_view("student"), std::string_view("staff"), std::string_view("guardian")}) {
                if (!kind.empty() && kind != k) continue;
                if (const auto it = m_renamed.find({std::string(k), school, id}); it != m_renamed.end()) return &it->second;
            }
            return nullptr;
        });
        const std::string key = natural_key(r);
        auto& seen = m_records[std::string(K::kind)];
        auto& all = m_out.dataset.all<K>();
        if (const auto it = seen.find(key); it != seen.end()) return fill(all[it->second], r);
        seen.emplace(key, all.size());
        if constexpr (std::is_same_v<K, model::guardian_link>) m_guardian_pupils.insert({r.school, r.guardian, r.student});
        all.push_back(std::move(r));
    }

    /** Links are the same when they join the same records, whatever ids each source gave them. */
    template <class K> static std::string natural_key(const K& r) {
        const char sep = '\x1f';
        if constexpr (std::is_same_v<K, model::membership>)
            return r.school + sep + r.person + sep + r.group + sep + std::string(model::to_string(r.group_kind));
        else if constexpr (std::is_same_v<K, model::guardian_link>) return r.school + sep + r.student + sep + r.guardian;
        else if constexpr (std::is_same_v<K, model::teaching_assignment>)
            return r.school + sep + r.staff + sep + r.group + sep + r.subject.value_or("");
        else return r.school + sep + r.id;
    }

    struct person_index {
        std::set<std::pair<std::string, std::string>> ids;
        std::map<key3, std::size_t> by_external;
        std::map<std::pair<std::string, std::string>, std::size_t> by_ine;
        std::multimap<key3, std::size_t> by_name;
    };

    diagnostics& m_diags;
    merge_result m_out;
    std::size_t m_source = 0;
    std::string m_sources;
    std::map<std::string, person_index> m_people;
    std::map<key3, std::string> m_renamed; // (kind, school, id in the source) → id in the merged dataset
    std::map<std::string, std::unordered_map<std::string, std::size_t>> m_records;
    std::set<key3> m_guardian_pupils; // (school, guardian, student) of the merged links
};

} // namespace

std::string_view to_string(link_confidence c) {
    switch (c) {
    case link_confidence::high: return "high";
    case link_confidence::medium: return "medium";
    case link_confidence::low: return "low";
    }
    return "?";
}

merge_result merge(const std::vector<model::dataset>& sources, diagnostics& diags) {
    merger m(diags);
    for (std::size_t i = 0; i < sources.size(); ++i) m.add_source(sources[i], i);
    return m.finish();
}

} // namespace interop
