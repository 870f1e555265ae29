#include "config.hpp"

#include "auth/password.hpp"

#include <interop/json/bounded.hpp>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace hubd {

namespace {

using rapidjson::Value;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
    throw std::runtime_error(file.string() + ": " + what);
}

struct reader {
    const std::filesystem::path& file;

    const Value* member(const Value& obj, const char* name, const char* where) const {
        auto it = obj.FindMember(name);
        if (it == obj.MemberEnd()) return nullptr;
        if (!it->value.IsObject() && !it->value.IsString() && !it->value.IsNumber() && !it->value.IsBool())
            fail(file, std::string(where) + name + ": unexpected value");
        return &it->value;
    }
    void text(const Value& obj, const char* name, std::string& out, const char* where = "") const {
        if (const auto* v = member(obj, name, where)) {
            if (!v->IsString()) fail(file, std::string(where) + name + " must be a string");
            out = v->GetString();
        }
    }
    void flag(const Value& obj, const char* name, bool& out, const char* where = "") const {
        if (const auto* v = member(obj, name, where)) {
            if (!v->IsBool()) fail(file, std::string(where) + name + " must be true or false");
            out = v->GetBool();
        }
    }
    void path(const Value& obj, const char* name, std::filesystem::path& out, const char* where = "") const {
        std::string s;
        text(obj, name, s, where);
        if (!s.empty()) out = s;
    }
    template <class N> void number(const Value& obj, const char* name, N& out, const char* where = "") const {
        if (const auto* v = member(obj, name, where)) {
            if (!v->IsUint()) fail(file, std::string(where) + name + " must be a whole number");
            out = static_cast<N>(v->GetUint());
        }
    }
    void seconds(const Value& obj, const char* name, std::chrono::seconds& out, const char* where = "") const {
        unsigned n = static_cast<unsigned>(out.count());
        number(obj, name, n, where);
        out = std::chrono::seconds(n);
    }
    const Value* object(const Value& obj, const char* name) const {
        const auto* v = member(obj, name, "");
        if (v && !v->IsObject()) fail(file, std::string(name) + " must be an object");
        return v;
    }
};

void read_limits(const reader& r, const Value& v, config& c) {
    auto& s = c.server;
    r.number(v, "max_connections", s.max_connections, "limits.");
    r.number(v, "max_header_bytes", s.max_header_bytes, "limits.");
    r.number(v, "max_import_bytes", c.hub.max_import_bytes, "limits.");
    r.number(v, "max_import_records", c.hub.max_import_records, "limits.");
    r.number(v, "max_import_seconds", c.hub.max_import_seconds, "limits.");
    r.seconds(v, "header_timeout_seconds", s.header_timeout, "limits.");
    r.seconds(v, "body_timeout_seconds", s.body_timeout, "limits.");
    r.seconds(v, "idle_timeout_seconds", s.idle_timeout, "limits.");
    r.seconds(v, "write_timeout_seconds", s.write_timeout, "limits.");
}

void read_tls(const reader& r, const Value& v, tls_settings& t, auth_settings& auth) {
    r.path(v, "certificate", t.certificate, "tls.");
    r.path(v, "private_key", t.private_key, "tls.");
    r.path(v, "client_ca", t.client_ca, "tls.");
    if (const auto* certs = r.object(v, "client_certificates"))
        for (const auto& m : certs->GetObject()) {
            if (!m.value.IsString()) fail(r.file, "tls.client_certificates values must be client ids");
            auth.certificate_clients[http::lower(m.name.GetString())] = m.value.GetString();
        }
    if (t.certificate.empty() != t.private_key.empty()) fail(r.file, "tls needs both certificate and private_key");
}

/**
 * auth.secret_iterations: PBKDF2's cost for the client secrets hubd stores. Fewer than the
 * default only in a test's configuration ("test_clock": true), where every `client add` and
 * token would otherwise spend 0.25 s (2 s under AddressSanitizer) in the hash.
 */
