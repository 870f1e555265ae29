// Operations: drop folders, multi-file vendor exports as zip, Prometheus metrics.
#include "hub_fixture.hpp"

#include "config.hpp"
#include "export/school_dataset.hpp"
#include "import/drop_folders.hpp"

#include <doctest/doctest.h>

using namespace hubd;
using test::parse_json;

namespace {

/** The SIECLE fixture (four BEE files of one school) zipped, as schools send it. */
std::string siecle_zip(const test::temp_dir& dir) {
    zip_folder(test::corpus_dir("siecle") / "y_set", dir / "siecle.zip");
    return test::read_file(dir / "siecle.zip");
}

} // namespace

TEST_CASE("a multi-file vendor export sent as a zip is identified and imported over HTTP") {
    test::test_hub h("hubd-ops-zip");
    test::temp_dir dir("hubd-ops-zip-files");
    const auto token = h.token({"roster:write", "roster:read"}, {"0130001F"});
    auto res = h.call("POST", "/v1/imports?school=0130001F&name=siecle.zip", siecle_zip(dir), token);
    INFO(res.body);
    REQUIRE(res.status == 201);
    auto report = parse_json(res.body);
    CHECK(std::string(report["format"].GetString()) == "siecle");
    CHECK(report["kinds"]["student"]["created"].GetInt() > 0);
    CHECK(report["kinds"]["guardian"]["created"].GetInt() > 0);
}

TEST_CASE("drop folders: files imported for their school's folder, moved to done or failed with their report") {
    test::test_hub h("hubd-ops-drop");
    test::temp_dir drops("hubd-ops-drop-root");
    drop_folders watcher(*h, {drops.path(), std::chrono::milliseconds(50), std::chrono::milliseconds(0)});
    test::write_file(drops / "0449000U/export.json", test::school_document("0449000U", 4));
    test::write_file(drops / "0449000U/broken.json", "{\"interop_schema\":\"1.1\",\"students\":[");
    test::write_file(drops / "0449000U/.partial", "being written");
    test::write_file(drops / "not-a-school/x.json", "{}");
    CHECK(watcher.scan_once() == 2);

    std::vector<std::string> done, failed;
    for (const auto& f : std::filesystem::directory_iterator(drops / "0449000U/done")) done.push_back(f.path().filename().string());
    for (const auto& f : std::filesystem::directory_iterator(drops / "0449000U/failed")) failed.push_back(f.path().filename().string());
    REQUIRE(done.size() == 2); // the file and its report
    REQUIRE(failed.size() == 2);
    std::sort(done.begin(), done.end());
    CHECK(done[0].ends_with("-export.json"));
    CHECK(done[1] == done[0] + ".report.json");
    const auto report = parse_json(test::read_file(drops / "0449000U/done" / done[1]));
    CHECK(std::string(report["status"].GetString()) == "succeeded");
    CHECK(std::string(report["source"].GetString()) == "export.json");
    CHECK(h->db().record({"student", "0449000U", "E4"}));
    CHECK(std::filesystem::exists(drops / "0449000U/.partial"));
    CHECK(std::filesystem::exists(drops / "not-a-school/x.json"));
    CHECK(std::filesystem::is_empty(drops / "0449000U/processing"));
    CHECK(watcher.scan_once() == 0);

    // A file claimed before a crash is imported at the next scan.
    test::write_file(drops / "0449000U/processing/2027-01-15T08-00-00.000Z-again.json", test::school_document("0449000U", 5));
    CHECK(watcher.scan_once() == 1);
    CHECK(h->db().record({"student", "0449000U", "E5"}));

    // A file still being written (younger than the settle time) waits.
    drop_folders patient(*h, {drops.path(), std::chrono::milliseconds(50), std::chrono::milliseconds(60000)});
    test::write_file(drops / "0449000U/late.json", test::school_document("0449000U", 6));
    CHECK(patient.scan_once() == 0);
}

