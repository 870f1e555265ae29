// The OneRoster 1.2 REST binding on the demo school, without sockets: collections and single
// objects, the nested collections, paging (X-Total-Count, Link), sorting, filtering and field
// selection with their errors as imsx_StatusInfo, scopes and school isolation, the gradebook
// write-back entering the change feed. Every answer's objects are validated against the
// OneRoster 1.2 OpenAPI document of the samples when they are there (and each rostering
// collection's whole body against its path's schema).
#include "hub_fixture.hpp"
#include "openapi_validator.hpp"

#include <doctest/doctest.h>

#include <map>
#include <optional>

using namespace hubd;
using test::parse_json;

namespace {

const std::string uai = "0449000U";
const std::string roster = "/ims/oneroster/rostering/v1p2", book = "/ims/oneroster/gradebook/v1p2";
const std::string scope = "https://purl.imsglobal.org/spec/or/v1p2/scope/";

/** The demo school in a hub, imported once for every test case here. */
test::test_hub& rest_demo_hub() {
    static test::test_hub h("hubd-oneroster");
    static bool imported = [&] {
        const auto writer = h.token({"roster:write", "timetable:write", "attendance:write", "grades:write", "homework:write", "discipline:write",
                                     "news:write", "notifications:write"},
                                    {uai});
        const auto res = h.call("POST", "/v1/imports?school=" + uai, test::read_file(test::source_dir() / "examples/demo-school/demo-school.json"), writer);
        REQUIRE_MESSAGE(res.status == 201, res.body);
        return true;
    }();
    (void)imported;
    return h;
}

std::string reader_token(std::vector<std::string> scopes = {scope + "roster.readonly", scope + "gradebook.readonly"},
                         std::vector<std::string> schools = {uai}) {
    return rest_demo_hub().token(std::move(scopes), std::move(schools));
}

/** The OneRoster document of the samples, with the corrections the 1.2 binding calls for; nullopt without samples. */
test::openapi_document* openapi() {
    static std::optional<test::openapi_document> doc = []() -> std::optional<test::openapi_document> {
        const auto path = test::samples_dir() / "oneroster-openapi/swagger.yml";
        if (!std::filesystem::exists(path)) return std::nullopt;
        test::openapi_document d(path);
        // The document types GUIDRef lists as `object`; the 1.2 REST binding (and the Ed-Fi
        // implementation it comes from, whose views build them as arrays) returns arrays of GUIDRefs.
        const std::string refs = R"({"type": "array", "items": {"type": "object"}})";
        d.correct("class", "terms", refs);
        d.correct("org", "children", refs);
        d.correct("academicSession", "children", refs);
        d.correct("user", "agents", refs);
        d.correct("user", "roles", refs);
        // Lists of strings in 1.2 (subjects, periods), a single string in the document.
        const std::string strings = R"({"type": "array", "items": {"type": "string"}})";
        d.correct("class", "subjects", strings);
        d.correct("class", "periods", strings);
        d.correct("course", "subjects", strings);
        // 1.2 enumerates sex in lower case (female, male, unspecified, other).
        d.correct("demographic", "sex", R"({"type": "string", "enum": ["female", "male", "unspecified", "other"]})");
        return d;
    }();
    return doc ? &*doc : nullptr;
}

/**
 * A 200 response's objects checked against the document: each against the schema of its
 * kind (`users` → user, …), and the whole body against the path's response schema when the
 * document has the path (its rostering collections).
 */
void check_openapi(const hubd::http::response& res, const std::string& api_path = {}) {
    if (!openapi() || (res.status != 200 && res.status != 201)) return;
    static const std::map<std::string, std::string> schema_of = {
        {"users", "user"}, {"user", "user"}, {"orgs", "org"}, {"org", "org"}, {"academicSessions", "academicSession"},
        {"academicSession", "academicSession"}, {"classes", "class"}, {"class", "class"}, {"courses", "course"}, {"course", "course"},
        {"enrollments", "enrollment"}, {"enrollment", "enrollment"}, {"demographics", "demographic"}, {"categories", "category"},
        {"category", "category"}, {"lineItems", "lineItem"}, {"lineItem", "lineItem"}, {"results", "result"}, {"result", "result"}};
    const auto body = parse_json(res.body);
    REQUIRE(body.IsObject());
    for (const auto& m : body.GetObject()) {
        const auto it = schema_of.find(m.name.GetString());
        if (it == schema_of.end()) continue; // scoreScales: the document has no schema for them
        const auto* schema = openapi()->schema(it->second);
        REQUIRE(schema);
        if (m.value.IsArray())
            for (const auto& item : m.value.GetArray())
                for (const auto& problem : openapi()->validate(*schema, item)) FAIL_CHECK(it->second, ": ", problem);
        else
            for (const auto& problem : openapi()->validate(*schema, m.value)) FAIL_CHECK(it->second, ": ", problem);
    }
    if (!api_path.empty()) {
        const auto* schema = openapi()->response_schema(api_path);
        REQUIRE_MESSAGE(schema, "the document has no ", api_path);
        for (const auto& problem : openapi()->validate(*schema, body)) FAIL_CHECK(api_path, ": ", problem);
    }
}

/** A GET, its answer checked against the document (the path's schema too when given). */
hubd::http::response get(const std::string& target, const std::string& token, const std::string& api_path = {}) {
    auto res = rest_demo_hub().call("GET", target, "", token);
    check_openapi(res, api_path);
    return res;
}

std::string minor_code(const hubd::http::response& res) {
    const auto doc = parse_json(res.body);
    return doc["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"].GetString();
}

} // namespace

