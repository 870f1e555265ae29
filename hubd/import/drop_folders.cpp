#include "import/drop_folders.hpp"

#include "auth/encoding.hpp"
#include "hub.hpp"
#include "json_writer.hpp"
#include "log.hpp"

#include <fstream>

namespace hubd {

namespace fs = std::filesystem;

namespace {

bool looks_like_uai(const std::string& s) {
    if (s.size() != 8) return false;
    for (std::size_t i = 0; i < 7; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return std::isalpha(static_cast<unsigned char>(s[7])) != 0;
}

std::string stamp(millis now) {
    auto t = iso_time(now);
    for (auto& c : t)
        if (c == ':') c = '-';
    return t;
}

/** Moves a file, never over another one: a second drop of the same name gets a suffix. */
fs::path move_into(const fs::path& file, const fs::path& folder, const std::string& name) {
    fs::create_directories(folder);
    auto target = folder / name;
    for (int n = 2; fs::exists(target); ++n) target = folder / (name + "." + std::to_string(n));
    fs::rename(file, target);
    return target;
}

} // namespace

drop_folders::drop_folders(hub& h, drop_settings s) : m_hub(h), m_settings(std::move(s)) {}

drop_folders::~drop_folders() { stop(); }

void drop_folders::start() {
    if (m_settings.root.empty()) return;
    fs::create_directories(m_settings.root);
    m_thread = std::thread([this] { loop(); });
}

void drop_folders::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void drop_folders::process(const std::string& school, const fs::path& claimed, const std::string& name) {
    import_request req;
    req.id = "imp_" + random_hex(10);
    req.school = school;
    req.client = "drop-folder";
    req.file = claimed;
    req.source_name = name;
    const auto result = m_hub.imports().run(req);
    const bool ok = result.failure == import_failure::none;
    const auto kept = move_into(claimed, m_settings.root / school / (ok ? "done" : "failed"), claimed.filename().string());
    std::ofstream(kept.string() + ".report.json") << result.row.report_json << "\n";
    if (ok) m_hub.changes().notify();
    m_hub.metrics().count_import(ok);
    log_event(ok ? "info" : "warning", "drop_folder_import",
              {{"school", school}, {"file", name}, {"import", req.id}, {"status", result.row.status}});
}

std::size_t drop_folders::scan_once() {
    std::size_t count = 0;
    const auto now = fs::file_time_type::clock::now();
    for (const auto& folder : fs::directory_iterator(m_settings.root)) {
        const auto school = folder.path().filename().string();
        if (!folder.is_directory() || !looks_like_uai(school)) continue;
        // What a crash left claimed, first.
        if (fs::is_directory(folder.path() / "processing"))
            for (const auto& f : fs::directory_iterator(folder.path() / "processing")) {
                process(school, f.path(), f.path().filename().string());
                ++count;
            }
        for (const auto& f : fs::directory_iterator(folder.path())) {
            const auto name = f.path().filename().string();
            if (!f.is_regular_file() || name.starts_with(".") || now - f.last_write_time() < m_settings.settle) continue;
            {
                std::lock_guard lock(m_mutex);
                if (m_stopping) return count;
            }
            const auto claimed = move_into(f.path(), folder.path() / "processing", stamp(m_hub.now()) + "-" + name);
            process(school, claimed, name);
            ++count;
        }
    }
    return count;
}

void drop_folders::loop() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        try {
            scan_once();
        } catch (const std::exception& e) {
            log_event("error", "drop_folder_scan_failed", {{"error", e.what()}});
        }
        lock.lock();
        m_wake.wait_for(lock, m_settings.interval, [this] { return m_stopping; });
    }
}

} // namespace hubd
