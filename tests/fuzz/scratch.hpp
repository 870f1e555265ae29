#pragma once
// A folder of the fuzzing process's own under the temporary directory, removed when the process
// ends (fuzz targets that need files: zip and folder inputs, packages, a hub's data).

#include <unistd.h>

#include <filesystem>
#include <string>

class scratch_folder {
public:
    explicit scratch_folder(const std::string& name)
        : m_path(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~scratch_folder() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    scratch_folder(const scratch_folder&) = delete;
    scratch_folder& operator=(const scratch_folder&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};
