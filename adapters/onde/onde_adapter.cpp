// ONDE (BE1D) CSV extractions of a primary school: pupils, teachers, guardians
// (`CSVExtraction-eleves.csv`, `-enseignants.csv`, `-responsables.csv`; ISO-8859-1, `;`,
// CRLF). The files carry no identifiers: people are keyed by name (and birth date for
// pupils), guardians find their children by name and class.

#include "../common/siecle_codes.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>
#include <interop/csv/reader.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace interop {
namespace {

constexpr const char* format_name = "onde";

enum class file_kind { pupils, teachers, guardians };

/** From ASCII markers of the header line, whatever the encoding of its accents. */
std::optional<file_kind> kind_of_head(std::string_view head) {
    const auto first_line = head.substr(0, head.find('\n'));
    auto has = [&](std::string_view s) { return first_line.find(s) != std::string_view::npos; };
    if (has("\"Classes enfants\"") && has("responsable")) return file_kind::guardians;
    if (has("\"Directeur\"") && has("\"Classe\"")) return file_kind::teachers;
    if (has("\"Date naissance\"") && has("\"Classe\"") && has("\"Niveau\"")) return file_kind::pupils;
    return std::nullopt;
}

/** A UAI (7 digits and a letter) in the input's path names the school: `…/0611234X/CSVExtraction-eleves.csv`. */
std::optional<std::string> uai_in(std::string_view path) {
    for (std::size_t i = 0; i + 8 <= path.size(); ++i) {
        const auto s = path.substr(i, 8);
        if (std::all_of(s.begin(), s.begin() + 7, [](char c) { return c >= '0' && c <= '9'; }) && s[7] >= 'A' && s[7] <= 'Z' &&
            (i == 0 || !std::isalnum(static_cast<unsigned char>(path[i - 1]))) &&
            (i + 8 == path.size() || !std::isalnum(static_cast<unsigned char>(path[i + 8]))))
            return std::string(s);
    }
    return std::nullopt;
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return std::string(s);
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::optional<std::string> non_empty(std::string_view s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }

/** A row with its header, by column name. */
struct row_view {
    const std::vector<std::string>& header;
    const std::vector<std::string>& cells;
    std::string_view operator[](std::string_view name) const {
        for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i)
            if (header[i] == name) return cells[i];
        return {};
    }
};

struct pupil_key {
    std::string name, first_name, class_code;
    auto operator<=>(const pupil_key&) const = default;
};

class onde_mapper {
public:
    onde_mapper(io::record_sink& sink, diagnostics& diags, std::string school) : m_sink(sink), m_diags(diags), m_school(std::move(school)) {}

    void read_file(std::istream& in, const std::string& file, file_kind kind) {
        m_file = file;
        csv::reader reader(in, file, format_name, {.separator = ';', .encoding = csv::encoding::automatic});
        std::vector<std::string> header, cells;
        if (!reader.next(header)) return;
        for (auto& h : header) h = trimmed(h);
        while (reader.next(cells)) {
            if (cells.size() == 1 && cells[0].empty()) continue; // blank line
            m_line = reader.line();
            const row_view row{header, cells};
            if (kind == file_kind::pupils) pupil(row);
            else if (kind == file_kind::teachers) teacher(row);
            else guardian(row);
        }
    }

private:
    void pupil(const row_view& r) {
        const std::string family(r["Nom Elève"]), usage(r["Nom d'usage Elève"]), first(r["Prénom Elève"]);
        const auto birth = date_of(r["Date naissance"]);
        std::string id = unique(m_pupil_ids, upper(family) + "." + first + "." + (birth ? model::to_string(*birth) : ""));
        auto s = make<model::student>(id);
        s.last_name = usage.empty() ? family : usage;
        if (!usage.empty() && usage != family) s.birth_last_name = family;
        s.first_name = first;
        s.birth_date = birth;
        if (const auto sex = r["Sexe"]; sex == "M" || sex == "F") s.sex = std::string(sex);
        s.level = non_empty(r["Niveau"]);
        keep_unmapped(r, {"Nom Elève", "Nom d'usage Elève", "Prénom Elève", "Date naissance", "Sexe", "Niveau", "Classe"}, s.extensions);
        const std::string class_code(r["Classe"]);
        if (!class_code.empty()) {
            ensure_class(class_code);
            auto m = make<model::membership>(id + "@" + class_code);
            m.person = id;
            m.group = class_code;
            emit(std::move(m));
        }
        for (const auto& name : {family, usage})
            if (!name.empty()) m_pupils[{upper(name), first, class_code}] = id;
        emit(std::move(s));
    }

