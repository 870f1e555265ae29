#include "api/config.hpp"

#include <interop/json/bounded.hpp>
#include <rapidjson/document.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace conformance::api {

namespace {

struct reader {
    std::string file;
    [[noreturn]] void fail(const std::string& what) const { throw std::runtime_error(file + ": " + what); }

    std::string text(const rapidjson::Value& v, const char* name, bool required) const {
        const auto it = v.FindMember(name);
        if (it == v.MemberEnd()) {
            if (required) fail(std::string("missing \"") + name + "\"");
            return {};
        }
        if (!it->value.IsString()) fail(std::string("\"") + name + "\" must be a string");
        return it->value.GetString();
    }

    std::optional<client> client_at(const rapidjson::Value& clients, const char* role, bool required) const {
        const auto it = clients.FindMember(role);
        if (it == clients.MemberEnd() || !it->value.IsObject()) {
            if (required) fail(std::string("clients.") + role + " is required ({\"id\", \"secret\", \"school\"})");
            return std::nullopt;
        }
        return client{text(it->value, "id", true), text(it->value, "secret", true), text(it->value, "school", false)};
    }
};

} // namespace

config load_config(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream s;
    s << in.rdbuf();
    rapidjson::Document d;
    const bool unparsed = interop::json::parse_bounded(s.str(), d, interop::json::default_max_depth, true).has_value();
    const reader r{file.string()};
    if (unparsed || !d.IsObject()) r.fail("not a JSON object");
    config c;
    c.base_url = r.text(d, "base_url", true);
    if (d.HasMember("verify_tls") && d["verify_tls"].IsBool()) c.verify_tls = d["verify_tls"].GetBool();
    if (!d.HasMember("clients") || !d["clients"].IsObject()) r.fail("missing \"clients\"");
    const auto& clients = d["clients"];
    c.writer = *r.client_at(clients, "writer", true);
    c.other = *r.client_at(clients, "other", true);
    if (c.writer.school.empty() || c.other.school.empty() || c.writer.school == c.other.school)
        r.fail("clients.writer and clients.other need two different schools");
    c.auditor = r.client_at(clients, "auditor", false);
    c.family = r.client_at(clients, "family", false);
    if (d.HasMember("receiver") && d["receiver"].IsObject()) {
        const auto& rc = d["receiver"];
        if (auto a = r.text(rc, "address", false); !a.empty()) c.receiver_address = a;
        if (auto u = r.text(rc, "url", false); !u.empty()) c.receiver_url = u;
        if (rc.HasMember("port") && rc["port"].IsUint()) c.receiver_port = static_cast<unsigned short>(rc["port"].GetUint());
    }
    if (d.HasMember("webhook_wait_seconds") && d["webhook_wait_seconds"].IsInt()) c.webhook_wait_seconds = d["webhook_wait_seconds"].GetInt();
    c.test_clock = r.text(d, "test_clock", false);
    return c;
}

} // namespace conformance::api
