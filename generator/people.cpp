// Classes, pupils, their families and their language and option groups.

#include "school_builder.hpp"

#include "names.hpp"

#include <cstdio>

namespace interop::generator {

namespace {

const char* const mef_of_level[] = {"", "", "", "10310019110", "10210001110", "10110001110", "10010012110"};

std::string ine(random& r) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%010llu", static_cast<unsigned long long>(r.next() % 10000000000ULL));
    return std::string(buf) + static_cast<char>('A' + r.between(0, 25));
}

std::string phone(random& r, const char* prefix) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%08d", prefix, r.between(0, 99999999));
    return buf;
}

} // namespace

void school_builder::classes_and_pupils() {
    int number = 0;
    for (int level = 6; level >= 3; --level) {
        for (int c = 0; c < m_options.classes_per_level; ++c) {
            const std::string id = std::to_string(level) + static_cast<char>('A' + c);
            auto k = make<model::school_class>(id);
            k.code = id;
            k.label = std::to_string(level) + "EME " + static_cast<char>('A' + c);
            k.mefs = {mef_of_level[level]};
            k.level = std::to_string(level) + "e";
            emit(std::move(k));
            m_plan.class_ids.push_back(id);
            m_plan.class_level[id] = level;
            const int size = m_random.between(28, 32);
            for (int p = 0; p < size; ++p) pupil(id, level, ++number);
        }
    }
}

void school_builder::pupil(const std::string& class_id, int level, int number) {
    auto s = make<model::student>("E" + std::to_string(number));
    const bool sibling = number > 1 && m_random.chance(15);
    const std::string sibling_id = "E" + std::to_string(number - 1);
    s.last_name = sibling ? m_last_family_name : m_random.pick(names::last);
    s.first_name = m_random.pick(names::first);
    s.birth_date = model::date{m_calendar.shifted_year(2025) - 11 - (6 - level), m_random.between(1, 12), m_random.between(1, 28)};
    s.sex = m_random.chance(50) ? "F" : "M";
    s.ine = ine(m_random);
    s.mef = mef_of_level[level];
    s.level = std::to_string(level) + "e";
    const int regime = m_random.between(1, 100);
    s.regime = regime <= 70 ? model::regime::demi_pensionnaire : regime <= 98 ? model::regime::externe : model::regime::interne;
    s.entry_date = level == 6 ? m_calendar.year_start : model::date{m_calendar.shifted_year(2025) - (6 - level), 9, 1};
    s.external_ids = {{"siecle", std::to_string(100000 + number)}};
    m_plan.pupils[class_id].push_back(s.id);

    auto in_class = make<model::membership>("M-" + s.id + "-" + class_id);
    in_class.person = s.id;
    in_class.group = class_id;
    in_class.start = m_calendar.year_start;
    emit(std::move(in_class));

    if (sibling) {
        // Same family as the previous pupil: same name, same guardians.
        m_plan.guardians_of[s.id] = m_plan.guardians_of[sibling_id];
        for (const auto& g : m_plan.guardians_of[s.id]) link(s.id, g, m_plan.guardians_of[s.id].front() == g ? 1 : 2);
    } else {
        m_last_family_name = s.last_name;
        family(s.id, s.last_name);
    }
    emit(std::move(s));
}

void school_builder::link(const std::string& student_id, const std::string& guardian_id, int rank) {
    auto l = make<model::guardian_link>("L-" + student_id + "-" + guardian_id);
    l.student = student_id;
    l.guardian = guardian_id;
    l.relationship = rank == 1 ? "mother" : "father";
    l.legal_rank = rank;
    l.financial = rank == 1;
    l.contact = true;
    l.lives_with = rank == 1 || m_random.chance(80);
    emit(std::move(l));
}