    void teacher(const row_view& r) {
        const std::string family(r["Nom"]), usage(r["Nom usage"]), first(r["Prénom"]);
        const std::string id = unique(m_staff_ids, upper(family) + "." + first);
        auto s = make<model::staff>(id);
        s.civility = non_empty(r["Civilité"]);
        s.last_name = usage.empty() ? family : usage;
        s.first_name = first;
        s.email = non_empty(r["Courriel"]);
        s.functions = {"ENS"};
        if (upper(std::string(r["Directeur"])) == "OUI") s.functions.push_back("DIR");
        keep_unmapped(r, {"Civilité", "Nom", "Nom usage", "Prénom", "Courriel", "Directeur", "Classe"}, s.extensions);
        if (const std::string class_code(r["Classe"]); !class_code.empty()) {
            ensure_class(class_code);
            auto m = make<model::membership>(id + "@" + class_code);
            m.person = id;
            m.role = model::membership_role::teacher;
            m.group = class_code;
            emit(std::move(m));
        }
        emit(std::move(s));
    }

    void guardian(const row_view& r) {
        const std::string family(r["Nom responsable"]), usage(r["Nom usage responsable"]), first(r["Prénom responsable"]);
        const std::string id = unique(m_guardian_ids, upper(family) + "." + first);
        auto g = make<model::guardian>(id);
        g.civility = non_empty(r["Civilité Responsable"]);
        g.last_name = usage.empty() ? family : usage;
        g.first_name = first;
        for (auto [column, type] : {std::pair{"Courriel", model::contact_kind::email}, std::pair{"Téléphone portable", model::contact_kind::mobile},
                                    std::pair{"Téléphone domicile", model::contact_kind::home_phone},
                                    std::pair{"Téléphone travail", model::contact_kind::work_phone}})
            if (const auto v = r[column]; !v.empty()) g.contacts.push_back({type, std::string(v)});
        std::string address(r["Adresse responsable"]);
        const std::string town = trimmed(std::string(r["CP responsable"]) + " " + std::string(r["Commune responsable"]));
        for (const auto& part : {town, std::string(r["Pays"])})
            if (!part.empty()) address += (address.empty() ? "" : ", ") + part;
        if (!address.empty()) g.contacts.push_back({model::contact_kind::address, address});
        keep_unmapped(r,
                      {"Civilité Responsable", "Nom responsable", "Nom usage responsable", "Prénom responsable", "Courriel", "Téléphone portable",
                       "Téléphone domicile", "Téléphone travail", "Adresse responsable", "CP responsable", "Commune responsable", "Pays",
                       "Nom d'usage enfant", "Nom de famille enfant", "Prénom enfant", "Classes enfants"},
                      g.extensions);
        children(r, id);
        emit(std::move(g));
    }

    /** The repeated (usage name, family name, first name, class) columns: one link per child found. */
    void children(const row_view& r, const std::string& guardian) {
        for (std::size_t i = 0; i + 3 < r.header.size() && i + 3 < r.cells.size(); ++i) {
            if (r.header[i] != "Nom d'usage enfant") continue;
            const std::string usage(r.cells[i]), family(r.cells[i + 1]), first(r.cells[i + 2]), class_code(r.cells[i + 3]);
            if (family.empty() && usage.empty() && first.empty()) continue;
            std::string pupil;
            for (const auto& name : {family, usage})
                if (const auto it = m_pupils.find({upper(name), first, class_code}); !name.empty() && it != m_pupils.end()) pupil = it->second;
            if (pupil.empty()) {
                warn("onde.child", "child " + first + " " + family + " (" + class_code + ") of guardian " + guardian + " is not among the pupils: link left out");
                continue;
            }
            auto l = make<model::guardian_link>(pupil + "/" + guardian);
            l.student = pupil;
            l.guardian = guardian;
            emit(std::move(l));
        }
    }

    void ensure_class(const std::string& code) {
        if (!m_classes.insert(code).second) return;
        auto c = make<model::school_class>(code);
        c.code = c.label = code;
        emit(std::move(c));
    }

