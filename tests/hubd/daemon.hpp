#pragma once
// A real hubd process on an ephemeral port, and a raw socket client that sends exact bytes.

#include "support.hpp"

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace test {

inline std::string hubd_path() { return paths::hubd(); }

/** Runs a command, returns its stdout; throws when it fails. */
inline std::string run_command(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) throw std::runtime_error("cannot run " + cmd);
    char buf[4096];
    while (auto n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    if (pclose(p) != 0) throw std::runtime_error("failed: " + cmd + "\n" + out);
    return out;
}

/**
 * A test hub's configuration: the test clock allowed, client secrets hashed at the lowest cost
 * hubd accepts (the slow hash is tested on its own), and `members`, more JSON members.
 */
inline std::string test_config(const std::string& members = "") {
    return R"({"test_clock": true, "auth": {"secret_iterations": 1000})" + (members.empty() ? "" : ", " + members) + "}";
}

/** Writes test_config() beside the data folder DATA, as DATA-test.json; its path. */
inline fs::path write_test_config(const fs::path& data) {
    const auto config = data.parent_path() / (data.filename().string() + "-test.json");
    write_file(config, test_config());
    return config;
}

/** `hubd client add --data DATA ARGUMENTS` with the configuration of test_config(); its stdout. */
inline std::string add_test_client(const fs::path& data, const std::string& arguments) {
    return run_command(hubd_path() + " client add --data " + data.string() + " --config " + write_test_config(data).string() + " " + arguments);
}

class daemon {
public:
    /**
     * Starts `hubd serve --data DIR --listen 127.0.0.1:0 [extra…]` and waits for its port; with
     * the configuration of test_config() unless `extra` names one.
     */
    explicit daemon(const fs::path& data, std::vector<std::string> extra = {}) {
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe");
        std::vector<std::string> args = {hubd_path(), "serve", "--data", data.string(), "--listen", "127.0.0.1:0"};
        if (std::find(extra.begin(), extra.end(), "--config") == extra.end()) args.insert(args.end(), {"--config", write_test_config(data).string()});
        args.insert(args.end(), extra.begin(), extra.end());
        m_pid = fork();
        if (m_pid == 0) {
            dup2(out[1], 1);
            close(out[0]);
            const auto log = (data.parent_path() / (data.filename().string() + ".log")).string();
            const int err = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            dup2(err, 2);
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(out[1]);
        std::string line;
        char c;
        while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
        close(out[0]);
        const auto colon = line.rfind(':');
        if (colon == std::string::npos) throw std::runtime_error("hubd did not start: " + line);
        m_port = std::stoi(line.substr(colon + 1));
    }
    daemon(const daemon&) = delete;
    daemon& operator=(const daemon&) = delete;
    ~daemon() {
        if (m_pid > 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }
    int port() const { return m_port; }
    pid_t pid() const { return m_pid; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

    /** Sends a signal and waits up to `limit` for the exit; returns the exit status, or -1 if still running. */
    int signal_and_wait(int sig, std::chrono::milliseconds limit) {
        kill(m_pid, sig);
        const auto until = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < until) {
            int status = 0;
            if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_pid = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return -1;
    }

private:
    pid_t m_pid = -1;
    int m_port = 0;
};

/** A TCP connection that sends exact bytes and reads what comes back. */
class raw_connection {
public:
    explicit raw_connection(int port) {
        m_fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect");
    }
    raw_connection(const raw_connection&) = delete;
    raw_connection& operator=(const raw_connection&) = delete;
    ~raw_connection() { close(m_fd); }

    bool send_bytes(const std::string& bytes) {
        return ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    }

    /** Everything received until the peer closes or `quiet` passes without a byte. */
    std::string receive(std::chrono::milliseconds quiet = std::chrono::milliseconds(3000)) {
        std::string out;
        char buf[65536];
        for (;;) {
            pollfd p{m_fd, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(quiet.count())) <= 0) break;
            const auto n = recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0) {
                m_closed = true;
                break;
            }
            out.append(buf, static_cast<std::size_t>(n));
        }
        return out;
    }

    /** Reads until `count` complete responses (by Content-Length) have arrived. */
    std::string receive_responses(int count, std::chrono::milliseconds limit = std::chrono::milliseconds(10000)) {
        std::string out;
        const auto until = std::chrono::steady_clock::now() + limit;
        while (complete_responses(out) < count && std::chrono::steady_clock::now() < until) {
            const auto more = receive(std::chrono::milliseconds(200));
            out += more;
            if (m_closed) break;
        }
        return out;
    }

    bool closed() const { return m_closed; }

    static int complete_responses(const std::string& s) {
        int n = 0;
        std::size_t at = 0;
        for (;;) {
            const auto end = s.find("\r\n\r\n", at);
            if (end == std::string::npos) return n;
            const auto cl = s.find("Content-Length: ", at);
            std::size_t length = 0;
            if (cl != std::string::npos && cl < end) length = std::stoul(s.substr(cl + 16));
            if (s.size() < end + 4 + length) return n;
            at = end + 4 + length;
            ++n;
        }
    }

private:
    int m_fd = -1;
    bool m_closed = false;
};

} // namespace test
