// The SQLite store: clients and calendar feed tokens.
#include "store/sqlite_store_impl.hpp"

namespace hubd::sqlite {

namespace {

constexpr const char* client_columns = "SELECT id, name, secret_hash, scopes, schools, created_at, revoked, profile, pseudonymous, audience FROM clients";

client_row client_of(statement& st) {
    return client_row{st.text(0), st.text(1), st.text(2), split_list(st.text(3)), split_list(st.text(4)),
                      st.integer(5), st.integer(6) != 0, st.text(7), st.integer(8) != 0, st.text(9)};
}

constexpr const char* token_columns = "SELECT id, token_hash, school, audience, audience_id, client, created_at, revoked FROM calendar_tokens";

calendar_token_row token_of(statement& st) {
    return calendar_token_row{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.integer(6), st.integer(7) != 0};
}

} // namespace

void sqlite_store::add_client(const client_row& c) {
    auto db = m_pool.borrow();
    auto st = db->prepare("INSERT INTO clients (id, name, secret_hash, scopes, schools, created_at, revoked, profile, pseudonymous) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    st.bind(1, c.id).bind(2, c.name).bind(3, c.secret_hash).bind(4, join_list(c.scopes)).bind(5, join_list(c.schools));
    st.bind(6, c.created_at).bind(7, std::int64_t{c.revoked}).bind(8, c.profile).bind(9, std::int64_t{c.pseudonymous});
    st.run();
}

std::optional<client_row> sqlite_store::client(const std::string& id) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(client_columns) + " WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return client_of(st);
}

std::vector<client_row> sqlite_store::clients() {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(client_columns) + " ORDER BY created_at, id");
    std::vector<client_row> out;
    while (st.step()) out.push_back(client_of(st));
    return out;
}

bool sqlite_store::revoke_client(const std::string& id) {
    auto db = m_pool.borrow();
    auto st = db->prepare("UPDATE clients SET revoked = 1 WHERE id = ?1");
    st.bind(1, id);
    st.run();
    return db->changes() > 0;
}

bool sqlite_store::set_client_profile(const std::string& id, const std::string& profile, bool pseudonymous) {
    auto db = m_pool.borrow();
    auto st = db->prepare("UPDATE clients SET profile = ?2, pseudonymous = ?3 WHERE id = ?1");
    st.bind(1, id).bind(2, profile).bind(3, std::int64_t{pseudonymous});
    st.run();
    return db->changes() > 0;
}

bool sqlite_store::set_client_audience(const std::string& id, const std::string& audience) {
    auto db = m_pool.borrow();
    auto st = db->prepare("UPDATE clients SET audience = ?2 WHERE id = ?1");
    st.bind(1, id).bind(2, audience);
    st.run();
    return db->changes() > 0;
}

void sqlite_store::add_calendar_token(const calendar_token_row& t) {
    auto db = m_pool.borrow();
    auto st = db->prepare("INSERT INTO calendar_tokens (id, token_hash, school, audience, audience_id, client, created_at, revoked) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, t.id).bind(2, t.token_hash).bind(3, t.school).bind(4, t.audience).bind(5, t.audience_id).bind(6, t.client);
    st.bind(7, t.created_at).bind(8, std::int64_t{t.revoked});
    st.run();
}

std::optional<calendar_token_row> sqlite_store::calendar_token_by_hash(const std::string& token_hash) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(token_columns) + " WHERE token_hash = ?1");
    st.bind(1, token_hash);
    if (!st.step()) return std::nullopt;
    return token_of(st);
}

std::optional<calendar_token_row> sqlite_store::calendar_token(const std::string& id) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(token_columns) + " WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return token_of(st);
}

std::vector<calendar_token_row> sqlite_store::calendar_tokens(const std::string& school) {
    auto db = m_pool.borrow();
    auto st = db->prepare(std::string(token_columns) + " WHERE school = ?1 ORDER BY created_at, id");
    st.bind(1, school);
    std::vector<calendar_token_row> out;
    while (st.step()) out.push_back(token_of(st));
    return out;
}

bool sqlite_store::revoke_calendar_token(const std::string& id) {
    auto db = m_pool.borrow();
    auto st = db->prepare("UPDATE calendar_tokens SET revoked = 1 WHERE id = ?1");
    st.bind(1, id);
    st.run();
    return db->changes() > 0;
}

} // namespace hubd::sqlite