void school_builder::family(const std::string& student_id, const std::string& last_name) {
    static const std::vector<std::string> languages = {"ar", "pt", "tr", "en", "es", "uk"};
    const int count = m_random.chance(80) ? 2 : 1;
    for (int i = 0; i < count; ++i) {
        auto g = make<model::guardian>("R" + std::to_string(++m_guardian_count));
        g.civility = i == 0 ? "Mme" : "M.";
        g.last_name = i == 0 || m_random.chance(70) ? last_name : m_random.pick(names::last);
        g.first_name = m_random.pick(names::adult_first);
        const bool email = m_random.chance(85);
        const bool mobile = m_random.chance(95);
        if (email) g.contacts.push_back({model::contact_kind::email, "resp" + std::to_string(m_guardian_count) + "@famille.example.org"});
        if (mobile) g.contacts.push_back({model::contact_kind::mobile, phone(m_random, "06")});
        if (m_random.chance(30)) g.contacts.push_back({model::contact_kind::home_phone, phone(m_random, "02")});
        g.contacts.push_back({model::contact_kind::address, std::to_string(m_random.between(1, 120)) + " rue des Lilas, 44000 Nantes"});
        g.accepts_sms = mobile && m_random.chance(90);
        if (m_random.chance(8)) g.preferred_language = m_random.pick(languages);

        auto pref = make<model::contact_preference>("CP-" + g.id);
        pref.person = g.id;
        if (email && m_random.chance(75)) pref.channels.push_back(model::channel::push);
        if (email) pref.channels.push_back(model::channel::email);
        if (g.accepts_sms) pref.channels.push_back(model::channel::sms);
        if (!email) pref.channels.push_back(model::channel::letter);
        pref.language = g.preferred_language;
        pref.plain_text_digest = !email;

        m_plan.guardians_of[student_id].push_back(g.id);
        link(student_id, g.id, i + 1);
        emit(std::move(g));
        emit(std::move(pref));
    }
}

void school_builder::language_and_option_groups() {
    for (int level = 5; level >= 3; --level) {
        std::vector<std::string> level_classes, level_pupils;
        for (const auto& c : m_plan.class_ids)
            if (m_plan.class_level[c] == level) {
                level_classes.push_back(c);
                level_pupils.insert(level_pupils.end(), m_plan.pupils[c].begin(), m_plan.pupils[c].end());
            }
        const int groups = m_options.classes_per_level;
        const int spanish = (groups * 3 + 4) / 5;
        auto add_group = [&](const std::string& id, const std::string& label, model::group_kind type) {
            auto g = make<model::group>(id);
            g.code = id;
            g.label = label;
            g.type = type;
            g.classes = level_classes;
            m_plan.group_classes[id] = level_classes;
            emit(std::move(g));
        };
        for (int k = 0; k < groups; ++k) {
            const bool es = k < spanish;
            const std::string id = std::to_string(level) + (es ? "ESP" : "ALL") + std::to_string(k + 1);
            add_group(id, std::to_string(level) + "e " + (es ? "Espagnol " : "Allemand ") + std::to_string(k + 1), model::group_kind::language);
        }
        const std::string latin = std::to_string(level) + "LAT";
        add_group(latin, std::to_string(level) + "e Latin", model::group_kind::option);
        for (std::size_t i = 0; i < level_pupils.size(); ++i) {
            const int k = static_cast<int>(i * static_cast<std::size_t>(groups) / level_pupils.size());
            const std::string lv2 = std::to_string(level) + (k < spanish ? "ESP" : "ALL") + std::to_string(k + 1);
            std::vector<std::string> mine{lv2};
            if (m_random.chance(20)) mine.push_back(latin);
            for (const auto& g : mine) {
                m_plan.groups[g].push_back(level_pupils[i]);
                auto m = make<model::membership>("M-" + level_pupils[i] + "-" + g);
                m.person = level_pupils[i];
                m.group = g;
                m.group_kind = model::audience_kind::group;
                m.start = m_calendar.year_start;
                emit(std::move(m));
            }
        }
    }
}

} // namespace interop::generator
