#include <interop/errors.hpp>
#include <interop/text/templates.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace interop::text {

namespace {

struct entry {
    std::string_view subject, body;
};

constexpr std::array<std::string_view, 7> kind_names = {"absence", "late", "grade_released", "homework_set", "news_published", "timetable_change", "school_message"};

/** [kind][language], languages in the order of template_languages(). */
constexpr entry templates[7][6] = {
    {// absence
     {"Absence", "Absence de {pupil} le {date} à {time}. Merci de prévenir la vie scolaire si ce n'est pas déjà fait. {school}"},
     {"Absence", "{pupil} was absent on {date} at {time}. Please tell the school office if you have not already. {school}"},
     {"غياب", "غياب {pupil} يوم {date} على الساعة {time}. يرجى إبلاغ الإدارة المدرسية إن لم تفعلوا ذلك. {school}"},
     {"Falta", "Falta de {pupil} em {date} às {time}. Por favor, avise a secretaria da escola se ainda não o fez. {school}"},
     {"Devamsızlık", "{pupil} {date} tarihinde saat {time} itibarıyla okulda yoktu. Henüz bildirmediyseniz lütfen okul idaresine haber verin. {school}"},
     {"Falta de asistencia", "Falta de asistencia de {pupil} el {date} a las {time}. Por favor, avise a la secretaría del centro si aún no lo ha hecho. {school}"}},
    {// late
     {"Retard", "Retard de {pupil} le {date} à {time}. {school}"},
     {"Late arrival", "{pupil} arrived late on {date} at {time}. {school}"},
     {"تأخر", "تأخر {pupil} يوم {date} على الساعة {time}. {school}"},
     {"Atraso", "Atraso de {pupil} em {date} às {time}. {school}"},
     {"Geç kalma", "{pupil} {date} tarihinde saat {time} itibarıyla okula geç geldi. {school}"},
     {"Retraso", "Retraso de {pupil} el {date} a las {time}. {school}"}},
    {// grade_released
     {"Nouvelle note", "Nouvelle note pour {pupil} en {subject}. Elle est visible sur l'ENT. {school}"},
     {"New grade", "A new grade for {pupil} in {subject} is on the school portal. {school}"},
     {"علامة جديدة", "علامة جديدة لـ {pupil} في مادة {subject} على الفضاء الرقمي للمؤسسة. {school}"},
     {"Nova nota", "Nova nota de {pupil} em {subject}, no portal da escola. {school}"},
     {"Yeni not", "{pupil} için {subject} dersinde yeni bir not okul portalında. {school}"},
     {"Nueva nota", "Nueva nota de {pupil} en {subject}, en el portal del centro. {school}"}},
    {// homework_set
     {"Travail à faire", "Travail à faire pour {pupil} en {subject}, pour le {due}. Détails sur l'ENT. {school}"},
     {"Homework", "Homework for {pupil} in {subject}, due {due}. Details on the school portal. {school}"},
     {"واجب منزلي", "واجب منزلي لـ {pupil} في مادة {subject}، يسلم يوم {due}. التفاصيل على الفضاء الرقمي للمؤسسة. {school}"},
     {"Trabalho de casa", "Trabalho de casa de {pupil} em {subject}, para {due}. Detalhes no portal da escola. {school}"},
     {"Ödev", "{pupil} için {subject} ödevi, teslim tarihi {due}. Ayrıntılar okul portalında. {school}"},
     {"Deberes", "Deberes de {pupil} en {subject} para el {due}. Detalles en el portal del centro. {school}"}},
    {// news_published
     {"Information", "Nouvelle information de {school} : {title}"},
     {"News", "News from {school}: {title}"},
     {"خبر جديد", "خبر جديد من {school}: {title}"},
     {"Informação", "Nova informação de {school}: {title}"},
     {"Duyuru", "{school} okulundan yeni duyuru: {title}"},
     {"Información", "Nueva información de {school}: {title}"}},
    {// timetable_change
     {"Emploi du temps", "Emploi du temps de {pupil} modifié le {date} : {text}. {school}"},
     {"Timetable change", "{pupil}'s timetable changes on {date}: {text}. {school}"},
     {"تغيير في جدول الحصص", "تغيير في جدول حصص {pupil} يوم {date}: {text}. {school}"},
     {"Alteração de horário", "Alteração no horário de {pupil} em {date}: {text}. {school}"},
     {"Ders programı değişikliği", "{pupil} için {date} tarihli ders programı değişti: {text}. {school}"},
     {"Cambio de horario", "Cambio en el horario de {pupil} el {date}: {text}. {school}"}},
    {// school_message
     {"Message", "Message de {school} : {text}"},
     {"Message", "Message from {school}: {text}"},
     {"رسالة", "رسالة من {school}: {text}"},
     {"Mensagem", "Mensagem de {school}: {text}"},
     {"Mesaj", "{school} okulundan mesaj: {text}"},
     {"Mensaje", "Mensaje de {school}: {text}"}},
};

constexpr std::string_view first_strong_isolate = "\u2068", pop_directional_isolate = "\u2069";

/** Whether the text holds a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, NKo…; their presentation forms). */
bool has_rtl_letter(std::string_view utf8) {
    for (std::size_t i = 0; i + 1 < utf8.size(); ++i) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        if (b == 0xD6 && static_cast<unsigned char>(utf8[i + 1]) >= 0x90) return true; // U+0590–U+05BF (U+0580–U+058F is Armenian)
        if (b >= 0xD7 && b <= 0xDF) return true;                                       // U+05C0–U+07FF
        if (b == 0xE0 && static_cast<unsigned char>(utf8[i + 1]) >= 0xA0 && static_cast<unsigned char>(utf8[i + 1]) <= 0xA3) return true; // U+0800–U+08FF
        if (b == 0xEF && i + 2 < utf8.size()) {
            const auto c = static_cast<unsigned char>(utf8[i + 1]);
            if ((c >= 0xAC && c <= 0xB7) || (c >= 0xB9 && c <= 0xBB)) return true; // U+FB1D–U+FDFF, U+FE70–U+FEFF
        }
    }
    return false;
}

