#include "log.hpp"

#include "json_writer.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

namespace hubd {

namespace {
std::mutex log_mutex;
std::atomic<bool> quiet{false};
} // namespace

void set_quiet(bool q) { quiet = q; }

void log_event(std::string_view level, std::string_view event, log_fields fields) {
    if (quiet && (level == "info" || level == "debug")) return;
    try {
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
        json_writer w;
        w.StartObject();
        w.member("time", iso_time(now.count())).member("level", level).member("event", event);
        for (const auto& [name, value] : fields) w.member(name, value);
        w.EndObject();
        const auto line = w.str() + "\n";
        std::lock_guard lock(log_mutex);
        std::fwrite(line.data(), 1, line.size(), stderr);
        std::fflush(stderr);
    } catch (...) { // logging never takes the hub down
    }
}

} // namespace hubd
