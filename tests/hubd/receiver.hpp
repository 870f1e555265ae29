#pragma once
// A webhook receiver for tests: an HTTP server on loopback that records every POST and answers 200.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace test {

class webhook_receiver {
public:
    struct post {
        std::string head, body;
        std::string header(const std::string& name) const {
            const auto at = head.find("\r\n" + name + ": ");
            if (at == std::string::npos) return {};
            const auto start = at + name.size() + 4;
            return head.substr(start, head.find("\r\n", start) - start);
        }
    };

    webhook_receiver() {
        m_fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        listen(m_fd, 64);
        socklen_t len = sizeof addr;
        getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    webhook_receiver(const webhook_receiver&) = delete;
    webhook_receiver& operator=(const webhook_receiver&) = delete;
    ~webhook_receiver() {
        m_stop = true;
        m_thread.join();
        close(m_fd);
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/hook"; }
    std::vector<post> posts() {
        std::lock_guard lock(m_mutex);
        return m_posts;
    }

private:
    void serve() {
        while (!m_stop) {
            pollfd p{m_fd, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0) continue;
            const int c = accept(m_fd, nullptr, nullptr);
            if (c < 0) continue;
            handle(c);
            close(c);
        }
    }

    void handle(int c) {
        std::string in;
        char buf[65536];
        std::size_t end = std::string::npos, length = 0;
        for (;;) {
            pollfd p{c, POLLIN, 0};
            if (poll(&p, 1, 2000) <= 0) return;
            const auto n = recv(c, buf, sizeof buf, 0);
            if (n <= 0) return;
            in.append(buf, static_cast<std::size_t>(n));
            if (end == std::string::npos && (end = in.find("\r\n\r\n")) != std::string::npos) {
                const auto cl = in.find("Content-Length: ");
                if (cl != std::string::npos && cl < end) length = std::stoul(in.substr(cl + 16));
            }
            if (end != std::string::npos && in.size() >= end + 4 + length) break;
        }
        {
            std::lock_guard lock(m_mutex);
            m_posts.push_back({in.substr(0, end), in.substr(end + 4, length)});
        }
        static const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        ::send(c, ok.data(), ok.size(), MSG_NOSIGNAL);
    }

    int m_fd = -1, m_port = 0;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::vector<post> m_posts;
    std::thread m_thread;
};

} // namespace test