TEST_CASE("the OneRoster document's checks catch what they should") {
    if (!openapi()) {
        MESSAGE("../shared/samples absent: no OneRoster document to check against");
        return;
    }
    auto bad = [](const char* schema, const char* json) { return !openapi()->validate(*openapi()->schema(schema), parse_json(json)).empty(); };
    CHECK(bad("user", R"({"status": "deleted"})"));                 // enumeration
    CHECK(bad("enrollment", R"({"primary": "true"})"));             // a string for a boolean
    CHECK(bad("class", R"({"terms": {"sourcedId": "t"}})"));       // a GUIDRef list must be a list
    CHECK(bad("academicSession", R"({"startDate": "1/09/2026"})")); // format date
    CHECK(bad("org", R"({"dateLastModified": "yesterday"})"));      // format date-time
    CHECK_FALSE(bad("user", R"({"status": "active", "roles": [{"role": "student"}], "givenName": "Léa"})"));
}

TEST_CASE("every rostering collection and object answers, valid against the OneRoster document") {
    const auto token = reader_token({scope + "roster.readonly"});
    if (!openapi()) MESSAGE("../shared/samples absent: responses are not validated against the OneRoster OpenAPI document");
    for (const auto* path : {"academicSessions", "classes", "courses", "demographics", "enrollments", "gradingPeriods", "orgs", "schools", "students",
                             "teachers", "terms", "users"}) {
        CAPTURE(path);
        const auto api = roster + "/" + path;
        const auto list = get(api + "?limit=5", token, api);
        REQUIRE(list.status == 200);
        const auto doc = parse_json(list.body);
        const auto& items = doc.MemberBegin()->value;
        REQUIRE(items.IsArray());
        if (std::string(path) == "gradingPeriods") continue; // we write trimesters as terms: none here
        REQUIRE(items.Size() > 0);
        const std::string sid = items[0]["sourcedId"].GetString();
        CHECK(get(api + "/" + sid, token, api + "/{id}").status == 200);
    }
}

