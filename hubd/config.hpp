#pragma once
/** @file hubd's configuration: one JSON file, then command-line flags over it. */

#include "delivery/deliverer.hpp"
#include "hub.hpp"
#include "import/drop_folders.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

namespace hubd {

struct tls_settings {
    std::filesystem::path certificate, private_key; ///< PEM; TLS is on when both are set
    std::filesystem::path client_ca;                ///< PEM; client certificates are asked for when set
    bool enabled() const { return !certificate.empty(); }
};

struct server_settings {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;
    int io_threads = 2;      ///< move bytes
    int worker_threads = 4;  ///< run routes (store calls, imports)
    std::size_t max_connections = 1024;
    std::size_t max_header_bytes = 16 << 10;
    std::chrono::seconds header_timeout{10}; ///< a request's header must arrive within this
    std::chrono::seconds body_timeout{120};
    std::chrono::seconds idle_timeout{60};   ///< keep-alive between requests
    std::chrono::seconds write_timeout{60};
    std::chrono::seconds shutdown_grace{10}; ///< in-flight requests finish within this on SIGTERM
    tls_settings tls;
};

struct config {
    hub_settings hub;
    server_settings server;
    delivery_settings delivery;
    std::chrono::seconds delivery_timeout{10}; ///< one webhook post, connect to answer
    drop_settings drop;
};

/** @throws std::runtime_error naming the file and the problem */
config load_config(const std::filesystem::path& file);
/** `ADDR:PORT` (`[::1]:8080` for IPv6) into the server settings. @throws std::runtime_error */
void set_listen(server_settings& s, const std::string& listen);

} // namespace hubd