TEST_CASE("metrics: requests by route and status class, latency histogram, store gauges") {
    test::test_hub h("hubd-ops-metrics");
    const auto token = h.token({"roster:write", "roster:read"}, {"0449000U"});
    h.call("POST", "/v1/imports?school=0449000U", test::school_document("0449000U", 2), token);
    h.call("GET", "/v1/schools/0449000U/students", "", token);
    h.call("GET", "/v1/schools/0449000U/students", "", "bad");
    h.call("GET", "/nowhere");
    const auto text = h.call("GET", "/metrics").body;
    CHECK(text.find(R"(hubd_http_requests_total{method="GET",route="/v1/schools/{uai}/{kind}",code="2xx"} 1)") != std::string::npos);
    CHECK(text.find(R"(hubd_http_requests_total{method="GET",route="/v1/schools/{uai}/{kind}",code="4xx"} 1)") != std::string::npos);
    CHECK(text.find(R"(hubd_http_requests_total{method="",route="unmatched",code="4xx"} 1)") != std::string::npos);
    CHECK(text.find(R"(hubd_http_request_duration_seconds_count{method="POST",route="/v1/imports"} 1)") != std::string::npos);
    CHECK(text.find(R"(hubd_imports_total{status="succeeded"} 1)") != std::string::npos);
    CHECK(text.find("hubd_changes_last_seq 6") != std::string::npos);
    CHECK(text.find("hubd_outbox_depth 0") != std::string::npos);
    CHECK(text.find("hubd_store_bytes ") != std::string::npos);
}

TEST_CASE("the example configuration loads; a wrong one is refused naming the file and the problem") {
    const auto c = load_config(test::source_dir() / "examples/hubd/hubd.json");
    CHECK(c.hub.data == "/var/lib/hubd");
    CHECK(c.server.port == 8443);
    CHECK(c.server.tls.enabled());
    CHECK(c.hub.auth.certificate_clients.size() == 1);
    CHECK(c.delivery.max_attempts == 10);
    CHECK(c.drop.settle == std::chrono::seconds(5));
    CHECK(c.server.header_timeout == std::chrono::seconds(10));
    CHECK(c.hub.max_import_records == 5'000'000);
    CHECK(c.hub.max_import_seconds == 600);
    CHECK(c.hub.notify.channels() == std::set<std::string>{"email", "push", "sms"});
    CHECK(c.hub.notify.gateways.at("kannel").report_url == "https://hub.example.ac-academie.fr");
    CHECK(c.hub.notify.gateways.at("operator-b").message_id_pattern == R"re("id": *"([^"]+)")re");
    CHECK(c.hub.auth.secret_iterations == default_secret_iterations);

    test::temp_dir dir("hubd-ops-config");
    const std::string deep = "{\"limits\": " + std::string(100000, '[');
    const std::pair<const char*, const char*> bad[] = {
        {"{\"listen\": \"nowhere\"}", "ADDR:PORT"},
        {"{\"limits\": {\"max_connections\": -1}}", "limits.max_connections must be a whole number"},
        {"{\"tls\": {\"certificate\": \"a.pem\"}}", "both certificate and private_key"},
        {"{\"io_threads\": 0}", "at least 1"},
        {"{\"auth\": {\"secret_iterations\": 1000}}", "weakens the stored secrets: only in a test's configuration"},
        {"{\"test_clock\": true, \"auth\": {\"secret_iterations\": 999}}", "auth.secret_iterations must be between 1000 and 10000000"},
        {"{\"auth\": {\"secret_iterations\": 10000001}}", "auth.secret_iterations must be between 1000 and 10000000"},
        {"{\"notifications\": {\"smtp\": {\"port\": 25}}}", "notifications.smtp.host: is required"},
        {"[1]", "must be a JSON object"},
        {"{\"data\": ", "line 1: "},
        {deep.c_str(), "line 1: nesting deeper than 32 levels"},
    };
    for (const auto& entry : bad) {
        const auto& [text, problem] = entry;
        CAPTURE(entry.first); // clang 14 cannot capture a structured binding
        test::write_file(dir / "bad.json", text);
        CHECK_THROWS_WITH(load_config(dir / "bad.json"), doctest::Contains(problem));
        CHECK_THROWS_WITH(load_config(dir / "bad.json"), doctest::Contains("bad.json"));
    }
}