TEST_CASE("schools, classes and their people") {
    const auto token = reader_token();
    const auto schools = parse_json(get(roster + "/schools", token, roster + "/schools").body);
    REQUIRE(schools["orgs"].Size() == 1);
    CHECK(std::string(schools["orgs"][0]["identifier"].GetString()) == uai);
    const std::string school = schools["orgs"][0]["sourcedId"].GetString();

    // The homeroom class 6A and its pupils.
    const auto classes = parse_json(get(roster + "/schools/" + school + "/classes?filter=classCode%3D'6A'", token).body);
    REQUIRE(classes["classes"].Size() == 1);
    const auto& six_a = classes["classes"][0];
    CHECK(std::string(six_a["classType"].GetString()) == "homeroom");
    CHECK(std::string(six_a["school"]["sourcedId"].GetString()) == school);
    const std::string cls = six_a["sourcedId"].GetString();
    const auto pupils = get(roster + "/classes/" + cls + "/students?limit=1000", token);
    const auto pupil_doc = parse_json(pupils.body);
    CHECK(pupil_doc["users"].Size() == std::stoul(*pupils.header("X-Total-Count")));
    CHECK(pupil_doc["users"].Size() >= 20);
    for (const auto& u : pupil_doc["users"].GetArray()) CHECK(std::string(u["roles"][0]["role"].GetString()) == "student");
    CHECK(get(roster + "/schools/" + school + "/classes/" + cls + "/students?limit=1000", token).body == pupils.body);

    // A pupil's classes include 6A; its teachers teach it.
    const std::string pupil = pupil_doc["users"][0]["sourcedId"].GetString();
    CHECK(get(roster + "/students/" + pupil + "/classes", token).body.find(cls) != std::string::npos);
    CHECK(parse_json(get(roster + "/classes/" + cls + "/teachers", token).body)["users"].Size() >= 1);
    // The sections of subjects taught to 6A, each with its course.
    const auto sections = parse_json(get(roster + "/classes?filter=classType%3D'scheduled'%20AND%20title~'6A'&limit=100", token).body);
    CHECK(sections["classes"].Size() >= 5);
}

TEST_CASE("paging: limit, offset, X-Total-Count and Link") {
    const auto token = reader_token();
    const auto first = get(roster + "/users?limit=10&sort=familyName", token);
    const auto total = std::stoul(*first.header("X-Total-Count"));
    CHECK(total > 600);
    const auto link = *first.header("Link");
    CHECK(link.find("rel=\"next\"") != std::string::npos);
    CHECK(link.find("offset=10") != std::string::npos);
    CHECK(link.find("rel=\"last\"") != std::string::npos);
    CHECK(link.find("rel=\"prev\"") == std::string::npos);
    const auto second = parse_json(get(roster + "/users?limit=10&offset=10&sort=familyName", token).body);
    CHECK(second["users"].Size() == 10);
    const auto last = get(roster + "/users?limit=10&offset=" + std::to_string(total - 3), token);
    CHECK(parse_json(last.body)["users"].Size() == 3);
    CHECK(last.header("Link")->find("rel=\"next\"") == std::string::npos);
    // The default page is 100.
    CHECK(parse_json(get(roster + "/users", token).body)["users"].Size() == 100);
}

