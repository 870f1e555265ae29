// Raw bytes through hubd's request path: Beast's parser under the session's limits, the
// framing checks, the target parser, then the router of a real hub (store in a temporary
// folder) with a valid token, so that authenticated routes are reached too.
#include "hub.hpp"
#include "log.hpp"
#include "server/request_checks.hpp"

#include "scratch.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>

namespace {

namespace bhttp = boost::beast::http;

struct fuzz_hub {
    scratch_folder folder{"hubd-fuzz"};
    std::unique_ptr<hubd::hub> hub;
    std::string token;
    fuzz_hub() {
        hubd::set_quiet(true);
        const auto& data = folder.path();
        hubd::hub_settings s;
        s.data = data;
        s.auth.secret_iterations = 1000;
        hub = std::make_unique<hubd::hub>(s, hubd::system_clock_millis);
        auto [row, secret] = hub->auth().add_client("fuzz", {"roster:read", "roster:write", "timetable:read", "admin", "audit"}, {"*"});
        token = hub->auth().issue(row.id, secret, {})->token;
        // A small school to read: two pupils in a class.
        const auto file = data / "seed.json";
        std::ofstream(file) << R"({"interop_schema":"1.1","schools":[{"id":"0449000U","school":"0449000U","uai":"0449000U","name":"C",)"
                            << R"("time_zone":"Europe/Paris"}],"classes":[{"id":"6A","school":"0449000U","code":"6A","label":"6A"}],)"
                            << R"("students":[{"id":"E1","school":"0449000U","last_name":"A","first_name":"B"}],)"
                            << R"("memberships":[{"id":"M1","school":"0449000U","person":"E1","role":"student","group":"6A","group_kind":"class"}]})";
        hub->imports().run({"imp_seed", "0449000U", "fuzz", "json", file, "seed.json", {}});
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz_hub f;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 << 10);
    parser.body_limit(64 << 10);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (ec || !parser.is_header_done()) return 0;
    const auto& h = parser.get();
    hubd::http::fields headers;
    for (const auto& field : h) headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    if (hubd::framing_problem(headers)) return 0;
    hubd::http::request req;
    req.method = std::string(h.method_string());
    req.target = std::string(h.target());
    if (!req.parse_target()) return 0;
    for (auto& [name, value] : headers) req.headers.emplace_back(hubd::http::lower(name), std::move(value));
    // Imports and admin writes would grow the store run after run: the fuzzer gets reads.
    if (req.method != "GET") return 0;
    req.body = h.body();
    req.headers.emplace_back("authorization", "Bearer " + f.token);
    (void)f.hub->handle(req);
    return 0;
}
