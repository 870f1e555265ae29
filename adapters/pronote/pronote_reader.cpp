// accueilENT XML → model. Each page's entries become records of the pupil the view is about:
// `IdentifiantPronote` in a parent view, the `sessionENT` attribute in a pupil view (the file
// names no pupil; our writer puts the pupil's id there). Subjects are known by their label.
// Ids: those our writer lists in its comment, else stable ones made from the content.

#include "../ical/calendar_reader.hpp"
#include "pronote_format.hpp"

#include "../common/percent_codec.hpp"
#include "../common/stable_id.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>
#include <interop/text/html.hpp>

#include <map>
#include <set>
#include <sstream>

namespace interop::pronote {
namespace {

using adapter_support::emit;
using adapter_support::new_record;
using adapter_support::trimmed;

/** What our writer's comment says: the school, each subject label's id, the records' ids in order. */
struct writer_comment {
    std::string school;
    std::map<std::string, std::string> subjects;
    std::vector<std::string> ids;

    void read(std::string_view text) {
        std::istringstream in{std::string(text)};
        std::string key;
        while (in >> key) {
            if (key == "interop:school") {
                in >> school;
                school = percent_codec::decode(school);
            }
            else if (key == "interop:subject") {
                std::string label, id;
                in >> label >> id;
                subjects[percent_codec::decode(label)] = percent_codec::decode(id);
            } else if (key == "interop:ids") {
                std::string line;
                std::getline(in, line);
                std::istringstream ids_in(line);
                for (std::string id; ids_in >> id;) ids.push_back(percent_codec::decode(id));
            }
        }
    }
};

/** What the files of one input share: records already sent (a class log seen from several pupils). */
struct sent_records {
    std::set<std::string> records, subjects, schools;
};

class view_mapper {
public:
    view_mapper(io::record_sink& sink, diagnostics& diags, std::string school, const writer_comment& comment, std::string file,
                sent_records& sent)
        : m_sink(sink), m_diags(diags), m_school(std::move(school)), m_comment(comment), m_file(std::move(file)), m_sent(sent) {}

    void set_pupil(std::string id) { m_student = std::move(id); }

    /** A parent view's `Eleve`: the child, then its pages. */
    void child(const xml::element& e) {
        m_student = trimmed(e.child_text("IdentifiantPronote"));
        if (m_student.empty()) return warn(e.line, "pronote-ent.pupil", "<Eleve> without IdentifiantPronote: its pages are left out");
        auto s = new_record<model::student>(m_student, m_school, at(e.line));
        s.last_name = trimmed(e.child_text("Nom"));
        s.first_name = trimmed(e.child_text("Prenom"));
        emit_once(std::move(s)); // a pupil seen from its own view and from each parent's
        for (const auto& page : e.children) this->page(page);
    }

    void page(const xml::element& p) {
        if (p.name == "PageReleveDeNotes") for_each(p, "Devoir", &view_mapper::devoir);
        else if (p.name == "PageCompetences") for_each(p, "Evaluation", &view_mapper::evaluation);
        else if (p.name == "PageCahierDeTextes") for_each(p, "CahierDeTextes", &view_mapper::class_log);
        else if (p.name == "PageVieScolaire") school_life(p);
        else if (p.name == "PagePronote") school_name(p);
        else if (p.name == "ICal") calendar(p);
    }

private:
    model::provenance at(std::uint64_t line) const { return {format_name, m_file, line}; }
    void warn(std::uint64_t line, const std::string& code, const std::string& message) {
        m_diags.add(severity::warning, code, "", message, {m_file, line, 0});
    }

    void for_each(const xml::element& page, std::string_view name, void (view_mapper::*f)(const xml::element&)) {
        for (const auto& c : page.children)
            if (c.name == name) (this->*f)(c);
    }

    /** The next id our writer listed, else `fallback`. */
    std::string listed_or(std::string fallback) { return m_next < m_comment.ids.size() ? m_comment.ids[m_next++] : fallback; }

    /** The next id our writer listed, else one made from the record's content. */
    std::string next_id(std::string_view prefix, std::initializer_list<std::string_view> parts) {
        if (m_next < m_comment.ids.size()) return m_comment.ids[m_next++];
        std::string key(prefix);
        for (auto p : parts) key.append("\x1f").append(p);
        const auto ordinal = std::to_string(m_seen[key]++);
        std::vector<std::string_view> all(parts);
        all.push_back(m_student);
        all.push_back(ordinal);
        std::string joined;
        for (auto p : all) joined.append(p).append("\x1f");
        return stable_id::of(prefix, {joined});
    }

