#include "store/sqlite_store.hpp"

#include "store/migrations.hpp"
#include "store/sqlite_notifications.hpp"
#include "store/sqlite_store_impl.hpp"
#include "store/sqlite_writer.hpp"

#include <interop/adapter/support.hpp>

#include <filesystem>

namespace hubd {

std::string_view to_string(change_kind c) {
    switch (c) {
    case change_kind::created: return "created";
    case change_kind::updated: return "updated";
    case change_kind::deleted: return "deleted";
    }
    return "?";
}

namespace {

change_kind change_kind_of(const std::string& s) {
    if (s == "created") return change_kind::created;
    if (s == "updated") return change_kind::updated;
    return change_kind::deleted;
}

// Fields whose ids make a record belong to a class or group, or concern a person.
constexpr const char* group_fields = "'class', 'classes', 'group', 'groups'";
constexpr const char* person_fields =
    "'student', 'students', 'person', 'staff', 'teacher', 'teachers', 'guardian', 'author', 'recorded_by', 'given_by', 'recipient'";

std::string record_filter_sql(const record_query& q) {
    std::string sql = " WHERE school = ?1 AND kind = ?2 AND id > ?3";
    if (q.updated_after) sql += " AND updated_at > ?4";
    if (q.member_of)
        sql += std::string(" AND (EXISTS (SELECT 1 FROM record_refs r WHERE r.school = records.school AND r.kind = records.kind"
                           " AND r.id = records.id AND r.field IN (") + group_fields + ") AND r.value = ?5)"
               // people in the class or group, through their memberships
               " OR (records.kind IN ('student', 'staff') AND records.id IN (SELECT p.value FROM record_refs g"
               " JOIN record_refs p ON p.school = g.school AND p.kind = g.kind AND p.id = g.id AND p.field = 'person'"
               " WHERE g.school = records.school AND g.kind = 'membership' AND g.field = 'group' AND g.value = ?5))"
               // sessions of the class's courses
               " OR (records.kind = 'session' AND EXISTS (SELECT 1 FROM record_refs s JOIN record_refs c"
               " ON c.school = s.school AND c.kind = 'course' AND c.id = s.value WHERE s.school = records.school"
               " AND s.kind = 'session' AND s.id = records.id AND s.field = 'course' AND c.field IN ('classes', 'groups')"
               " AND c.value = ?5)))";
    if (q.person)
        sql += std::string(" AND (EXISTS (SELECT 1 FROM record_refs r WHERE r.school = records.school AND r.kind = records.kind"
                           " AND r.id = records.id AND r.field IN (") + person_fields + ") AND r.value = ?6)"
               " OR (records.kind = 'session' AND EXISTS (SELECT 1 FROM record_refs s JOIN record_refs c"
               " ON c.school = s.school AND c.kind = 'course' AND c.id = s.value WHERE s.school = records.school"
               " AND s.kind = 'session' AND s.id = records.id AND s.field = 'course' AND c.field = 'teachers'"
               " AND c.value = ?6)))";
    if (q.from) sql += " AND last_day >= ?7";
    if (q.to) sql += " AND first_day <= ?8";
    return sql + " ORDER BY id LIMIT ?9";
}

stored_record record_of(sqlite::statement& st) {
    stored_record r;
    r.school = st.text(0);
    r.kind = st.text(1);
    r.id = st.text(2);
    r.json = st.text(3);
    r.hash = st.text(4);
    if (!st.is_null(5)) r.first_day = st.text(5);
    if (!st.is_null(6)) r.last_day = st.text(6);
    r.seq = static_cast<std::uint64_t>(st.integer(7));
    r.updated_at = st.integer(8);
    return r;
}

constexpr const char* record_columns = "SELECT school, kind, id, json, hash, first_day, last_day, seq, updated_at FROM records";

} // namespace

namespace sqlite {

std::string join_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
    return out;
}

std::vector<std::string> split_list(const std::string& s) { return interop::adapter_support::split_nonempty(s, ','); }

std::string placeholders(int first, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += (i ? ", ?" : "?") + std::to_string(first + static_cast<int>(i));
    return out;
}

sqlite_store::sqlite_store(const std::filesystem::path& file)
    : m_pool(file), m_notifications(std::make_unique<sqlite_notifications>(m_pool)) {
    migrate(*m_pool.borrow());
}

notification_store& sqlite_store::notifications() { return *m_notifications; }

std::unique_ptr<store_writer> sqlite_store::write() { return std::make_unique<writer>(m_pool.borrow()); }

std::vector<change_entry> sqlite_store::changes(const change_query& q) {
    auto db = m_pool.borrow();
    std::string sql = "SELECT seq, op, school, kind, id, at, import_id FROM changes WHERE seq > ?1";
    if (!q.schools.empty()) sql += " AND school IN (" + placeholders(3, q.schools.size()) + ")";
    const int kinds_from = 3 + static_cast<int>(q.schools.size());
    if (!q.kinds.empty()) sql += " AND kind IN (" + placeholders(kinds_from, q.kinds.size()) + ")";
    sql += " ORDER BY seq LIMIT ?2";
    auto st = db->prepare(sql);
    st.bind(1, static_cast<std::int64_t>(q.after)).bind(2, static_cast<std::int64_t>(q.limit));
    int i = 3;
    for (const auto& s : q.schools) st.bind(i++, s);
    for (const auto& k : q.kinds) st.bind(i++, k);
    std::vector<change_entry> out;
    while (st.step())
        out.push_back({static_cast<std::uint64_t>(st.integer(0)), change_kind_of(st.text(1)), st.text(3), st.text(2),
                       st.text(4), st.integer(5), st.text(6)});
    return out;
}

std::uint64_t sqlite_store::last_seq() {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT COALESCE(MAX(seq), 0) FROM changes");
    st.step();
    return static_cast<std::uint64_t>(st.integer(0));
}

std::vector<std::string> sqlite_store::schools() {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT DISTINCT school FROM records ORDER BY school");
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
}

std::vector<stored_record> sqlite_store::records(const record_query& q) {
    auto db = m_pool.borrow();
    auto st = db->prepare(record_columns + record_filter_sql(q));
    st.bind(1, q.school).bind(2, q.kind).bind(3, q.after_id).bind(9, static_cast<std::int64_t>(q.limit));
    if (q.updated_after) st.bind(4, *q.updated_after);
    if (q.member_of) st.bind(5, *q.member_of);
    if (q.person) st.bind(6, *q.person);
    if (q.from) st.bind(7, *q.from);
    if (q.to) st.bind(8, *q.to);
    std::vector<stored_record> out;
    while (st.step()) out.push_back(record_of(st));
    return out;
}

std::optional<stored_record> sqlite_store::record(const record_key& k) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(record_columns) + " WHERE school = ?1 AND kind = ?2 AND id = ?3");
    st.bind(1, k.school).bind(2, k.kind).bind(3, k.id);
    if (!st.step()) return std::nullopt;
    return record_of(st);
}