std::string fill(std::string_view body, const std::map<std::string, std::string>& values, bool isolate_all) {
    std::string out;
    for (std::size_t at = 0; at < body.size();) {
        const auto open = body.find('{', at);
        out.append(body.substr(at, open == std::string_view::npos ? std::string_view::npos : open - at));
        if (open == std::string_view::npos) break;
        const auto close = body.find('}', open);
        const std::string name(body.substr(open + 1, close - open - 1));
        const auto it = values.find(name);
        if (it == values.end()) throw error("message template: no value for {" + name + "}");
        const bool isolate = isolate_all || has_rtl_letter(it->second);
        if (isolate) out += first_strong_isolate;
        out += it->second;
        if (isolate) out += pop_directional_isolate;
        at = close + 1;
    }
    return out;
}

} // namespace

std::string_view to_string(event_kind k) { return kind_names[static_cast<std::size_t>(k)]; }

std::optional<event_kind> event_kind_named(std::string_view name) {
    const auto it = std::find(kind_names.begin(), kind_names.end(), name);
    if (it == kind_names.end()) return std::nullopt;
    return static_cast<event_kind>(it - kind_names.begin());
}

const std::vector<std::string>& template_languages() {
    static const std::vector<std::string> languages = {"fr", "en", "ar", "pt", "tr", "es"};
    return languages;
}

std::string template_language(std::string_view tag) {
    std::string primary(tag.substr(0, tag.find_first_of("-_")));
    for (auto& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto& all = template_languages();
    return std::find(all.begin(), all.end(), primary) != all.end() ? primary : all.front();
}

bool right_to_left(std::string_view language) { return template_language(language) == "ar"; }

std::vector<std::string> placeholders(event_kind k) {
    std::vector<std::string> out;
    const std::string_view body = templates[static_cast<std::size_t>(k)][0].body;
    for (auto open = body.find('{'); open != std::string_view::npos; open = body.find('{', open + 1))
        out.emplace_back(body.substr(open + 1, body.find('}', open) - open - 1));
    return out;
}

message_text render_message(event_kind kind, std::string_view language_tag, const std::map<std::string, std::string>& values) {
    message_text m;
    m.language = template_language(language_tag);
    const auto& all = template_languages();
    const auto index = static_cast<std::size_t>(std::find(all.begin(), all.end(), m.language) - all.begin());
    const auto& t = templates[static_cast<std::size_t>(kind)][index];
    m.right_to_left = right_to_left(m.language);
    m.subject = std::string(t.subject);
    m.body = fill(t.body, values, m.right_to_left);
    return m;
}

} // namespace interop::text
