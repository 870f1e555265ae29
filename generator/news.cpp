// The news dashboard, and the notifications one important item sends to families.

#include "school_builder.hpp"

namespace interop::generator {

namespace {

struct news_spec {
    const char* title;
    const char* body;
    const char* category;
    std::vector<std::string> audience;
    model::date from;
    int days;
    model::priority priority;
    model::news_status status;
};

const std::vector<news_spec>& news_specs() {
    static const std::vector<news_spec> list = {
        {"Rentrée des élèves", "<p>Accueil des 6e le lundi 1er septembre à 8 h.</p>", "Vie scolaire", {"guardians", "students"}, {2025, 8, 28}, 10, model::priority::important, model::news_status::archived},
        {"Réunion parents-professeurs de 6e", "<p>Jeudi 18 septembre à 18 h, au réfectoire.</p>", "Réunions", {"6A", "6B", "6C", "6D", "6E"}, {2025, 9, 8}, 12, model::priority::normal, model::news_status::archived},
        {"Photos de classe", "<p>Les photos de classe auront lieu le 25 septembre.</p>", "Vie scolaire", {"guardians"}, {2025, 9, 15}, 12, model::priority::normal, model::news_status::archived},
        {"Élections des délégués", "<p>Les élections des délégués de classe ont lieu cette semaine.</p>", "Citoyenneté", {"students"}, {2025, 9, 29}, 7, model::priority::normal, model::news_status::archived},
        {"Menu de la semaine", "<p>Menu végétarien le jeudi.</p>", "Restauration", {}, {2025, 10, 6}, 5, model::priority::normal, model::news_status::archived},
        {"Cross du collège", "<p>Le cross aura lieu le 16 octobre. Prévoir une tenue adaptée.</p>", "Sport", {"students", "guardians"}, {2025, 10, 6}, 11, model::priority::normal, model::news_status::published},
        {"Fermeture exceptionnelle : tempête", "<p>Le collège est fermé demain en raison de l'alerte météo rouge.</p>", "Urgence", {"guardians", "students", "staff"}, {2025, 11, 5}, 2, model::priority::urgent, model::news_status::published},
        {"Changement d'horaire de la sortie au musée", "<p>Le départ pour le musée des 3A est avancé à 8 h 15.</p>", "Sorties", {"3A"}, {2025, 11, 12}, 3, model::priority::important, model::news_status::published},
        {"Conseils de classe du 1er trimestre", "<p>Le calendrier des conseils de classe est en ligne.</p>", "Réunions", {"staff"}, {2025, 11, 17}, 20, model::priority::normal, model::news_status::published},
        {"Collecte solidaire", "<p>Collecte de denrées au profit des Restos du cœur jusqu'au 12 décembre.</p>", "Solidarité", {}, {2025, 11, 24}, 18, model::priority::normal, model::news_status::published},
        {"Spectacle de Noël", "<p>La chorale du collège se produira le 18 décembre.</p>", "Culture", {}, {2025, 12, 1}, 18, model::priority::normal, model::news_status::pending},
        {"Voyage en Espagne", "<p>Projet de voyage pour les hispanistes de 4e.</p>", "Sorties", {"4ESP1", "4ESP2", "4ESP3"}, {2026, 1, 5}, 30, model::priority::normal, model::news_status::draft},
    };
    return list;
}

} // namespace

void school_builder::news() {
    int number = 0;
    for (const auto& spec : news_specs()) {
        auto n = make<model::news_item>("N" + std::to_string(++number));
        n.title = spec.title;
        n.body = spec.body;
        n.author = m_plan.staff_ids[0];
        n.category = spec.category;
        for (const auto& a : spec.audience)
            if (a == "guardians" || a == "students" || a == "staff" || m_plan.class_level.contains(a) || m_plan.groups.contains(a))
                n.audience.push_back(a);
        const auto from = m_calendar.shifted(spec.from);
        n.publish_from = paris(from, 7, 0);
        n.publish_until = paris(model::add_days(from, spec.days), 20, 0);
        n.priority = spec.priority;
        n.status = spec.status;
        if (spec.priority == model::priority::urgent)
            n.translations = {{"en", "Exceptional closure: storm", "<p>The school is closed tomorrow: red weather alert.</p>"},
                              {"ar", "إغلاق استثنائي: عاصفة", "<p>المدرسة مغلقة غدًا بسبب الإنذار الأحمر.</p>"}};
        if (number == 8) {
            n.attachments = {{"programme-sortie.pdf", "https://ent.example.org/docs/programme-sortie.pdf", "application/pdf"}};
            notify_class(n, "3A");
        }
        emit(std::move(n));
    }
}

void school_builder::notify_class(const model::news_item& item, const std::string& class_id) {
    int number = 0;
    for (const auto& pupil : m_plan.pupils[class_id])
        for (const auto& g : m_plan.guardians_of[pupil]) {
            auto n = make<model::notification>("NT-" + item.id + "-" + std::to_string(++number));
            n.recipient = g;
            n.channel = number % 5 == 0 ? model::channel::sms : model::channel::push;
            n.template_name = "news.important";
            n.urgency = item.priority;
            n.subject_record = "news_item/" + item.id;
            n.earliest_send_at = item.publish_from;
            n.status = model::notification_status::delivered;
            if (n.channel == model::channel::sms) n.cost_millicents = 4500;
            emit(std::move(n));
        }
}

} // namespace interop::generator
