#pragma once
// A hub on a fresh data folder with a clock the test moves, and helpers to call its routes.

#include "support.hpp"

#include "hub.hpp"
#include "log.hpp"

#include <rapidjson/document.h>

#include <functional>
#include <memory>

namespace test {

/** A JSON string value as a std::string (it may hold NUL). */
inline std::string str(const rapidjson::Value& v) { return {v.GetString(), v.GetStringLength()}; }

inline rapidjson::Document parse_json(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.data(), text.size());
    return d;
}

class test_hub {
public:
    explicit test_hub(const std::string& name, const std::function<void(hubd::hub_settings&)>& tweak = {}) : m_dir(name) {
        hubd::set_quiet(true);
        hubd::hub_settings s;
        s.data = m_dir.path();
        s.auth.secret_iterations = 1000; // the slow hash is tested on its own; routes need speed
        if (tweak) tweak(s);
        m_hub = std::make_unique<hubd::hub>(s, [this] { return now; });
    }

    hubd::hub& operator*() { return *m_hub; }
    hubd::hub* operator->() { return m_hub.get(); }
    const fs::path& data() const { return m_dir.path(); }

    /** A client with these scopes and schools; returns {id, secret}. */
    std::pair<std::string, std::string> client(std::vector<std::string> scopes, std::vector<std::string> schools) {
        auto [row, secret] = m_hub->auth().add_client("test", std::move(scopes), std::move(schools));
        return {row.id, secret};
    }

    /** A bearer token for a new client with these scopes and schools. */
    std::string token(std::vector<std::string> scopes, std::vector<std::string> schools) {
        auto [id, secret] = client(std::move(scopes), std::move(schools));
        auto res = call("POST", "/oauth/token", "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret);
        return parse_json(res.body)["access_token"].GetString();
    }

    hubd::http::response call(const std::string& method, const std::string& target, std::string body = {},
                              const std::string& bearer = {}) {
        hubd::http::fields headers;
        if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
        return m_hub->handle(hubd::http::make_request(method, target, std::move(body), std::move(headers)));
    }

    hubd::millis now = 1'800'000'000'000; // 2027-01-15

private:
    temp_dir m_dir;
    std::unique_ptr<hubd::hub> m_hub;
};

/** A small canonical document for one school: `students` pupils in class 6A. */
inline std::string school_document(const std::string& uai, int students, const std::string& scope = "full",
                                   const std::string& last_name = "Martin") {
    std::string doc = R"({"interop_schema":"1.1","scope":")" + scope + R"(","schools":[{"id":")" + uai + R"(","school":")" + uai +
                      R"(","uai":")" + uai + R"(","name":"Collège )" + uai + R"(","time_zone":"Europe/Paris"}],"classes":[{"id":"6A","school":")" + uai +
                      R"(","code":"6A","label":"6EME A"}],"students":[)";
    for (int i = 1; i <= students; ++i)
        doc += (i > 1 ? "," : "") + std::string(R"({"id":"E)") + std::to_string(i) + R"(","school":")" + uai +
               R"(","last_name":")" + last_name + R"(","first_name":"P)" + std::to_string(i) + R"(","birth_date":"2014-03-0)" +
               std::to_string(1 + i % 9) + R"("})";
    doc += R"(],"memberships":[)";
    for (int i = 1; i <= students; ++i)
        doc += (i > 1 ? "," : "") + std::string(R"({"id":"M)") + std::to_string(i) + R"(","school":")" + uai + R"(","person":"E)" +
               std::to_string(i) + R"(","role":"student","group":"6A","group_kind":"class"})";
    return doc + "]}";
}

} // namespace test
