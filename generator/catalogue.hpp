#pragma once
// The subjects of a collège, with weekly hours per level and the rooms they need.

#include <array>
#include <string>
#include <vector>

namespace interop::generator {

enum class room_need { home, lab, technology, art, music, gym };

struct subject_spec {
    std::string id;          // short code used as record id
    std::string code;        // BCN/STS subject code
    std::string long_label;
    std::string discipline;  // STS discipline of the teachers
    std::array<int, 4> half_hours; // per week, for 6e, 5e, 4e, 3e
    room_need room;
    bool by_group;           // taught in language groups rather than classes
};

inline const std::vector<subject_spec>& subjects() {
    static const std::vector<subject_spec> list = {
        {"FRANC", "020700", "Français", "L0202", {9, 9, 9, 8}, room_need::home, false},
        {"MATHS", "061300", "Mathématiques", "L1300", {9, 7, 7, 8}, room_need::home, false},
        {"HI-GE", "040700", "Histoire-géographie, EMC", "L1000", {6, 6, 6, 7}, room_need::home, false},
        {"AGL1", "030201", "Anglais LV1", "L0422", {8, 6, 6, 6}, room_need::home, false},
        {"LV2", "030602", "Langue vivante 2", "L0426", {0, 5, 5, 5}, room_need::home, true},
        {"SVT", "062900", "Sciences de la vie et de la Terre", "L1600", {2, 3, 3, 3}, room_need::lab, false},
        {"PH-CH", "061800", "Physique-chimie", "L1500", {2, 3, 3, 3}, room_need::lab, false},
        {"TECHN", "063000", "Technologie", "L1400", {2, 3, 3, 3}, room_need::technology, false},
        {"A-PLA", "080100", "Arts plastiques", "L1800", {2, 2, 2, 2}, room_need::art, false},
        {"EDMUS", "080200", "Éducation musicale", "L1700", {2, 2, 2, 2}, room_need::music, false},
        {"EPS", "100100", "Éducation physique et sportive", "L1900", {8, 6, 6, 6}, room_need::gym, false},
        {"LCALA", "020100", "Langues et cultures de l'Antiquité : latin", "L0201", {0, 2, 4, 4}, room_need::home, true},
    };
    return list;
}

/** Start of each of the 8 daily slots, in minutes; every slot lasts 55 minutes. */
inline constexpr std::array<int, 8> slot_starts = {8 * 60, 9 * 60, 10 * 60 + 10, 11 * 60 + 10,
                                                   13 * 60 + 30, 14 * 60 + 30, 15 * 60 + 40, 16 * 60 + 40};
inline constexpr int slot_minutes = 55;

} // namespace interop::generator
