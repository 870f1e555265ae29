#pragma once
/** @file A dataset: records of every kind plus metadata. */

#include <interop/model/deletion.hpp>
#include <interop/model/groups.hpp>
#include <interop/model/messaging.hpp>
#include <interop/model/people.hpp>
#include <interop/model/school_life.hpp>
#include <interop/model/structure.hpp>
#include <interop/model/timetable.hpp>

#include <tuple>
#include <variant>

namespace interop::model {

/** Version of the canonical model this library reads and writes. */
inline constexpr int schema_major = 1;
inline constexpr int schema_minor = 4;
inline constexpr std::string_view schema_version = "1.4";

/** Every record kind, in the order datasets list them (referenced kinds first). */
using kinds = std::tuple<establishment, academic_year, period, calendar, mef, subject, room, equipment,
                         school_class, group, student, guardian, staff, guardian_link,
                         contact_preference, membership, teaching_assignment, time_grid, week_pattern, course, session,
                         attendance_event, assessment, grade_result, competency_result, report_card,
                         session_content, homework, observation, discipline_incident, sanction, news_item,
                         notification, deletion>;

template <class Tuple> struct variant_of;
template <class... T> struct variant_of<std::tuple<T...>> {
    using type = std::variant<T...>;
};
/** Any one record. */
using any_record = variant_of<kinds>::type;

/** Calls `f(std::type_identity<K>{})` for each kind K, in dataset order. */
template <class F> void for_each_kind(F&& f) {
    [&]<class... K>(std::tuple<K...>*) { (f(std::type_identity<K>{}), ...); }(static_cast<kinds*>(nullptr));
}

enum class scope { full, delta };
template <> struct enum_names<scope> {
    static constexpr std::array<std::string_view, 2> values{"full", "delta"};
};

struct metadata {
    std::string schema_version{model::schema_version};
    std::optional<std::string> generator;
    std::optional<date_time> generated_at;
    std::optional<std::string> source;
    model::scope scope = model::scope::full;
    std::vector<std::string> covers;
    model::extensions extensions;
    bool operator==(const metadata&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        v("generator", s.generator, "Program that wrote the dataset.");
        v("generated_at", s.generated_at, "When it was written.");
        v("source", s.source, "Where the data comes from (format and file, or system).");
        v("scope", s.scope, "full: a complete snapshot; delta: only changes.");
        v("covers", s.covers,
          "Kinds a full snapshot holds whole (a record of these kinds missing from it no longer exists); empty: every kind of its "
          "format's domains. A OneRoster package without gradebook files covers no assessment.");
        v("extensions", s.extensions, "What the source says of itself that has no field here (format versions, academy), kept verbatim.");
    }
};

/** Records of every kind plus metadata. */
class dataset {
public:
    model::metadata metadata;

    template <class K> std::vector<K>& all() { return std::get<std::vector<K>>(m_records); }
    template <class K> const std::vector<K>& all() const { return std::get<std::vector<K>>(m_records); }

    void add(any_record&& r) {
        std::visit([this](auto&& rec) { all<std::decay_t<decltype(rec)>>().push_back(std::move(rec)); }, std::move(r));
    }
    std::size_t size() const;
    bool operator==(const dataset&) const = default;

private:
    template <class Tuple> struct vectors_of;
    template <class... T> struct vectors_of<std::tuple<T...>> {
        using type = std::tuple<std::vector<T>...>;
    };
    vectors_of<kinds>::type m_records;
};

/** Names of every kind, in dataset order. */
std::vector<std::string_view> kind_names();

} // namespace interop::model