TEST_CASE("sorting, filtering and field selection, and their errors") {
    const auto token = reader_token();
    const auto asc = parse_json(get(roster + "/users?sort=familyName&orderBy=asc&limit=1000", token).body);
    const auto desc = parse_json(get(roster + "/users?sort=familyName&orderBy=desc&limit=1000", token).body);
    for (rapidjson::SizeType i = 1; i < asc["users"].Size(); ++i)
        CHECK(std::string(asc["users"][i - 1]["familyName"].GetString()) <= asc["users"][i]["familyName"].GetString());
    CHECK(std::string(desc["users"][0]["familyName"].GetString()) >= asc["users"][asc["users"].Size() - 1]["familyName"].GetString());

    const auto some = parse_json(get(roster + "/users?filter=givenName%3D'Jules'%20OR%20givenName%3D'Léa'&limit=1000", token).body);
    for (const auto& u : some["users"].GetArray()) {
        const std::string given = u["givenName"].GetString();
        CHECK((given == "Jules" || given == "Léa"));
    }
    const auto teachers = parse_json(get(roster + "/enrollments?filter=role%3D'teacher'%20AND%20primary%3D'true'&limit=1000", token).body);
    CHECK(teachers["enrollments"].Size() > 0);
    for (const auto& e : teachers["enrollments"].GetArray()) CHECK(e["primary"].GetBool());

    // dateLastModified is when the hub last changed the record: what changed since a moment.
    const auto all = std::stoul(*get(roster + "/users?filter=dateLastModified%3E'2000-01-01T00:00:00Z'", token).header("X-Total-Count"));
    CHECK(all == std::stoul(*get(roster + "/users", token).header("X-Total-Count")));
    CHECK(*get(roster + "/users?filter=dateLastModified%3E'2100-01-01T00:00:00.000Z'", token).header("X-Total-Count") == "0");

    const auto slim = parse_json(get(roster + "/users?fields=sourcedId,givenName&limit=3", token).body);
    for (const auto& u : slim["users"].GetArray()) CHECK(u.MemberCount() == 2);

    auto refused = [&](const std::string& query, const char* code) {
        CAPTURE(query);
        const auto res = get(roster + "/users?" + query, token);
        CHECK(res.status == 400);
        CHECK(minor_code(res) == code);
        CHECK(std::string(parse_json(res.body)["imsx_codeMajor"].GetString()) == "failure");
    };
    refused("filter=shoeSize%3D'42'", "invalid_filter_field");
    refused("filter=givenName%3DJules", "invalid_filter_field");
    refused("filter=givenName%3D'Jules'%20XOR%20familyName%3D'M'", "invalid_filter_field");
    refused("fields=sourcedId,shoeSize", "invalid_selection_field");
    refused("sort=shoeSize", "invalid_sort_field");
    refused("limit=0", "invalid_selection_field");
    refused("offset=-1", "invalid_selection_field");
}

