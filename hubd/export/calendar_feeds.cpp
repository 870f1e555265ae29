#include "export/calendar_feeds.hpp"

#include "export/school_dataset.hpp"
#include "import/record_index.hpp"

#include <fstream>
#include <sstream>

namespace hubd {

namespace {

// What a timetable calendar is made of.
const std::vector<std::string> timetable_kinds = {"school", "academic_year", "period", "calendar", "subject", "room", "class", "group",
                                                  "student", "staff", "membership", "time_grid", "week_pattern", "course", "session"};

const std::map<std::string, std::pair<std::string, std::string>> audiences = {
    // audience → (record kind, folder of the ical adapter's whole-school export)
    {"school", {"school", ""}}, {"class", {"class", "classes"}}, {"group", {"group", "groups"}},
    {"teacher", {"staff", "teachers"}}, {"pupil", {"student", "pupils"}}, {"room", {"room", "rooms"}},
};

/** The ical adapter's file names: letters, digits, `-` and `_` kept, any other byte as %XX (its README). */
std::string file_name_of(const std::string& id) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : id) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace

calendar_feeds::calendar_feeds(store& s, const interop::registry& formats, std::filesystem::path folder)
    : m_store(s), m_formats(formats), m_folder(std::move(folder)) {}

std::optional<std::string> calendar_feeds::kind_of_audience(const std::string& audience) {
    const auto it = audiences.find(audience);
    if (it == audiences.end()) return std::nullopt;
    return it->second.first;
}

calendar_feeds::school_feeds& calendar_feeds::state_of(const std::string& school) {
    std::lock_guard lock(m_mutex);
    auto& slot = m_schools[school];
    if (!slot) slot = std::make_unique<school_feeds>();
    return *slot;
}

std::uint64_t calendar_feeds::version_of(const std::string& school, std::uint64_t commit_version) {
    std::lock_guard lock(m_mutex);
    if (commit_version != m_seen_commit) { // something was committed: ask the store again
        m_versions.clear();
        m_seen_commit = commit_version;
    }
    auto it = m_versions.find(school);
    if (it == m_versions.end()) it = m_versions.emplace(school, m_store.last_seq_of(school, timetable_kinds)).first;
    return it->second;
}

void calendar_feeds::regenerate(const std::string& school, school_feeds& state, std::uint64_t version) {
    const auto ds = load_school(m_store, school, timetable_kinds);
    const auto& ical = m_formats.get("ical");
    interop::io::loss_log losses; // the feeds carry the timetable only
    auto writer = interop::open_writer(ical, m_folder, {.losses = losses, .folder = interop::io::existing_folder::replace});
    interop::io::replay(ds, *writer);
    state.files.clear();
    state.version = version;
    state.generated = true;
}

std::optional<calendar_token_row> calendar_feeds::token(const std::string& token_hash) {
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_tokens.find(token_hash); it != m_tokens.end()) return it->second;
    }
    auto row = m_store.calendar_token_by_hash(token_hash);
    if (!row || row->revoked) return std::nullopt;
    std::lock_guard lock(m_mutex);
    if (m_tokens.size() >= 100000) m_tokens.clear();
    m_tokens.emplace(token_hash, *row);
    return row;
}

void calendar_feeds::forget_tokens() {
    std::lock_guard lock(m_mutex);
    m_tokens.clear();
}

std::shared_ptr<const feed> calendar_feeds::get(const std::string& school, const std::string& audience, const std::string& id,
                                                std::uint64_t commit_version) {
    const auto it = audiences.find(audience);
    if (it == audiences.end()) return nullptr;
    const auto version = version_of(school, commit_version);
    auto& state = state_of(school);
    std::lock_guard lock(state.mutex);
    if (!state.generated || state.version != version) regenerate(school, state, version);
    const auto relative = it->second.second.empty() ? file_name_of(school) + "/school.ics"
                                                    : file_name_of(school) + "/" + it->second.second + "/" + file_name_of(id) + ".ics";
    if (auto cached = state.files.find(relative); cached != state.files.end()) return cached->second;
    std::ifstream in(m_folder / relative, std::ios::binary);
    if (!in) return nullptr;
    std::stringstream text;
    text << in.rdbuf();
    auto f = std::make_shared<feed>(feed{text.str(), ""});
    f->etag = "\"" + sha256_hex(f->body).substr(0, 32) + "\"";
    state.files.emplace(relative, f);
    return f;
}

} // namespace hubd