std::optional<import_row> sqlite_store::import(const std::string& id) {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT id, school, client, format, status, report, received_at, finished_at FROM imports WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return import_row{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.integer(6), st.integer(7)};
}

std::string sqlite_store::integrity_check() {
    auto db = m_pool.borrow();
    auto st = db->prepare("PRAGMA integrity_check");
    std::string out;
    while (st.step()) out += (out.empty() ? "" : "; ") + st.text(0);
    return out;
}

std::uint64_t sqlite_store::last_seq_of(const std::string& school, const std::vector<std::string>& kinds) {
    auto db = m_pool.borrow();
    auto st = db->prepare("SELECT COALESCE(MAX(seq), 0) FROM changes WHERE school = ?1 AND kind IN (" + placeholders(2, kinds.size()) + ")");
    st.bind(1, school);
    int i = 2;
    for (const auto& k : kinds) st.bind(i++, k);
    st.step();
    return static_cast<std::uint64_t>(st.integer(0));
}

std::uint64_t sqlite_store::size_bytes() {
    std::error_code ec;
    std::uint64_t total = 0;
    for (const char* suffix : {"", "-wal"}) {
        const auto size = std::filesystem::file_size(m_pool.file().string() + suffix, ec);
        if (!ec) total += size;
    }
    return total;
}

} // namespace sqlite

std::unique_ptr<store> open_sqlite_store(const std::filesystem::path& file) { return std::make_unique<sqlite::sqlite_store>(file); }

} // namespace hubd
