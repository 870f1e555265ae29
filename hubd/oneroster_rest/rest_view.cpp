#include "oneroster_rest/rest_view.hpp"

#include "export/school_dataset.hpp"
#include "hub.hpp"
#include "json_writer.hpp"

#include "oneroster/oneroster_export.hpp"

namespace hubd::oneroster_rest {

const std::vector<std::string>& oneroster_kinds() {
    static const std::vector<std::string> kinds = {"school",  "academic_year", "period",   "subject",    "class",    "group",
                                                   "student", "staff",         "guardian", "guardian_link", "membership",
                                                   "teaching_assignment", "assessment", "grade_result"};
    return kinds;
}

std::shared_ptr<const school_objects> views::school(hub& h, const std::string& uai) {
    const auto version = h.changes().version(); // before the store is read: a commit meanwhile makes it stale
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_cache.find(uai); it != m_cache.end() && it->second.first == version) return it->second.second;
    }
    std::map<std::pair<std::string, std::string>, millis> changed; // (kind, id) → when the store last changed it
    millis newest = 0;
    const auto ds = load_school(h.db(), uai, oneroster_kinds(), [&](const stored_record& r) {
        changed[{r.kind, r.id}] = r.updated_at;
        newest = std::max(newest, r.updated_at);
        return r.json;
    });
    interop::oneroster::export_options opt;
    opt.modified = [&](std::string_view kind, const interop::model::record& r) {
        const auto it = changed.find({std::string(kind), r.id});
        return it == changed.end() ? std::string() : iso_time(it->second);
    };
    auto objects = std::make_shared<const school_objects>(interop::oneroster::to_package(ds, opt), iso_time(newest));
    std::lock_guard lock(m_mutex);
    m_cache[uai] = {version, objects};
    return objects;
}

} // namespace hubd::oneroster_rest