    /** Names are the only key: a second person with the same one gets `#2` and a warning. */
    std::string unique(std::set<std::string>& ids, std::string id) {
        if (ids.insert(id).second) return id;
        for (int n = 2;; ++n)
            if (ids.insert(id + "#" + std::to_string(n)).second) {
                warn("onde.duplicate", "two rows name " + id + ": the second is " + id + "#" + std::to_string(n));
                return id + "#" + std::to_string(n);
            }
    }

    std::optional<model::date> date_of(std::string_view v) {
        if (v.empty()) return std::nullopt;
        if (auto d = model::parse_date(v)) return d;
        if (auto d = codes::date_ddmmyyyy(v)) return d;
        warn("onde.date", "\"" + std::string(v) + "\" is not a date: left out");
        return std::nullopt;
    }

    void keep_unmapped(const row_view& r, std::initializer_list<std::string_view> mapped, model::extensions& out) {
        for (std::size_t i = 0; i < r.header.size() && i < r.cells.size(); ++i) {
            const auto& name = r.header[i];
            if (r.cells[i].empty() || std::find(mapped.begin(), mapped.end(), name) != mapped.end()) continue;
            out["onde:" + name] = r.cells[i];
            if (m_reported.insert(name).second)
                m_diags.add(severity::info, "onde.unmapped", "", "column \"" + name + "\" is not mapped to a model field: kept in extensions as onde:" + name,
                            {m_file, m_line, 0});
        }
    }

    template <class K> K make(std::string id) const { return adapter_support::new_record<K>(std::move(id), m_school, {format_name, m_file, m_line}); }
    template <class K> void emit(K&& r) { adapter_support::emit(m_sink, std::forward<K>(r)); }
    void warn(std::string code, std::string message) { m_diags.add(severity::warning, std::move(code), "", std::move(message), {m_file, m_line, 0}); }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    std::string m_school, m_file;
    std::uint64_t m_line = 0;
    std::set<std::string> m_classes, m_pupil_ids, m_staff_ids, m_guardian_ids, m_reported;
    std::map<pupil_key, std::string> m_pupils;
};

class onde_reader : public reader {
public:
    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        std::vector<std::pair<const io::input::entry*, file_kind>> files;
        for (const auto& e : in.entries()) {
            adapter_support::refuse_empty_member(in, e, format_name);
            if (const auto kind = kind_of_head(in.head(e))) files.emplace_back(&e, *kind);
            else diags.add(severity::info, "onde.skipped", "", "not an ONDE CSV extraction: left out", {in.describe(e), 0, 0});
        }
        if (files.empty()) throw parse_error({in.name(), 0, 0}, format_name, "no ONDE CSV extraction (pupils, teachers, guardians) in the input");
        std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        const auto school = school_of(in, diags);
        model::metadata metadata;
        metadata.source = format_name;
        sink.on_metadata(metadata);
        onde_mapper mapper(sink, diags, school);
        for (const auto& [entry, kind] : files) {
            auto stream = in.open_entry(*entry);
            mapper.read_file(*stream, in.describe(*entry), kind);
        }
        sink.on_end();
    }

private:
    static std::string school_of(const io::input& in, diagnostics& diags) {
        if (auto uai = uai_in(in.name())) return *uai;
        for (const auto& e : in.entries())
            if (auto uai = uai_in(e.name)) return *uai;
        const std::string name = std::filesystem::path(in.name()).filename().string();
        diags.add(severity::warning, "onde.school", "",
                  "ONDE extractions do not name their school: no UAI in the path, so \"" + name + "\" stands for it", {in.name(), 0, 0});
        return name;
    }
};

confidence identify_onde(const io::input& in) {
    for (const auto& e : in.entries())
        if (kind_of_head(in.head(e))) return confidence::yes;
    return confidence::no;
}

} // namespace

void register_onde(registry& r) {
    r.add({.name = format_name,
           .title = "ONDE (BE1D) CSV extractions of a primary school",
           .domains = {"people", "groups"},
           .extensions = {"csv", "zip"},
           .media_type = "text/csv",
           .round_trips = false,
           .identify = identify_onde,
           .make_reader = [](const read_options&) { return std::make_unique<onde_reader>(); },
           .make_writer = {},
           .writes = {}});
}

} // namespace interop