    /** The subject named by `label`, emitted once. */
    std::string subject(std::string_view label_text, std::uint64_t line) {
        const auto label = trimmed(label_text);
        if (label.empty()) return {};
        auto known = m_comment.subjects.find(label);
        const auto id = known != m_comment.subjects.end() ? known->second : label;
        if (m_sent.subjects.insert(id).second) {
            auto s = new_record<model::subject>(id, m_school, at(line));
            s.short_label = s.long_label = label;
            emit(m_sink, std::move(s));
        }
        return id;
    }

    /** Emits `r` unless a record of its kind and id already went (one class log seen from two pupils). */
    template <class K> void emit_once(K&& r) {
        if (m_sent.records.insert(std::string(K::kind) + "/" + r.id).second) emit(m_sink, std::forward<K>(r));
    }

    void devoir(const xml::element& e) {
        const auto day = parse_day(e.child_text("Date"));
        const auto note = parse_mark(e.child_text("Note"));
        const auto scale = parse_mark(e.child_text("Bareme"));
        if (!day || !note) return warn(e.line, "pronote-ent.devoir", "<Devoir> with Date '" + std::string(e.child_text("Date")) + "' and Note '" + std::string(e.child_text("Note")) + "' left out");
        auto a = new_record<model::assessment>("", m_school, at(e.line));
        a.subject = subject(e.child_text("Matiere"), e.line);
        a.title = a.subject;
        a.day = *day;
        if (scale && scale->value) a.scale = *scale->value;
        a.id = next_id("devoir", {a.subject, model::to_string(a.day)});
        auto g = new_record<model::grade_result>(listed_or(a.id + "/" + m_student), m_school, at(e.line));
        g.assessment = a.id;
        g.student = m_student;
        g.status = note->status;
        g.value = note->value;
        emit_once(std::move(a));
        emit_once(std::move(g));
    }

    void evaluation(const xml::element& e) {
        const auto day = parse_day(e.child_text("Date"));
        const auto* level = e.child("NiveauDAcquisition");
        const std::string label = level ? std::string(level->child_text("Libelle")) : "";
        const auto value = level_of(label);
        if (!day) return warn(e.line, "pronote-ent.evaluation", "<Evaluation> without a date left out");
        if (!value) return m_diags.add(severity::info, "pronote-ent.not-assessed", "", "evaluation '" + std::string(e.child_text("Intitule")) + "' is '" + label + "': no level, left out", {m_file, e.line, 0});
        auto r = new_record<model::competency_result>("", m_school, at(e.line));
        r.student = m_student;
        r.competency = trimmed(e.child_text("Competence"));
        r.label = trimmed(e.child_text("Item"));
        r.subject = subject(e.child_text("Matiere"), e.line);
        if (r.subject->empty()) r.subject.reset();
        r.day = *day;
        r.level = *value;
        r.extensions["pronote:Intitule"] = trimmed(e.child_text("Intitule"));
        r.extensions["pronote:Libelle"] = label;
        r.id = next_id("eval", {r.competency, model::to_string(r.day)});
        emit_once(std::move(r));
    }

    static std::vector<model::attachment> attachments(const xml::element& e) {
        std::vector<model::attachment> out;
        for (const auto& c : e.children) {
            const auto v = trimmed(c.text);
            if (c.name == "PieceJointe" && !v.empty()) out.push_back({v, v, {}});
            if (c.name == "SiteInternet" && !v.empty()) out.push_back({v, v, std::string("text/html")});
        }
        return out;
    }

    void class_log(const xml::element& e) {
        const auto day = parse_day(e.child_text("Date"));
        if (!day) return warn(e.line, "pronote-ent.cahier", "<CahierDeTextes> without a date left out");
        const auto subject_id = subject(e.child_text("Matiere"), e.line);
        for (const auto& c : e.children) {
            if (c.name == "ContenuDeCours") {
                auto s = new_record<model::session_content>("", m_school, at(c.line));
                s.subject = subject_id;
                s.day = *day;
                if (auto title = trimmed(c.child_text("Titre")); !title.empty()) s.title = title;
                s.description = text::sanitize_html(c.child_text("Descriptif"));
                s.attachments = attachments(c);
                if (auto cat = trimmed(c.child_text("Categorie")); !cat.empty()) s.extensions["pronote:Categorie"] = cat;
                s.id = next_id("contenu", {subject_id, model::to_string(s.day)});
                emit_once(std::move(s));
            } else if (c.name == "TravailAFaire") {
                auto due = parse_day(c.child_text("PourLe"));
                if (!due) {
                    warn(c.line, "pronote-ent.travail", "<TravailAFaire> without PourLe left out");
                    continue;
                }
                auto h = new_record<model::homework>("", m_school, at(c.line));
                h.subject = subject_id;
                h.set_at = {*day, 0, std::nullopt};
                h.due = *due;
                h.description = text::sanitize_html(c.child_text("Descriptif"));
                h.attachments = attachments(c);
                h.id = next_id("travail", {subject_id, model::to_string(*due)});
                emit_once(std::move(h));
            }
        }
    }

