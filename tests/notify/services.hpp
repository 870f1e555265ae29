#pragma once
// Real servers from Debian packages, started by a test on loopback: a child process with its
// output in a log file, stopped (TERM, then KILL) when the test ends.

#include "support.hpp"

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace test {

/** A port nothing listens on now (another process could take it before it is used; tests run few). */
inline int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

inline bool port_open(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return ok;
}

/** Polls `done` every 50 ms until it holds or `limit` passes; returns whether it held. */
inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::milliseconds(20000)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
}

class service {
public:
    service(std::vector<std::string> args, const fs::path& log) : m_name(args.at(0)) {
        m_pid = fork();
        if (m_pid == 0) {
            const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            dup2(fd, 1);
            dup2(fd, 2);
            setpgid(0, 0);
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
    }
    service(const service&) = delete;
    service& operator=(const service&) = delete;
    ~service() {
        if (m_pid <= 0) return;
        kill(-m_pid, SIGTERM);
        for (int i = 0; i < 100; ++i) {
            if (waitpid(m_pid, nullptr, WNOHANG) == m_pid) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        kill(-m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
    /** False when it has exited. */
    bool running() const { return m_pid > 0 && waitpid(m_pid, nullptr, WNOHANG) == 0; }

private:
    std::string m_name;
    pid_t m_pid = -1;
};

/** A folder under /tmp that unprivileged delivery agents can reach, removed at the end. */
class open_temp_dir {
public:
    explicit open_temp_dir(const std::string& name) {
        std::string pattern = "/tmp/" + name + "-XXXXXX";
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp");
        m_path = pattern;
        fs::permissions(m_path, fs::perms::all);
    }
    ~open_temp_dir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    open_temp_dir(const open_temp_dir&) = delete;
    open_temp_dir& operator=(const open_temp_dir&) = delete;
    fs::path operator/(const std::string& name) const { return m_path / name; }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

} // namespace test
