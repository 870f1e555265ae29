#pragma once
// hubd as a process for the notification tests: a data folder with an admin client, a config
// file, and calls over HTTP with hubd's own client.

#include "../hubd/daemon.hpp"
#include "../hubd/notify_school.hpp"
#include "services.hpp"

#include "delivery/http_post.hpp"

#include <rapidjson/document.h>

namespace test {

struct hub_process {
    temp_dir dir;
    int port = free_port();
    std::string id, secret;
    std::unique_ptr<daemon> hubd;

    hub_process(const std::string& name, const std::string& notifications_json) : dir(name) {
        fs::create_directories(dir / "data");
        rapidjson::Document d;
        const auto out = add_test_client(dir / "data", "--name it --scopes admin,audit,roster:write,attendance:write,notifications:read,notifications:write,notifications:urgent --schools '*'");
        d.Parse(out.c_str());
        id = d["client_id"].GetString();
        secret = d["client_secret"].GetString();
        write_file(dir / "hubd.json", test_config(R"("public_url": ")" + url() + R"(", "notifications": )" + notifications_json));
        start();
    }
    /** Starts hubd; with `clock_at`, its test clock starts at that instant (`--test-clock`). */
    void start(const std::string& clock_at = "") {
        std::vector<std::string> args{"--config", (dir / "hubd.json").string(), "--listen", "127.0.0.1:" + std::to_string(port)};
        if (!clock_at.empty()) args.insert(args.end(), {"--test-clock", clock_at});
        hubd = std::make_unique<daemon>(dir / "data", args);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }

    hubd::http_answer call(const std::string& method, const std::string& path, const std::string& body = "") {
        if (token.empty()) {
            const auto t = hubd::http_exchange({"POST", url() + "/oauth/token", {{"Content-Type", "application/x-www-form-urlencoded"}},
                                                "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret},
                                               std::chrono::seconds(10));
            rapidjson::Document d;
            d.Parse(t.body.c_str());
            token = d["access_token"].GetString();
        }
        return hubd::http_exchange({method, url() + path, {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}, body},
                                   std::chrono::seconds(30));
    }
    void at(const std::string& instant) {
        if (call("PUT", "/v1/test/clock", R"({"now": ")" + instant + "\"}").status != 204) throw std::runtime_error("test clock refused");
    }
    void import(const std::string& document) {
        const auto r = call("POST", "/v1/imports?school=" + notify_uai, document);
        if (r.status != 201) throw std::runtime_error("import refused: " + r.body);
    }
    /** How many of the school's notifications have this status. */
    std::size_t count(const std::string& status) {
        rapidjson::Document d;
        const auto r = call("GET", "/v1/notifications?school=" + notify_uai + "&status=" + status);
        d.Parse(r.body.c_str());
        return d.IsObject() && d.HasMember("items") ? d["items"].Size() : 0;
    }
    std::string token;
};

} // namespace test
