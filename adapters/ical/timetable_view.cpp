#include "timetable_view.hpp"

#include <algorithm>

namespace interop::ical_adapter {
namespace {

std::string first_nonempty(std::initializer_list<std::string_view> options) {
    for (auto o : options)
        if (!o.empty()) return std::string(o);
    return {};
}

std::string person_label(const std::optional<std::string>& civility, const std::string& first, const std::string& last) {
    std::string out = civility ? *civility + " " : first.empty() ? "" : first + " ";
    return out + last;
}

} // namespace

std::string_view folder_of(audience_kind k) {
    switch (k) {
    case audience_kind::school: return "school";
    case audience_kind::class_: return "classes";
    case audience_kind::group: return "groups";
    case audience_kind::teacher: return "teachers";
    case audience_kind::pupil: return "pupils";
    case audience_kind::room: return "rooms";
    }
    return "other";
}

const std::string& label_of(const std::map<std::string, std::string>& labels, const std::string& id) {
    auto it = labels.find(id);
    return it == labels.end() || it->second.empty() ? id : it->second;
}

school_timetable& timetable_view::school(const std::string& uai) {
    auto [it, added] = m_schools.try_emplace(uai);
    if (added) it->second.uai = uai;
    return it->second;
}

void timetable_view::on_record(model::any_record&& r) {
    std::visit(
        [this]<class K>(K&& rec) {
            if constexpr (std::is_same_v<K, model::establishment>) {
                auto& s = school(rec.uai.empty() ? rec.id : rec.uai);
                s.name = rec.name;
                s.time_zone = rec.time_zone;
            } else if constexpr (std::is_same_v<K, model::academic_year>) {
                school(rec.school).years.push_back(std::move(rec));
            } else if constexpr (std::is_same_v<K, model::calendar>) {
                school(rec.school).calendars.push_back(std::move(rec));
            } else if constexpr (std::is_same_v<K, model::week_pattern>) {
                std::sort(rec.weeks.begin(), rec.weeks.end());
                auto& s = school(rec.school);
                auto id = rec.id;
                s.patterns.insert_or_assign(std::move(id), std::move(rec));
            } else if constexpr (std::is_same_v<K, model::course>) {
                school(rec.school).courses.push_back(std::move(rec));
            } else if constexpr (std::is_same_v<K, model::session>) {
                school(rec.school).sessions.push_back(std::move(rec));
            } else if constexpr (std::is_same_v<K, model::subject>) {
                // Subjects may be shared by every school (empty school): kept under "" and looked up there too.
                school(rec.school).subject_labels[rec.id] = first_nonempty({rec.long_label, rec.short_label, rec.code});
            } else if constexpr (std::is_same_v<K, model::room>) {
                school(rec.school).room_labels[rec.id] = first_nonempty({rec.name, rec.code});
            } else if constexpr (std::is_same_v<K, model::staff>) {
                school(rec.school).staff_labels[rec.id] = person_label(rec.civility, rec.first_name, rec.last_name);
            } else if constexpr (std::is_same_v<K, model::student>) {
                school(rec.school).pupil_labels[rec.id] = person_label(std::nullopt, rec.first_name, rec.last_name);
            } else if constexpr (std::is_same_v<K, model::school_class>) {
                school(rec.school).class_labels[rec.id] = first_nonempty({rec.label, rec.code});
            } else if constexpr (std::is_same_v<K, model::group>) {
                auto& s = school(rec.school);
                s.group_labels[rec.id] = first_nonempty({rec.label, rec.code});
                s.group_classes[rec.id] = rec.classes;
            } else if constexpr (std::is_same_v<K, model::membership>) {
                if (rec.role != model::membership_role::student) return;
                auto& s = school(rec.school);
                (rec.group_kind == model::audience_kind::class_ ? s.pupil_classes : s.pupil_groups)[rec.person].insert(rec.group);
            }
        },
        std::move(r));
}

} // namespace interop::ical_adapter
