#pragma once
/**
 * @file Drop folders: `<root>/<UAI>/` per school. A file left there (and not written to for the
 * settle time) is claimed into `processing/`, imported for that school, then moved to `done/`
 * or `failed/` with its report beside it (`<name>.report.json`). Files found in `processing/`
 * at start (a crash mid-import) are imported again: a full snapshot is idempotent.
 */

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace hubd {

class hub;

struct drop_settings {
    std::filesystem::path root;                  ///< empty: no drop folders
    std::chrono::milliseconds interval{2000};    ///< between scans
    std::chrono::milliseconds settle{2000};      ///< a file untouched this long is complete
};

class drop_folders {
public:
    drop_folders(hub& h, drop_settings s);
    drop_folders(const drop_folders&) = delete;
    drop_folders& operator=(const drop_folders&) = delete;
    ~drop_folders();

    void start();
    /** Finishes the file in progress, then returns. */
    void stop();
    /** One scan of every school folder; returns how many files were imported (or failed). */
    std::size_t scan_once();

private:
    void process(const std::string& school, const std::filesystem::path& claimed, const std::string& name);
    void loop();

    hub& m_hub;
    drop_settings m_settings;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace hubd