    void school_life(const xml::element& page) {
        for (const auto& c : page.children) {
            if (c.name == "Absence" || c.name == "Retard" || c.name == "PassageInfirmerie") attendance(c);
            else if (c.name == "Punition" || c.name == "Sanction") sanction(c);
            else if (c.name == "Observation") observation(c);
        }
    }

    void attendance(const xml::element& e) {
        const bool absence = e.name == "Absence";
        const auto start = parse_time(e.child_text(absence ? "DateDebut" : "Date"));
        if (!start) return warn(e.line, "pronote-ent.date", "<" + e.name + "> without a date left out");
        auto r = new_record<model::attendance_event>("", m_school, at(e.line));
        r.student = m_student;
        r.type = absence ? model::attendance_kind::absence : e.name == "Retard" ? model::attendance_kind::late : model::attendance_kind::infirmary;
        r.start = *start;
        if (absence) r.end = parse_time(e.child_text("DateFin"));
        r.open = trimmed(e.child_text("EstOuverte")) == "true";
        r.justified = trimmed(e.child_text("Justifie")) == "true";
        if (auto reason = trimmed(e.child_text("Motif")); !reason.empty()) r.reason = reason;
        r.id = next_id(absence ? "absence" : e.name == "Retard" ? "retard" : "infirmerie", {model::to_string(r.start)});
        emit_once(std::move(r));
    }

    void sanction(const xml::element& e) {
        const auto day = parse_day(e.child_text("Date"));
        if (!day) return warn(e.line, "pronote-ent.date", "<" + e.name + "> without a date left out");
        auto r = new_record<model::sanction>("", m_school, at(e.line));
        r.student = m_student;
        r.day = *day;
        const auto nature = trimmed(e.child_text("Nature"));
        r.nature = sanction_kind_of(nature);
        if (r.nature == model::sanction_kind::other || nature != nature_label(r.nature)) r.extensions["pronote:Nature"] = nature;
        r.extensions["pronote:element"] = e.name;
        r.reason = trimmed(e.child_text("Motif"));
        if (auto c = trimmed(e.child_text("Circonstances")); !c.empty()) r.extensions["pronote:Circonstances"] = c;
        if (auto m = trimmed(e.child_text("Matiere")); !m.empty()) r.extensions["pronote:Matiere"] = m;
        if (auto days = adapter_support::small_number(trimmed(e.child_text("Duree"))); days && *days > 0) r.duration_days = *days;
        r.id = next_id(e.name == "Punition" ? "punition" : "sanction", {model::to_string(r.day)});
        emit_once(std::move(r));
    }

    void observation(const xml::element& e) {
        const auto when = parse_time(e.child_text("Date"));
        if (!when) return warn(e.line, "pronote-ent.date", "<Observation> without a date left out");
        auto r = new_record<model::observation>("", m_school, at(e.line));
        r.student = m_student;
        r.recorded_at = *when;
        r.subject = subject(e.child_text("Matiere"), e.line);
        if (r.subject->empty()) r.subject.reset();
        r.text = trimmed(e.child_text("Observation"));
        if (auto who = trimmed(e.child_text("Demandeur")); !who.empty()) r.extensions["pronote:Demandeur"] = who;
        r.id = next_id("observation", {model::to_string(r.recorded_at)});
        emit_once(std::move(r));
    }

