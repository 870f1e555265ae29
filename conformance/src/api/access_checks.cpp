// The api suite's access cases: tokens, 401/403/404, isolation between schools, paging.
#include "api/api_checks.hpp"
#include "api/hub_session.hpp"

#include <set>
#include <strings.h>

namespace conformance::api {

outcome check_token_issued(hub_session& hub, api_state&) {
    const auto& w = hub.settings().writer;
    const auto answer = hub.ask_token(w.id, w.secret);
    if (answer.status != 200) return outcome::failed("expected 200, got " + status_of(answer));
    const auto d = json_of(answer, "the token answer");
    if (!d.IsObject() || !d.HasMember("access_token") || !d["access_token"].IsString() || d["access_token"].GetStringLength() == 0)
        return outcome::failed("no access_token in " + answer.body.substr(0, 200));
    if (!d.HasMember("token_type") || !d["token_type"].IsString() || strcasecmp(d["token_type"].GetString(), "Bearer") != 0)
        return outcome::failed("token_type is not Bearer");
    if (!d.HasMember("expires_in") || !d["expires_in"].IsInt64() || d["expires_in"].GetInt64() <= 0)
        return outcome::failed("expires_in is not a positive number");
    return outcome::passed("a Bearer token valid " + std::to_string(d["expires_in"].GetInt64()) + " s");
}

outcome check_token_bad_secret(hub_session& hub, api_state&) {
    const auto& w = hub.settings().writer;
    const auto answer = hub.ask_token(w.id, w.secret + "-wrong");
    if (answer.status != 401) return outcome::failed("expected 401, got " + status_of(answer));
    if (contains(answer.body, "access_token")) return outcome::failed("the refusal carries a token");
    return outcome::passed();
}

outcome check_no_token(hub_session& hub, api_state&) {
    const auto answer = hub.http().get("/v1/schools");
    if (answer.status != 401) return outcome::failed("expected 401, got " + status_of(answer));
    if (answer.header("WWW-Authenticate").rfind("Bearer", 0) != 0) return outcome::failed("no WWW-Authenticate: Bearer challenge");
    return outcome::passed();
}

outcome check_bad_token(hub_session& hub, api_state&) {
    auto token = hub.token(hub.settings().writer);
    const auto at = token.rfind('.') + 4;
    if (at >= token.size()) return outcome::failed("the token is not a JWS: " + token.substr(0, 40));
    token[at] = token[at] == 'A' ? 'B' : 'A';
    const auto answer = hub.http().get("/v1/schools", {{"Authorization", "Bearer " + token}});
    if (answer.status != 401) return outcome::failed("a token with a changed signature got " + status_of(answer));
    return outcome::passed();
}

outcome check_missing_scope(hub_session& hub, api_state&) {
    const auto& o = hub.settings().other;
    const auto import = hub.send_json(o, "POST", "/v1/imports?school=" + o.school + "&format=json", hub.rename_delta("conformance-s1", "Nobody", o.school));
    if (import.status != 403) return outcome::failed("a read-only client's import got " + status_of(import));
    const auto audit = hub.get(o, "/v1/audit");
    if (audit.status != 403) return outcome::failed("a client without the audit scope reading the audit log got " + status_of(audit));
    return outcome::passed("import and audit log refused with 403");
}

outcome check_isolated_schools(hub_session& hub, api_state&) {
    const auto& w = hub.settings().writer;
    hub.school(); // the writer's school holds data
    const auto theirs = hub.get(hub.settings().other, "/v1/schools");
    if (theirs.status != 200) return outcome::failed("the other client's schools: " + status_of(theirs));
    if (contains(theirs.body, w.school)) return outcome::failed("the other school's client is shown " + w.school);
    return outcome::passed(w.school + " is not among the other client's schools");
}

outcome check_isolated_records(hub_session& hub, api_state&) {
    const auto& school = hub.school();
    const auto& w = hub.settings().writer;
    const auto& o = hub.settings().other;
    const auto base = "/v1/schools/" + w.school + "/students";
    const auto own = hub.get(w, base + "/" + school.students[0]);
    if (own.status != 200) return outcome::failed("the writer cannot read its own pupil: " + status_of(own));
    const auto list = hub.get(o, base), one = hub.get(o, base + "/" + school.students[0]), absent = hub.get(o, base + "/conformance-absent");
    for (const auto* m : {&list, &one})
        if (m->status != 404 || contains(m->body, school.last_name))
            return outcome::failed("another school's client got " + status_of(*m));
    if (one.body != absent.body) return outcome::failed("an existing record's 404 differs from an absent one's, which tells it exists");
    return outcome::passed("404 for the collection and the record, the same answer as for absent data");
}

outcome check_isolated_feed(hub_session& hub, api_state&) {
    const auto& school = hub.school();
    const auto& w = hub.settings().writer;
    std::size_t mine = 0, leaked = 0;
    for (const auto& page : hub.feed_pages(w, school.seq_before, 1000))
        for (const auto& c : page["changes"].GetArray()) mine += c["school"].GetString() == w.school;
    for (const auto& page : hub.feed_pages(hub.settings().other, school.seq_before, 1000))
        for (const auto& c : page["changes"].GetArray()) leaked += c["school"].GetString() == w.school;
    if (mine == 0) return outcome::failed("the writer's feed shows none of its import's changes");
    if (leaked) return outcome::failed(std::to_string(leaked) + " changes of " + w.school + " in another school's feed");
    return outcome::passed(std::to_string(mine) + " changes seen by the writer, none by the other school");
}

outcome check_isolated_oneroster(hub_session& hub, api_state&) {
    const auto& school = hub.school();
    const std::string users = "/ims/oneroster/rostering/v1p2/users?limit=1000";
    const auto mine = hub.get(hub.settings().writer, users);
    if (mine.status != 200 || !contains(mine.body, school.last_name)) return outcome::failed("the writer's OneRoster users lack the suite's pupils: " + status_of(mine));
    const auto theirs = hub.get(hub.settings().other, users);
    if (theirs.status == 403) return outcome::skipped("the other client holds no OneRoster scope");
    if (theirs.status != 200) return outcome::failed("the other client's OneRoster users: " + status_of(theirs));
    if (contains(theirs.body, school.last_name)) return outcome::failed("the suite's pupils appear among another school's OneRoster users");
    return outcome::passed();
}

outcome check_paging(hub_session& hub, api_state&) {
    const auto& school = hub.school();
    const auto& w = hub.settings().writer;
    std::set<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 10000; ++page) {
        const auto answer = hub.get(w, "/v1/schools/" + w.school + "/students?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
        const auto d = json_of(answer, "a page of students");
        if (answer.status != 200 || !d.IsObject() || !d.HasMember("items") || !d["items"].IsArray()) return outcome::failed("page: " + status_of(answer));
        if (d["items"].Size() > 2) return outcome::failed("a page of limit 2 holds " + std::to_string(d["items"].Size()) + " items");
        for (const auto& item : d["items"].GetArray())
            if (!seen.insert(item["id"].GetString()).second) return outcome::failed(std::string("record ") + item["id"].GetString() + " on two pages");
        if (!d.HasMember("next_cursor")) {
            for (const auto& id : school.students)
                if (!seen.count(id)) return outcome::failed("pupil " + id + " is on no page");
            return outcome::passed(std::to_string(seen.size()) + " pupils over " + std::to_string(page + 1) + " pages");
        }
        cursor = d["next_cursor"].GetString();
    }
    return outcome::failed("the cursor never ends");
}

} // namespace conformance::api
