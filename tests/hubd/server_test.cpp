// hubd as a process: HTTP/1.1 on a real socket, limits, smuggling, long-poll, signals, TLS.
#include "daemon.hpp"

#include "store/sqlite_store.hpp"

#include <rapidjson/document.h>

#include <doctest/doctest.h>

using namespace std::chrono_literals;

namespace {

struct reply {
    int status = 0;
    std::string head, body;
};

reply parse_reply(const std::string& raw) {
    reply r;
    if (raw.size() < 12) return r;
    r.status = std::stoi(raw.substr(9, 3));
    const auto end = raw.find("\r\n\r\n");
    r.head = raw.substr(0, end);
    if (end != std::string::npos) r.body = raw.substr(end + 4);
    return r;
}

reply call(int port, const std::string& method, const std::string& target, const std::string& body = {}, const std::string& headers = {}) {
    test::raw_connection c(port);
    c.send_bytes(method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers +
                 "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    return parse_reply(c.receive_responses(1, 120s)); // an import under the sanitizers takes seconds
}

std::string json_string(const std::string& json, const char* member) {
    rapidjson::Document d;
    d.Parse(json.data(), json.size());
    return d.IsObject() && d.HasMember(member) && d[member].IsString() ? d[member].GetString() : "";
}

/** A client made with the command line, and a token for it over HTTP. */
std::string admin_token(const test::fs::path& data, int port) {
    const auto out = test::add_test_client(data, "--name admin --scopes admin,audit,roster:read,roster:write,timetable:write,attendance:write,grades:write,homework:write,"
                                       "discipline:write,news:write,notifications:write --schools '*'");
    const auto body = "grant_type=client_credentials&client_id=" + json_string(out, "client_id") +
                      "&client_secret=" + json_string(out, "client_secret");
    return json_string(call(port, "POST", "/oauth/token", body, "Content-Type: application/x-www-form-urlencoded\r\n").body,
                       "access_token");
}

test::fs::path config_file(const test::temp_dir& dir, const std::string& extra) {
    const auto file = dir / "hubd.json";
    test::write_file(file, test::test_config(R"("limits": {"header_timeout_seconds": 1, "idle_timeout_seconds": 2, "max_header_bytes": 4096)" + extra + "}"));
    return file;
}

} // namespace

TEST_CASE("hubd --help documents every command; bad usage exits 2") {
    const auto help = test::run_command(test::hubd_path() + " --help");
    for (const char* word : {"serve", "client add", "client list", "client revoke", "--listen", "--config"})
        CHECK(help.find(word) != std::string::npos);
    CHECK(std::system((test::hubd_path() + " frobnicate 2>/dev/null").c_str()) == 2 * 256);
    CHECK(std::system((test::hubd_path() + " client add --data /tmp/x 2>/dev/null").c_str()) == 2 * 256);
}

TEST_CASE("client add hashes the secret at the configured cost, lowered only in a test's configuration") {
    test::temp_dir dir("hubd-secret-cost");
    const auto add = test::hubd_path() + " client add --data " + (dir / "data").string() + " --name c --scopes audit --schools '*' --config ";
    test::write_file(dir / "weak.json", R"({"auth": {"secret_iterations": 1000}})");
    const auto err = (dir / "err.txt").string();
    CHECK(std::system((add + (dir / "weak.json").string() + " >/dev/null 2>" + err).c_str()) != 0);
    CHECK(test::read_file(err).find("weakens the stored secrets") != std::string::npos);
    test::add_test_client(dir / "data", "--name c --scopes audit --schools '*'");
    const auto clients = hubd::open_sqlite_store(dir / "data" / "hub.sqlite")->clients();
    REQUIRE(clients.size() == 1);
    CHECK(clients.front().secret_hash.starts_with("pbkdf2-sha256$1000$"));
}

TEST_CASE("--test-clock starts the test clock at its instant, only where the configuration allows a test clock") {
    test::temp_dir dir("hubd-test-clock");
    // `timeout`: a hubd that wrongly accepted the flag would serve until killed.
    const auto serve = "timeout 20 " + test::hubd_path() + " serve --data " + (dir / "data").string() + " --listen 127.0.0.1:0";
    const auto err = (dir / "err.txt").string();
    CHECK(std::system((serve + " --test-clock 2026-12-04T21:30:00+01:00 >/dev/null 2>" + err).c_str()) == 2 * 256);
    CHECK(test::read_file(err).find(R"("test_clock": true)") != std::string::npos);
    test::write_file(dir / "hubd.json", test::test_config());
    const auto config = (dir / "hubd.json").string();
    CHECK(std::system((serve + " --config " + config + " --test-clock 2026-12-04T21:30:00 >/dev/null 2>" + err).c_str()) == 2 * 256);
    CHECK(test::read_file(err).find("with its offset") != std::string::npos);

    test::daemon hubd(dir / "data", {"--config", config, "--test-clock", "2026-12-04T21:30:00+01:00"});
    const auto audit = call(hubd.port(), "GET", "/v1/audit?limit=100", {}, "Authorization: Bearer " + admin_token(dir / "data", hubd.port()) + "\r\n");
    REQUIRE(audit.status == 200);
    CHECK(audit.body.find("hubd --test-clock") != std::string::npos);
    CHECK(audit.body.find("2026-12-04T20:30:00") != std::string::npos);
}

TEST_CASE("keep-alive and pipelining: several requests on one connection, answered in order") {
    test::temp_dir dir("hubd-server-keepalive");
    test::daemon d(dir / "data");
    test::raw_connection c(d.port());
    c.send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(test::raw_connection::complete_responses(c.receive_responses(1)) == 1);
    c.send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto three = c.receive_responses(3);
    CHECK(test::raw_connection::complete_responses(three) == 3);
    const auto ok = three.find("\"ok\""), ready = three.find("\"ready\""), missing = three.find("404 Not Found");
    CHECK(ok < ready);
    CHECK(ready < missing);
    CHECK_FALSE(c.closed());
}

TEST_CASE("smuggling attempts and malformed framing get 400 and the connection closes") {
    test::temp_dir dir("hubd-server-smuggling");
    test::daemon d(dir / "data");
    const char* attempts[] = {
        "POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /oauth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        "POST /oauth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n",
        "POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
        "POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc",
        "POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        "GARBAGE\r\n\r\n",
        "GET nohost HTTP/1.1\r\nHost: x\r\n\r\n",
    };
    for (const char* bytes : attempts) {
        CAPTURE(bytes);
        test::raw_connection c(d.port());
        c.send_bytes(std::string(bytes) + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto raw = c.receive();
        CHECK(parse_reply(raw).status == 400);
        CHECK(test::raw_connection::complete_responses(raw) == 1); // the smuggled request is never answered
        CHECK(c.closed());
    }
    // A chunked body alone is fine.
    test::raw_connection c(d.port());
    c.send_bytes("POST /oauth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nabcde\r\n0\r\n\r\n");
    CHECK(parse_reply(c.receive()).status == 400); // the endpoint's own 400 (no grant_type), after reading the body
}

TEST_CASE("Expect: 100-continue is answered before the body is sent") {
    test::temp_dir dir("hubd-server-continue");
    test::daemon d(dir / "data");
    test::raw_connection c(d.port());
    c.send_bytes("POST /oauth/token HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\nConnection: close\r\n\r\n");
    const auto interim = c.receive(1000ms);
    CHECK(interim.starts_with("HTTP/1.1 100 Continue"));
    c.send_bytes("grant_type");
    CHECK(parse_reply(c.receive()).status == 400); // the endpoint's own answer to the body
}

TEST_CASE("size limits: a large header is 431, a body over the route's limit 413 before it is sent") {
    test::temp_dir dir("hubd-server-limits");
    test::daemon d(dir / "data", {"--config", config_file(dir, "").string()});
    CHECK(call(d.port(), "GET", "/healthz", "", "X-Big: " + std::string(8000, 'a') + "\r\n").status == 431);
    test::raw_connection c(d.port());
    c.send_bytes("POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n");
    const auto r = parse_reply(c.receive());
    CHECK(r.status == 413);
    CHECK(c.closed());
}

TEST_CASE("slow clients are cut off: a header that does not arrive in time, an idle keep-alive") {
    test::temp_dir dir("hubd-server-slow");
    test::daemon d(dir / "data", {"--config", config_file(dir, "").string()});
    test::raw_connection slow(d.port());
    slow.send_bytes("GET /healthz HTTP/1.1\r\nHo");
    const auto start = std::chrono::steady_clock::now();
    slow.receive(5000ms);
    CHECK(slow.closed());
    CHECK(std::chrono::steady_clock::now() - start < 4s);
    test::raw_connection idle(d.port());
    idle.receive(5000ms);
    CHECK(idle.closed());
}

TEST_CASE("over the connection limit, a new connection gets 503") {
    test::temp_dir dir("hubd-server-maxconn");
    test::daemon d(dir / "data", {"--config", config_file(dir, R"(, "max_connections": 2)").string()});
    test::raw_connection a(d.port()), b(d.port());
    a.send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    b.send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    a.receive_responses(1);
    b.receive_responses(1);
    CHECK(call(d.port(), "GET", "/healthz").status == 503);
}

TEST_CASE("a held long-poll returns as soon as an import commits changes") {
    test::temp_dir dir("hubd-server-longpoll");
    test::daemon d(dir / "data");
    const auto token = admin_token(dir / "data", d.port());
    REQUIRE_FALSE(token.empty());
    const std::string auth = "Authorization: Bearer " + token + "\r\n";
    test::raw_connection poll_conn(d.port());
    poll_conn.send_bytes("GET /v1/changes?wait=30 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
    std::this_thread::sleep_for(300ms);
    CHECK(test::raw_connection::complete_responses(poll_conn.receive(100ms)) == 0); // held
    const auto start = std::chrono::steady_clock::now();
    const auto doc = test::read_file(test::source_dir() / "examples/demo-school/demo-school.json");
    CHECK(call(d.port(), "POST", "/v1/imports?school=0449000U", doc, auth).status == 201);
    const auto r = parse_reply(poll_conn.receive_responses(1));
    CHECK(r.status == 200);
    CHECK(r.body.find("\"seq\":1") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - start < 20s);
}

TEST_CASE("SIGTERM: a request in flight is answered, then hubd exits 0") {
    test::temp_dir dir("hubd-server-sigterm");
    test::daemon d(dir / "data");
    const auto token = admin_token(dir / "data", d.port());
    test::raw_connection held(d.port());
    held.send_bytes("GET /v1/changes?wait=30 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n");
    std::this_thread::sleep_for(300ms);
    test::raw_connection idle(d.port());
    CHECK(d.signal_and_wait(SIGTERM, 8000ms) == 0);
    const auto r = parse_reply(held.receive_responses(1));
    CHECK(r.status == 200);
    CHECK(r.head.find("Connection: close") != std::string::npos);
    idle.receive(1000ms);
    CHECK(idle.closed());
}

namespace {

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made with the openssl command. */
void make_certificates(const test::fs::path& dir) {
    const auto d = dir.string();
    test::run_command("cd " + d + " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=test-ca "
                      "-keyout ca.key -out ca.pem 2>&1");
    for (const char* name : {"server", "client"}) {
        const std::string n = name;
        test::run_command("cd " + d + " && openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=" + n + " -keyout " +
                          n + ".key -out " + n + ".csr 2>&1 && printf 'subjectAltName=IP:127.0.0.1\\n' > " + n +
                          ".ext && openssl x509 -req -in " + n + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile " +
                          n + ".ext -out " + n + ".pem 2>&1");
    }
}

std::string fingerprint(const test::fs::path& pem) {
    auto out = test::run_command("openssl x509 -in " + pem.string() + " -noout -fingerprint -sha256");
    std::string hex;
    for (char c : out.substr(out.find('=') + 1))
        if (std::isxdigit(static_cast<unsigned char>(c))) hex += static_cast<char>(std::tolower(c));
    return hex;
}

} // namespace

TEST_CASE("TLS: 1.3 and 1.2 accepted, 1.1 refused; a mapped client certificate authenticates its client") {
    test::temp_dir dir("hubd-server-tls");
    make_certificates(dir.path());
    const auto out = test::add_test_client(dir / "data", "--name cert-client --scopes roster:read --schools 0449000U");
    const auto client_id = json_string(out, "client_id");
    const auto d = dir.path().string();
    test::write_file(dir / "tls.json", test::test_config(R"("tls": {"certificate": ")" + d + R"(/server.pem", "private_key": ")" + d +
                                                         R"(/server.key", "client_ca": ")" + d + R"(/ca.pem", "client_certificates": {")" +
                                                         fingerprint(dir / "client.pem") + R"(": ")" + client_id + R"("}})"));
    test::daemon hub(dir / "data", {"--config", (dir / "tls.json").string()});
    const auto target = "127.0.0.1:" + std::to_string(hub.port());
    // The handshake only: nothing sent (s_client's own exit status depends on how the peer closes).
    const auto s_client = [&](const std::string& options) {
        return test::run_command("openssl s_client -connect " + target + " -CAfile " + d + "/ca.pem " + options + " </dev/null 2>&1; true");
    };
    CHECK(s_client("-tls1_3").find("New, TLSv1.3") != std::string::npos);
    CHECK(s_client("-tls1_2").find("New, TLSv1.2") != std::string::npos);
    const auto old = s_client("-tls1_1 -cipher DEFAULT@SECLEVEL=0");
    CHECK(old.find("Cipher is (NONE)") != std::string::npos);
    CHECK(old.find("New, TLSv1.1") == std::string::npos);

    const auto curl = "curl -s -o /dev/null -w '%{http_code}' --cacert " + d + "/ca.pem https://" + target + "/v1/schools";
    CHECK(test::run_command(curl) == "401");
    CHECK(test::run_command(curl + " --cert " + d + "/client.pem --key " + d + "/client.key") == "200");
    CHECK(test::run_command("curl -s --cacert " + d + "/ca.pem https://" + target + "/healthz") == R"({"status":"ok"})");
}
