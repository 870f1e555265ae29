// Every route of the router is described in schemas/openapi/hubd-v1.yaml, and nothing more.
#include "support.hpp"

#include "router.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <sstream>

namespace {

/** Path → methods, read from the `paths:` section (two-space paths, four-space methods). */
std::map<std::string, std::set<std::string>> documented_routes(const std::string& yaml) {
    std::map<std::string, std::set<std::string>> out;
    std::istringstream in(yaml);
    std::string line, path;
    bool in_paths = false;
    while (std::getline(in, line)) {
        if (line == "paths:") in_paths = true;
        else if (!line.empty() && line[0] != ' ') in_paths = false;
        if (!in_paths) continue;
        if (line.size() > 3 && line.starts_with("  /") && line.back() == ':') path = line.substr(2, line.size() - 3);
        for (const char* m : {"get", "post", "put", "delete", "patch"})
            if (line == std::string("    ") + m + ":") out[path].insert(m);
    }
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

TEST_CASE("the OpenAPI document describes every route, and only routes that exist") {
    const auto yaml = test::read_file(test::source_dir() / "schemas/openapi/hubd-v1.yaml");
    REQUIRE(yaml.starts_with("openapi: 3."));
    auto documented = documented_routes(yaml);
    const auto r = hubd::make_router();
    for (const auto& route : r.routes()) {
        CAPTURE(route.method + " " + route.pattern);
        CHECK(documented[route.pattern].count(lower(route.method)) == 1);
        documented[route.pattern].erase(lower(route.method));
    }
    for (const auto& [path, methods] : documented)
        for (const auto& m : methods) FAIL("documented but not routed: " << m << " " << path);
}
