#pragma once
/**
 * @file Each school's OneRoster objects, built from the store on first use after a commit
 * and shared by the requests until the next one (a class's roster asked a thousand times
 * between two imports is built once).
 */

#include "oneroster_rest/rest_objects.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

namespace hubd {

class hub;

namespace oneroster_rest {

class views {
public:
    /** The school's objects as of the hub's current commit. */
    std::shared_ptr<const school_objects> school(hub& h, const std::string& uai);

private:
    std::mutex m_mutex;
    std::map<std::string, std::pair<std::uint64_t, std::shared_ptr<const school_objects>>> m_cache;
};

/** The model kinds OneRoster carries, as the store holds them. */
const std::vector<std::string>& oneroster_kinds();

} // namespace oneroster_rest
} // namespace hubd