    /**
     * `<ICal>`: the view's calendar, inline (an iCalendar, read as the ical format reads it, its
     * lines counted from the element's) or, as Pronote writes it, the link to a feed, which is
     * not fetched: said, not ignored.
     */
    void calendar(const xml::element& e) {
        const auto text = trimmed(e.text);
        if (text.empty()) return;
        if (!text.starts_with("BEGIN:VCALENDAR")) {
            m_diags.add(severity::info, "pronote-ent.ical-link", "", "<ICal> is a link to the view's calendar (" + text + "): not fetched; read the feed as ical",
                        {m_file, e.line, 0});
            return;
        }
        forwarding_sink records(m_sink);
        diagnostics inner;
        read_options opt;
        opt.school = m_school;
        try {
            ical_adapter::make_reader(opt)->read(io::input::from_memory(m_file, text), records, inner);
        } catch (const parse_error& err) {
            warn(e.line + err.where().line, "pronote-ent.ical", "the inline calendar of <ICal> cannot be read, left out: " + std::string(err.what()));
            return;
        }
        for (auto d : inner.items()) {
            d.where = {m_file, e.line + d.where.line, d.where.column};
            m_diags.add(std::move(d));
        }
    }

    /** Passes a nested reader's records on; its metadata and end are the view's own. */
    struct forwarding_sink : io::record_sink {
        explicit forwarding_sink(io::record_sink& to) : next(to) {}
        void on_metadata(const model::metadata&) override {}
        void on_record(model::any_record&& r) override { next.on_record(std::move(r)); }
        void on_end() override {}
        io::record_sink& next;
    };

    void school_name(const xml::element& e) {
        const auto* name = e.attribute("nom");
        if (!name || m_school.empty() || !m_sent.schools.insert(m_school).second) return;
        auto s = new_record<model::establishment>(m_school, m_school, at(e.line));
        s.uai = m_school;
        s.name = trimmed(*name);
        emit(m_sink, std::move(s));
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    std::string m_school;
    const writer_comment& m_comment;
    std::string m_file;
    std::string m_student;
    std::size_t m_next = 0;
    std::map<std::string, int> m_seen;
    sent_records& m_sent;
};

class view_reader : public reader {
public:
    explicit view_reader(read_options opt) : m_opt(std::move(opt)) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        model::metadata meta;
        meta.source = format_name;
        sink.on_metadata(meta);
        std::size_t files = 0;
        sent_records sent;
        for (const auto& entry : in.entries()) {
            if (entry.name.size() < 4 || adapter_support::lower_ascii(entry.name.substr(entry.name.size() - 4)) != ".xml") continue;
            read_entry(in, entry, sink, diags, sent);
            ++files;
        }
        if (files == 0) throw parse_error({in.name(), 0, 0}, format_name, "no .xml file in the input");
        sink.on_end();
    }

private:
    void read_entry(const io::input& in, const io::input::entry& entry, io::record_sink& sink, diagnostics& diags, sent_records& sent) const {
        const auto file = in.describe(entry);
        writer_comment comment;
        std::unique_ptr<view_mapper> mapper;
        std::string root;
        xml::events ev;
        ev.on_comment = [&](std::string_view text, std::uint64_t) { comment.read(text); };
        ev.on_root = [&](const xml::element& r) {
            root = r.name;
            if (root != "Eleve" && root != "Parent" && root != "Professeur")
                throw parse_error({file, r.line, 0}, format_name, "root element <" + root + "> is not Eleve, Parent or Professeur");
            const auto school = m_opt.school.empty() ? comment.school : m_opt.school;
            mapper = std::make_unique<view_mapper>(sink, diags, school, comment, file, sent);
            if (root == "Eleve") {
                const auto* session = r.attribute("sessionENT");
                mapper->set_pupil(session && !session->empty() ? *session : "pupil");
                if (comment.ids.empty())
                    diags.add(severity::info, "pronote-ent.pupil", "", "a pupil view names no pupil: its records name the pupil '" + std::string(session ? *session : "pupil") + "' (sessionENT)", {file, r.line, 0});
            }
            if (root == "Professeur") diags.add(severity::info, "pronote-ent.teacher", "", "a teacher view holds only message counts: nothing to read", {file, r.line, 0});
        };
        ev.capture = [&](const std::vector<std::string>& path) {
            return path.size() == 2 && (path[1] == "ICal" || (root != "Professeur" && (root == "Eleve" || path[1] == "Eleve")));
        };
        ev.on_element = [&](xml::element&& e) { root == "Parent" && e.name != "ICal" ? mapper->child(e) : mapper->page(e); };
        auto stream = in.open_entry(entry);
        xml::read(*stream, file, format_name, ev, adapter_support::xml_limits(m_opt));
    }

    read_options m_opt;
};

} // namespace

std::unique_ptr<reader> make_reader(const read_options& opt) { return std::make_unique<view_reader>(opt); }

} // namespace interop::pronote