TEST_CASE("scopes and schools: who sees what") {
    auto& h = rest_demo_hub();
    const auto school = std::string(parse_json(get(roster + "/schools", reader_token()).body)["orgs"][0]["sourcedId"].GetString());
    auto status = [&](const std::string& target, const std::string& token) { return h.call("GET", target, "", token).status; };
    const auto none = h.call("GET", roster + "/users");
    CHECK(none.status == 401);
    CHECK(minor_code(none) == "unauthorisedrequest");
    CHECK(none.header("WWW-Authenticate"));
    CHECK(status(roster + "/users", "a.b.c") == 401);

    const auto core = reader_token({scope + "roster-core.readonly"});
    CHECK(status(roster + "/users", core) == 200);
    CHECK(status(roster + "/demographics", core) == 403); // demographics need their own scope
    CHECK(status(book + "/lineItems", core) == 403);
    CHECK(status(roster + "/demographics", reader_token({scope + "roster-demographics.readonly"})) == 200);
    CHECK(status(roster + "/users", reader_token({"roster:read"})) == 403); // the hub's own scopes are not OneRoster's

    // Another school's client sees nothing of this one: empty lists, 404 for its objects.
    const auto elsewhere = reader_token({scope + "roster.readonly"}, {"0130001F"});
    CHECK(parse_json(h.call("GET", roster + "/users", "", elsewhere).body)["users"].Size() == 0);
    CHECK(status(roster + "/schools/" + school, elsewhere) == 404);
    CHECK(status(roster + "/schools/" + school + "/classes", elsewhere) == 404);
    const auto res = h.call("GET", roster + "/orgs/" + school, "", elsewhere);
    CHECK(minor_code(res) == "unknownobject");

    // A client with a data-minimisation profile is kept to the hub's own API.
    auto [id, secret] = h.client({scope + "roster.readonly"}, {uai});
    REQUIRE(h->db().set_client_profile(id, R"({"student": ["first_name"]})", false));
    const auto token = parse_json(h.call("POST", "/oauth/token", "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret).body);
    CHECK(status(roster + "/users", token["access_token"].GetString()) == 403);
}

TEST_CASE("sourcedIds hold no personal data and do not change from one request to the next") {
    const auto token = reader_token();
    const auto users = parse_json(get(roster + "/students?limit=50", token).body);
    const auto again = parse_json(get(roster + "/students?limit=50", token).body);
    for (rapidjson::SizeType i = 0; i < users["users"].Size(); ++i) {
        const std::string sid = users["users"][i]["sourcedId"].GetString();
        CHECK(sid == again["users"][i]["sourcedId"].GetString());
        CHECK(sid.find(users["users"][i]["familyName"].GetString()) == std::string::npos);
        CHECK(sid.size() == 36);
    }
}

TEST_CASE("the gradebook: line items and results of a class, and write-back into the change feed") {
    auto& h = rest_demo_hub();
    const auto token = reader_token();
    const auto items = parse_json(get(book + "/lineItems?limit=1", token).body);
    REQUIRE(items["lineItems"].Size() == 1);
    const auto& item = items["lineItems"][0];
    const std::string item_id = item["sourcedId"].GetString(), cls = item["class"]["sourcedId"].GetString();
    const auto of_class = parse_json(get(book + "/classes/" + cls + "/lineItems?limit=1000", token).body);
    CHECK(of_class["lineItems"].Size() >= 1);
    const auto results = parse_json(get(book + "/classes/" + cls + "/lineItems/" + item_id + "/results?limit=1000", token).body);
    REQUIRE(results["results"].Size() > 0);
    CHECK(parse_json(get(book + "/lineItems/" + item_id + "/results?limit=1000", token).body)["results"].Size() == results["results"].Size());

    // Write-back needs gradebook.createput.
    const std::string body = R"({"lineItem": {"title": "Contrôle surprise", "assignDate": "2026-01-12", "dueDate": "2026-01-12",
        "class": {"sourcedId": ")" + cls + R"(", "type": "class"}, "resultValueMin": 0, "resultValueMax": 10}})";
    CHECK(h.call("PUT", book + "/lineItems/li-new-1", body, token).status == 403);
    const auto writer = reader_token({scope + "gradebook.createput", scope + "gradebook.delete"});
    const auto before = h->db().last_seq();
    const auto put = h.call("PUT", book + "/lineItems/li-new-1", body, writer);
    INFO(put.body);
    check_openapi(put);
    REQUIRE(put.status == 201);
    const auto created = parse_json(put.body);
    CHECK(std::string(created["lineItem"]["sourcedId"].GetString()) == "li-new-1"); // the client's id is kept
    CHECK(created["lineItem"]["resultValueMax"].GetDouble() == 10);
    CHECK(h->db().last_seq() > before); // in the change feed
    const auto again = h.call("PUT", book + "/lineItems/li-new-1", R"J({"lineItem": {"title": "Contrôle surprise (corrigé)"}})J", writer);
    CHECK(again.status == 200);
    CHECK(std::string(parse_json(again.body)["lineItem"]["title"].GetString()) == "Contrôle surprise (corrigé)");
    CHECK(std::string(parse_json(again.body)["lineItem"]["class"]["sourcedId"].GetString()) == cls);

    // A result for a pupil of that class.
    const std::string student = results["results"][0]["student"]["sourcedId"].GetString();
    const auto result = h.call("PUT", book + "/results/res-new-1",
                               R"({"result": {"lineItem": {"sourcedId": "li-new-1"}, "student": {"sourcedId": ")" + student +
                                   R"("}, "scoreStatus": "fully graded", "score": 8.5, "scoreDate": "2026-01-13"}})",
                               writer);
    INFO(result.body);
    REQUIRE(result.status == 201);
    check_openapi(result);
    CHECK(parse_json(result.body)["result"]["score"].GetDouble() == 8.5);
    CHECK(h.call("PUT", book + "/results/res-bad", R"({"result": {"lineItem": {"sourcedId": "nope"}}})", writer).status == 404);
    CHECK(h.call("PUT", book + "/results/res-bad", "not json", writer).status == 400);

    // Deleted, it is gone (and the deletion is in the feed).
    CHECK(h.call("DELETE", book + "/results/res-new-1", "", writer).status == 204);
    CHECK(h.call("GET", book + "/results/res-new-1", "", token).status == 404);
    CHECK(h.call("DELETE", book + "/lineItems/li-new-1", "", token).status == 403);
    CHECK(h.call("DELETE", book + "/lineItems/li-new-1", "", writer).status == 204);
    CHECK(h.call("DELETE", book + "/lineItems/li-new-1", "", writer).status == 404);
}