void check_secret_iterations(const std::filesystem::path& file, const hub_settings& h) {
    const int n = h.auth.secret_iterations;
    if (n < min_secret_iterations || n > max_secret_iterations)
        fail(file, "auth.secret_iterations must be between " + std::to_string(min_secret_iterations) + " and " + std::to_string(max_secret_iterations));
    if (n < default_secret_iterations && !h.test_clock)
        fail(file, "auth.secret_iterations under " + std::to_string(default_secret_iterations) + " weakens the stored secrets: only in a test's configuration (\"test_clock\": true)");
}

} // namespace

void set_listen(server_settings& s, const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) throw std::runtime_error("listen wants ADDR:PORT, not " + listen);
    std::string address = listen.substr(0, colon);
    if (address.size() > 2 && address.front() == '[' && address.back() == ']') address = address.substr(1, address.size() - 2);
    unsigned port = 0;
    const auto digits = std::string_view(listen).substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || port > 65535)
        throw std::runtime_error("listen: bad port in " + listen);
    s.address = address;
    s.port = static_cast<unsigned short>(port);
}

config load_config(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error(file.string() + ": cannot read the configuration");
    std::stringstream text;
    text << in.rdbuf();
    const auto s = text.str();
    rapidjson::Document doc;
    if (const auto failure = interop::json::parse_bounded(s, doc, interop::json::default_max_depth, true))
        fail(file, "line " + std::to_string(failure->line) + ": " + failure->message);
    if (!doc.IsObject()) fail(file, "the configuration must be a JSON object");
    const reader r{file};
    config c;
    r.path(doc, "data", c.hub.data);
    r.text(doc, "public_url", c.hub.public_url);
    r.flag(doc, "test_clock", c.hub.test_clock);
    std::string listen;
    r.text(doc, "listen", listen);
    try {
        if (!listen.empty()) set_listen(c.server, listen);
    } catch (const std::runtime_error& e) {
        fail(file, e.what());
    }
    r.number(doc, "io_threads", c.server.io_threads);
    r.number(doc, "worker_threads", c.server.worker_threads);
    r.seconds(doc, "shutdown_grace_seconds", c.server.shutdown_grace);
    if (const auto* v = r.object(doc, "limits")) read_limits(r, *v, c);
    if (const auto* v = r.object(doc, "tls")) read_tls(r, *v, c.server.tls, c.hub.auth);
    if (const auto* v = r.object(doc, "auth")) {
        r.text(*v, "issuer", c.hub.auth.issuer, "auth.");
        r.text(*v, "audience", c.hub.auth.audience, "auth.");
        r.number(*v, "token_seconds", c.hub.auth.token_seconds, "auth.");
        r.number(*v, "secret_iterations", c.hub.auth.secret_iterations, "auth.");
    }
    check_secret_iterations(file, c.hub);
    if (const auto* v = r.object(doc, "webhooks")) {
        r.number(*v, "max_attempts", c.delivery.max_attempts, "webhooks.");
        r.number(*v, "first_backoff_ms", c.delivery.first_backoff, "webhooks.");
        r.number(*v, "max_backoff_ms", c.delivery.max_backoff, "webhooks.");
        r.seconds(*v, "timeout_seconds", c.delivery_timeout, "webhooks.");
    }
    if (const auto* v = r.object(doc, "drop_folders")) {
        r.path(*v, "root", c.drop.root, "drop_folders.");
        std::chrono::seconds interval{2}, settle{2};
        r.seconds(*v, "interval_seconds", interval, "drop_folders.");
        r.seconds(*v, "settle_seconds", settle, "drop_folders.");
        c.drop.interval = interval;
        c.drop.settle = settle;
    }
    if (const auto* v = r.object(doc, "notifications")) {
        rapidjson::StringBuffer text_of;
        rapidjson::Writer<rapidjson::StringBuffer> w(text_of);
        v->Accept(w);
        c.hub.notify = read_notify_settings(text_of.GetString(), file.string(), c.hub.public_url);
    }
    if (c.server.io_threads < 1 || c.server.worker_threads < 1) fail(file, "io_threads and worker_threads must be at least 1");
    return c;
}

} // namespace hubd
