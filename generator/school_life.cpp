// One term of school life: exceptions to the timetable, absences and late arrivals,
// assessments and grades, competencies, report cards, the class log and homework, discipline.

#include "school_builder.hpp"

#include "catalogue.hpp"

#include <algorithm>
#include <cmath>

namespace interop::generator {

namespace {

const std::vector<std::string> absence_reasons = {"Maladie", "Rendez-vous médical", "Raison familiale", "Transport", "Non justifiée"};
const std::vector<std::string> comments = {"Bon trimestre, continuez ainsi.", "Des efforts à poursuivre.",
                                           "Travail sérieux et régulier.", "Manque de travail personnel.",
                                           "Participation active en classe.", "Résultats encourageants."};

double round_half(double v) { return std::round(v * 2) / 2; }

} // namespace

/** School days of the first term, for picking dates. */
std::vector<model::date> school_builder::term_days(int term) const {
    std::vector<model::date> out;
    const auto& [first, last] = m_calendar.terms[static_cast<std::size_t>(term)];
    for (auto d = first; !(last < d); d = model::add_days(d, 1))
        if (m_calendar.has_classes(d)) out.push_back(d);
    return out;
}

void school_builder::exceptions() {
    const auto days = term_days(0);
    int number = 0;
    for (int i = 0; i < 30; ++i) {
        const auto& c = m_courses[m_random.next() % m_courses.size()];
        std::vector<model::date> matching;
        for (const auto& d : days) {
            const bool in_a = m_a_weeks.contains(model::add_days(d, 1 - model::iso_weekday(d)));
            if (model::iso_weekday(d) == c.weekday && (!c.week_pattern || (*c.week_pattern == "A") == in_a)) matching.push_back(d);
        }
        if (matching.empty()) continue;
        auto s = make<model::session>("S" + std::to_string(++number));
        s.course = c.id;
        s.day = m_random.pick(matching);
        s.start = c.start;
        s.duration_minutes = c.duration_minutes;
        if (i < 20) {
            s.status = model::session_status::cancelled;
            s.reason = "Professeur absent";
        } else if (i < 25) {
            s.status = model::session_status::exam;
            s.reason = "Évaluation commune";
        } else {
            // Moved to the Wednesday afternoon of the same week, when nobody has classes.
            const auto wednesday = model::add_days(s.day, 3 - model::iso_weekday(s.day));
            if (!m_calendar.has_classes(wednesday)) continue;
            s.status = model::session_status::moved;
            s.original_day = s.day;
            s.original_start = s.start;
            s.day = wednesday;
            s.start = model::time_of_day{13 * 60 + 30 + 60 * (i - 25)};
            s.reason = "Sortie scolaire";
        }
        emit(std::move(s));
    }
}

void school_builder::attendance() {
    const auto days = term_days(0);
    int number = 0;
    for (const auto& [class_id, pupils] : m_plan.pupils) {
        for (const auto& pupil : pupils) {
            const int absences = m_random.between(0, 4), lates = m_random.between(0, 3);
            for (int i = 0; i < absences + lates; ++i) {
                auto e = make<model::attendance_event>("A" + std::to_string(++number));
                e.student = pupil;
                const auto day = m_random.pick(days);
                const bool morning = model::iso_weekday(day) == 3 || m_random.chance(50);
                if (i < absences) {
                    e.type = model::attendance_kind::absence;
                    e.start = paris(day, morning ? 8 : 13, morning ? 0 : 30);
                    e.end = paris(day, morning ? 12 : 17, morning ? 5 : 35);
                    e.justified = m_random.chance(75);
                    e.reason = e.justified ? m_random.pick(absence_reasons) : "Non justifiée";
                } else {
                    e.type = model::attendance_kind::late;
                    e.minutes = m_random.between(3, 20);
                    e.start = paris(day, morning ? 8 : 13, morning ? *e.minutes : 30 + *e.minutes);
                    e.justified = m_random.chance(40);
                }
                e.recorded_by = m_plan.staff_ids[2]; // the CPE
                emit(std::move(e));
            }
        }
    }
}

void school_builder::assessments() {
    const auto days = term_days(0);
    int number = 0;
    for (const auto& [key, teacher] : m_plan.teacher_of) {
        const auto& [audience, subject] = key;
        const bool is_class = m_plan.class_level.contains(audience);
        const auto& pupils = is_class ? m_plan.pupils[audience] : m_plan.groups[audience];
        for (int n = 0; n < 2; ++n) {
            auto a = make<model::assessment>("D" + std::to_string(++number));
            a.subject = subject;
            a.title = (n == 0 ? "Évaluation " : "Contrôle ") + std::to_string(n + 1);
            (is_class ? a.classes : a.groups) = {audience};
            a.teacher = teacher;
            a.period = "T1";
            a.day = days[static_cast<std::size_t>(m_random.between(n * 25, n * 25 + 24)) % days.size()];
            a.scale = m_random.chance(20) ? 10 : 20;
            a.coefficient = m_random.chance(30) ? 2 : 1;
            a.bonus = m_random.chance(3);
            a.visible_to_students_at = paris(model::add_days(a.day, 7), 17, 0);
            a.visible_to_guardians_at = paris(model::add_days(a.day, 8), 17, 0);
            for (const auto& pupil : pupils) {
                auto g = make<model::grade_result>("G-" + a.id + "-" + pupil);
                g.assessment = a.id;
                g.student = pupil;
                const int roll = m_random.between(1, 100);
                if (roll <= 3) g.status = model::grade_status::absent;
                else if (roll == 4) g.status = model::grade_status::not_handed_in;
                else if (roll == 5) g.status = model::grade_status::exempt;
                else {
                    const double out_of_20 = std::clamp(12.0 + (m_random.between(0, 80) + m_random.between(0, 80) - 80) / 10.0, 0.0, 20.0);
                    g.value = round_half(out_of_20 * a.scale / 20);
                    m_marks[{pupil, subject}].push_back(*g.value * 20 / a.scale);
                }
                emit(std::move(g));
            }
            emit(std::move(a));
        }
    }
    competencies();
}

void school_builder::competencies() {
    static const std::vector<std::string> components = {"CPD_FRA", "CPD_ETR", "CPD_SCI", "CPD_ART", "MET", "CIT", "SYS", "REP"};
    const auto days = term_days(0);
    int number = 0;
    for (const auto& [class_id, pupils] : m_plan.pupils) {
        if (m_plan.class_level[class_id] != 3) continue;
        for (const auto& pupil : pupils)
            for (const auto& component : components) {
                auto c = make<model::competency_result>("K" + std::to_string(++number));
                c.student = pupil;
                c.competency = component;
                c.day = days.back();
                c.level = m_random.between(1, 4);
                emit(std::move(c));
            }
    }
}

void school_builder::report_cards() {
    for (const auto& [class_id, pupils] : m_plan.pupils) {
        std::map<std::string, std::pair<double, int>> class_totals; // subject → sum of averages, count
        std::map<std::string, std::map<std::string, double>> averages; // pupil → subject → average
        for (const auto& pupil : pupils)
            for (const auto& subject : m_plan.subject_ids) {
                const auto it = m_marks.find({pupil, subject});
                if (it == m_marks.end() || it->second.empty()) continue;
                double sum = 0;
                for (double v : it->second) sum += v;
                const double avg = std::round(sum / static_cast<double>(it->second.size()) * 100) / 100;
                averages[pupil][subject] = avg;
                class_totals[subject].first += avg;
                class_totals[subject].second += 1;
            }
        for (const auto& pupil : pupils) {
            auto r = make<model::report_card>("B-T1-" + pupil);
            r.student = pupil;
            r.period = "T1";
            double overall = 0;
            for (const auto& [subject, avg] : averages[pupil]) {
                const auto& [sum, count] = class_totals[subject];
                const auto teacher = m_plan.teacher_of.find({class_id, subject});
                model::report_subject line;
                line.subject = subject;
                if (teacher != m_plan.teacher_of.end()) line.teacher = teacher->second;
                line.average = avg;
                line.class_average = std::round(sum / count * 100) / 100;
                line.comment = m_random.pick(comments);
                r.subjects.push_back(std::move(line));
                overall += avg;
            }
            if (!r.subjects.empty()) r.overall_average = std::round(overall / static_cast<double>(r.subjects.size()) * 100) / 100;
            r.general_comment = m_random.pick(comments);
            emit(std::move(r));
        }
    }
}

void school_builder::class_log() {
    int number = 0;
    for (const auto& c : m_courses) {
        if (c.classes.empty() || (c.subject != "FRANC" && c.subject != "MATHS")) continue;
        for (const auto& day : term_days(0)) {
            if (model::iso_weekday(day) != c.weekday || m_random.chance(50)) continue;
            ++number;
            auto content = make<model::session_content>("CT" + std::to_string(number));
            content.subject = c.subject;
            content.classes = c.classes;
            content.teacher = c.teachers.front();
            content.day = day;
            content.title = "Séance du " + model::to_string(day);
            content.description = "<p>Correction des exercices puis leçon.</p>";
            emit(std::move(content));

            auto hw = make<model::homework>("TAF" + std::to_string(number));
            hw.subject = c.subject;
            hw.classes = c.classes;
            hw.teacher = c.teachers.front();
            // One in ten is set late in the evening, which the homework policy flags.
            hw.set_at = m_random.chance(10) ? paris(day, 21, 30) : paris(day, 17, 0);
            hw.due = model::add_days(day, model::iso_weekday(day) == 5 ? 3 : 1);
            hw.description = "<p>Exercices 3 et 4 page " + std::to_string(m_random.between(10, 200)) + ".</p>";
            hw.workload_minutes = 20;
            if (number % 7 == 0) hw.attachments.push_back({"fiche.pdf", "https://ent.example.org/docs/fiche-" + std::to_string(number) + ".pdf", "application/pdf"});
            emit(std::move(hw));
        }
    }
}

void school_builder::discipline() {
    const auto& pupils = m_plan.pupils[m_plan.class_ids.back()];
    // An incident and the sanction it led to; the erase-after date follows the rules on
    // retention: a warning goes at the end of the school year, a temporary exclusion after a year.
    auto case_of = [&](int n, const std::string& pupil, model::date day, const char* nature, model::sanction_kind kind,
                       const char* reason, std::optional<int> days, model::date erase_after) {
        auto i = make<model::discipline_incident>("I" + std::to_string(n));
        i.occurred_at = paris(day, 10, 5);
        i.students = {pupil};
        i.reported_by = m_plan.staff_ids[3];
        i.nature = nature;
        i.place = "Cour de récréation";
        auto s = make<model::sanction>("SAN" + std::to_string(n));
        s.student = pupil;
        s.incident = i.id;
        s.nature = kind;
        s.reason = reason;
        s.given_by = m_plan.staff_ids[0];
        s.day = model::add_days(day, 5);
        s.duration_days = days;
        s.erase_after = erase_after;
        emit(std::move(i));
        emit(std::move(s));
    };
    case_of(1, pupils[0], m_calendar.shifted({2025, 10, 9}), "Insolence répétée", model::sanction_kind::warning, "Insolence répétée envers un adulte",
            std::nullopt, m_calendar.year_end);
    case_of(2, pupils[1], m_calendar.shifted({2025, 11, 20}), "Violence physique", model::sanction_kind::temporary_exclusion,
            "Violence physique envers un camarade", 2, m_calendar.shifted({2026, 11, 25}));
    // Remarks for the family, encouraging as often as not.
    auto remark = make<model::observation>("OBS1");
    remark.student = pupils[2];
    remark.recorded_at = paris(m_calendar.shifted({2025, 11, 14}), 16, 0);
    remark.subject = "MATHS";
    remark.category = "Encouragements";
    remark.text = "Très bonne participation, en nette progression.";
    emit(std::move(remark));
}

} // namespace interop::generator
