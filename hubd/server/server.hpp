#pragma once
/** @file The network side of hubd: listener, sessions, threads, signals. Only bytes move here. */

#include "config.hpp"
#include "hub.hpp"

#include <memory>

namespace hubd {

class server {
public:
    /** Binds the listening socket (port 0: any free port). @throws std::runtime_error */
    server(hub& h, const server_settings& settings);
    server(const server&) = delete;
    server& operator=(const server&) = delete;
    ~server();

    /** The bound port. */
    unsigned short port() const;
    /** Serves until stop() or SIGTERM/SIGINT; in-flight requests finish within the grace period. */
    void run();
    /** Asks run() to return; safe from any thread. */
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> m_impl;
};

} // namespace hubd
