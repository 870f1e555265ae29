// Pronote's accueilENT XML (pupil, parent and teacher views), read; pupil views written.

#include "pronote_format.hpp"

#include <interop/adapter/support.hpp>
#include <interop/adapters.hpp>

namespace interop {
namespace {

/** Yes for an `Eleve`, `Parent` or `Professeur` root holding the views' pages or the namespace. */
confidence identify_view(const io::input& in) {
    if (in.entries().empty()) return confidence::no;
    for (const auto& entry : in.entries()) {
        const auto head = in.head(entry, 8192);
        const bool root = head.find("<Eleve") != std::string::npos || head.find("<Parent") != std::string::npos ||
                          head.find("<Professeur") != std::string::npos;
        const bool marks = head.find(pronote::accueil_ns) != std::string::npos || head.find("sessionENT=") != std::string::npos ||
                           head.find("<PageCahierDeTextes") != std::string::npos || head.find("<PageReleveDeNotes") != std::string::npos;
        if (!root || !marks) return confidence::no;
    }
    return confidence::yes;
}

} // namespace

void register_pronote(registry& r) {
    r.add({.name = pronote::format_name,
           .title = "Pronote accueilENT XML (pupil, parent and teacher views)",
           .domains = {"school_life"},
           .extensions = {"xml"},
           .media_type = "application/xml",
           .identify = identify_view,
           .make_reader = pronote::make_reader,
           .make_writer = pronote::make_writer,
           .writes = {"grade_result", "assessment", "competency_result", "session_content", "homework", "attendance_event", "sanction", "observation", "student", "guardian_link", "membership", "subject", "school"},
           // What makes the views (a parent's per child, a class's pages), not carried as records.
           .uses = {"guardian_link", "membership"}});
}

} // namespace interop
