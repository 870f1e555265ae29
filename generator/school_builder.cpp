#include "school_builder.hpp"

#include "catalogue.hpp"
#include "names.hpp"

#include <interop/validate/validate.hpp>

#include <cstdio>

namespace interop::generator {

namespace {

std::string uai_for(int index) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%07d", 449000 + index);
    return std::string(digits) + *uai_check_letter(digits);
}

} // namespace

school_builder::school_builder(int index, const options& opt, io::record_sink& sink)
    : m_index(index), m_options(opt), m_sink(sink), m_random(opt.seed * 1000003ULL + static_cast<std::uint64_t>(index)),
      m_calendar(opt.school_year) {
    m_plan.uai = uai_for(index);
}

void school_builder::build() {
    structure();
    subjects_rooms_mefs();
    staff();
    classes_and_pupils();
    language_and_option_groups();
    timetable();
    exceptions();
    attendance();
    assessments();
    report_cards();
    class_log();
    discipline();
    news();
}

void school_builder::structure() {
    auto s = make<model::establishment>(m_plan.uai);
    s.uai = m_plan.uai;
    s.name = "Collège " + names::school_names[static_cast<std::size_t>(m_index) % names::school_names.size()];
    s.type = model::school_type::college;
    s.academy = "Nantes";
    s.zone = model::holiday_zone::b;
    s.postal_code = "44" + std::to_string(100 + m_index % 900);
    s.city = m_random.pick(names::towns);
    s.external_ids = {{"siecle", m_plan.uai}};
    emit(std::move(s));

    auto year = make<model::academic_year>(m_calendar.label());
    year.label = m_calendar.label();
    year.start = m_calendar.year_start;
    year.end = m_calendar.year_end;
    emit(std::move(year));

    for (int t = 0; t < 3; ++t) {
        auto p = make<model::period>("T" + std::to_string(t + 1));
        p.academic_year = m_calendar.label();
        p.number = t + 1;
        p.label = "Trimestre " + std::to_string(t + 1);
        std::tie(p.start, p.end) = m_calendar.terms[static_cast<std::size_t>(t)];
        emit(std::move(p));
    }

    auto cal = make<model::calendar>(m_calendar.label() + "-B");
    cal.academic_year = m_calendar.label();
    cal.zone = model::holiday_zone::b;
    cal.entries = m_calendar.entries;
    emit(std::move(cal));
}

void school_builder::subjects_rooms_mefs() {
    static const char* const mef_codes[] = {"10010012110", "10110001110", "10210001110", "10310019110"};
    static const char* const mef_labels[] = {"6EME", "5EME", "4EME", "3EME"};
    for (int i = 0; i < 4; ++i) {
        auto m = make<model::mef>(mef_codes[i]);
        m.code = mef_codes[i];
        m.label = mef_labels[i];
        emit(std::move(m));
    }
    for (const auto& spec : subjects()) {
        auto s = make<model::subject>(spec.id);
        s.code = spec.code;
        s.short_label = spec.id;
        s.long_label = spec.long_label;
        s.external_ids = {{"sts", spec.code}};
        m_plan.subject_ids.push_back(spec.id);
        emit(std::move(s));
    }
    auto room = [&](const std::string& code, const std::string& name, int capacity, const char* building) {
        auto r = make<model::room>(code);
        r.code = code;
        r.name = name;
        r.capacity = capacity;
        r.building = building;
        emit(std::move(r));
    };
    for (int i = 0; i < 4 * m_options.classes_per_level; ++i) room("S" + std::to_string(101 + i), "Salle " + std::to_string(101 + i), 32, "Bâtiment A");
    for (int i = 1; i <= 4; ++i) room("LAB" + std::to_string(i), "Laboratoire " + std::to_string(i), 30, "Bâtiment B");
    for (int i = 1; i <= 2; ++i) room("TECH" + std::to_string(i), "Salle de technologie " + std::to_string(i), 30, "Bâtiment B");
    for (int i = 1; i <= 2; ++i) room("ART" + std::to_string(i), "Salle d'arts plastiques " + std::to_string(i), 30, "Bâtiment C");
    for (int i = 1; i <= 2; ++i) room("MUS" + std::to_string(i), "Salle de musique " + std::to_string(i), 30, "Bâtiment C");
    for (int i = 1; i <= 4; ++i) room("GYM" + std::to_string(i), "Gymnase " + std::to_string(i), 60, "Complexe sportif");

    auto e = make<model::equipment>("VPI1");
    e.code = "VPI1";
    e.name = "Vidéoprojecteur mobile";
    emit(std::move(e));
}

void school_builder::staff() {
    int number = 0;
    auto person = [&](const std::vector<std::string>& functions, const std::string& discipline) {
        auto s = make<model::staff>("P" + std::to_string(++number));
        s.civility = m_random.chance(60) ? "Mme" : "M.";
        s.last_name = m_random.pick(names::last);
        s.first_name = m_random.pick(names::adult_first);
        s.email = "personnel." + std::to_string(number) + "@" + m_plan.uai + ".example.org";
        s.functions = functions;
        if (!discipline.empty()) s.disciplines = {discipline};
        s.external_ids = {{"sts", std::to_string(1000 + number)}};
        m_plan.staff_ids.push_back(s.id);
        const std::string id = s.id;
        emit(std::move(s));
        return id;
    };
    person({"DIR"}, "");
    person({"DIR"}, "");
    person({"EDU"}, "");
    person({"EDU"}, "");
    person({"ADM"}, "");
    person({"DOC"}, "");
    person({"MED"}, "");
    for (int i = 0; i < 3; ++i) person({"AED"}, "");
    const int classes = 4 * m_options.classes_per_level;
    for (const auto& spec : subjects()) {
        int half_hours = 0;
        for (int level = 0; level < 4; ++level) half_hours += spec.half_hours[static_cast<std::size_t>(level)] * m_options.classes_per_level;
        // Language groups run side by side, one teacher each; other subjects fill 18 h services.
        const int teachers = spec.by_group ? (spec.id == "LV2" ? m_options.classes_per_level : 1)
                                           : std::max(1, (half_hours + 35) / 36 + (classes > 12 ? 1 : 0));
        for (int t = 0; t < teachers; ++t) m_plan.teachers_by_subject[spec.id].push_back(person({"ENS"}, spec.discipline));
    }
}

} // namespace interop::generator
