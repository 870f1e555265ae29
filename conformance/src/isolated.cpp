#include "isolated.hpp"

#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace conformance {

namespace {

void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const auto n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

[[noreturn]] void child(int fd, const std::function<outcome()>& check) {
    // A crash must end the child by its signal, whatever handlers the host program (a test
    // framework, a sanitizer) installed: the parent reports it.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(sig, SIG_DFL);
    outcome o;
    try {
        o = check();
    } catch (const std::exception& e) {
        o = outcome::failed(e.what());
    }
    // The status, whether there was nothing to check, the reason, then each finding after a NUL.
    std::string answer = std::string(1, static_cast<char>('0' + static_cast<int>(o.status))) + (o.nothing_to_check ? '1' : '0') + o.reason;
    for (const auto& f : o.findings) answer += '\0' + f;
    write_all(fd, answer);
    close(fd);
    _exit(0);
}

/** Reads the child's answer until it closes the pipe or the deadline passes; false on the deadline. */
bool read_answer(int fd, std::string& out, std::chrono::steady_clock::time_point deadline) {
    char buf[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
        const auto n = read(fd, buf, sizeof buf);
        if (n <= 0) return true;
        out.append(buf, static_cast<std::size_t>(n));
    }
}

outcome from_status(int wstatus, const std::string& answer) {
    if (WIFSIGNALED(wstatus))
        return outcome::failed("crashed: signal " + std::to_string(WTERMSIG(wstatus)) + " (" + strsignal(WTERMSIG(wstatus)) + ")");
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || answer.size() < 2)
        return outcome::failed("crashed: exited with status " + std::to_string(WEXITSTATUS(wstatus)) + " before answering");
    outcome o{static_cast<status>(answer[0] - '0'), {}, answer[1] == '1'};
    auto end = answer.find('\0', 2);
    o.reason = answer.substr(2, end - 2);
    while (end != std::string::npos) {
        const auto next = answer.find('\0', end + 1);
        o.findings.push_back(answer.substr(end + 1, next == std::string::npos ? std::string::npos : next - end - 1));
        end = next;
    }
    return o;
}

} // namespace

outcome run_isolated(const std::function<outcome()>& check, std::chrono::seconds limit) {
    int fds[2];
    if (pipe(fds) != 0) return outcome::failed("cannot create a pipe");
    const pid_t pid = fork();
    if (pid < 0) return outcome::failed("cannot fork");
    if (pid == 0) {
        close(fds[0]);
        child(fds[1], check);
    }
    close(fds[1]);
    std::string answer;
    const bool in_time = read_answer(fds[0], answer, std::chrono::steady_clock::now() + limit);
    close(fds[0]);
    if (!in_time) kill(pid, SIGKILL);
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    if (!in_time) return outcome::failed("hung: no answer within " + std::to_string(limit.count()) + " s");
    return from_status(wstatus, answer);
}

} // namespace conformance
