#include "api/hub_session.hpp"

#include <interop/io/sink.hpp>
#include <interop/json/bounded.hpp>
#include <interop/json/canonical.hpp>

#include <openssl/evp.h>

#include <chrono>
#include <stdexcept>

namespace conformance::api {

namespace model = interop::model;

namespace {

constexpr int students = 5;
const std::string prefix = "conformance-";

std::string base64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                                  static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

template <class K> K record_of(const std::string& id, const std::string& school) {
    K k;
    k.id = id;
    k.school = school;
    return k;
}

model::dataset delta_of() {
    model::dataset ds;
    ds.metadata.scope = model::scope::delta;
    ds.metadata.generator = "interop-conformance";
    ds.metadata.source = "json";
    return ds;
}

model::dataset suite_school(const std::string& school) {
    auto ds = delta_of();
    auto cls = record_of<model::school_class>(prefix + "6A", school);
    cls.code = cls.label = "CONF-6A";
    ds.add(cls);
    auto subject = record_of<model::subject>(prefix + "maths", school);
    subject.code = "061300";
    subject.short_label = "MATHS";
    subject.long_label = "MATHEMATIQUES";
    ds.add(subject);
    auto teacher = record_of<model::staff>(prefix + "t1", school);
    teacher.last_name = "Conformance";
    teacher.first_name = "Teacher";
    ds.add(teacher);
    for (int i = 1; i <= students; ++i) {
        auto s = record_of<model::student>(prefix + "s" + std::to_string(i), school);
        s.last_name = "Conformance";
        s.first_name = "Pupil" + std::to_string(i);
        ds.add(s);
        auto m = record_of<model::membership>(prefix + "m" + std::to_string(i), school);
        m.person = s.id;
        m.group = cls.id;
        ds.add(m);
    }
    auto c = record_of<model::course>(prefix + "c1", school);
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
    c.valid_from = model::date_from_days(today); // bounded: the school need not have a school year
    c.valid_until = model::date_from_days(today + 27);
    c.subject = subject.id;
    c.teachers = {teacher.id};
    c.classes = {cls.id};
    c.weekday = 1;
    c.start = {8 * 60};
    ds.add(c);
    // A one-off lesson today: in the class's feed whatever school year the school has, even
    // one that has ended (a hub checked in July).
    auto once = record_of<model::session>(prefix + "x1", school);
    once.day = model::date_from_days(today);
    once.start = {10 * 60};
    once.subject = subject.id;
    once.teachers = {teacher.id};
    once.classes = {cls.id};
    ds.add(once);
    return ds;
}

std::vector<std::string> keys_of(const model::dataset& ds) {
    std::vector<std::string> out;
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (const K& r : ds.all<K>()) out.push_back(std::string(K::kind) + "/" + r.id);
    });
    return out;
}

} // namespace

rapidjson::Document json_of(const message& m, const std::string& what) {
    rapidjson::Document d;
    if (interop::json::parse_bounded(m.body, d)) throw std::runtime_error(what + ": HTTP " + std::to_string(m.status) + ", not JSON: " + m.body.substr(0, 200));
    return d;
}

hub_session::hub_session(config c) : m_config(std::move(c)), m_http(m_config.base_url, m_config.verify_tls) {}

message hub_session::ask_token(const std::string& id, const std::string& secret) const {
    return m_http.send("POST", "/oauth/token",
                       {{"Authorization", "Basic " + base64(id + ":" + secret)}, {"Content-Type", "application/x-www-form-urlencoded"}},
                       "grant_type=client_credentials");
}

std::string hub_session::token(const client& c) {
    if (auto it = m_tokens.find(c.id); it != m_tokens.end()) return it->second;
    const auto answer = ask_token(c.id, c.secret);
    const auto d = json_of(answer, "token for " + c.id);
    if (answer.status != 200 || !d.IsObject() || !d.HasMember("access_token") || !d["access_token"].IsString())
        throw std::runtime_error("no token for client " + c.id + ": HTTP " + std::to_string(answer.status) + " " + answer.body.substr(0, 200));
    return m_tokens[c.id] = d["access_token"].GetString();
}

message hub_session::send_json(const client& c, const std::string& method, const std::string& target, const std::string& body) {
    auto headers = bearer(c);
    headers.emplace_back("Content-Type", "application/json");
    return m_http.send(method, target, headers, body);
}

rapidjson::Document hub_session::import_delta(const std::string& document, const std::string& what) {
    const auto& w = m_config.writer;
    const auto answer = send_json(w, "POST", "/v1/imports?school=" + w.school + "&format=json&name=" + what + ".json", document);
    auto report = json_of(answer, "import " + what);
    if (answer.status != 201 || !report.IsObject() || !report.HasMember("id"))
        throw std::runtime_error("import " + what + " refused: HTTP " + std::to_string(answer.status) + " " + answer.body.substr(0, 300));
    m_imports.push_back(report["id"].GetString());
    return report;
}

std::uint64_t hub_session::feed_head(const client& c) {
    std::uint64_t after = 0;
    for (const auto& page : feed_pages(c, 0, 1000)) after = page["next_after"].GetUint64();
    return after;
}

std::vector<rapidjson::Document> hub_session::feed_pages(const client& c, std::uint64_t after, int limit) {
    std::vector<rapidjson::Document> pages;
    for (;;) {
        const auto answer = get(c, "/v1/changes?after=" + std::to_string(after) + "&limit=" + std::to_string(limit));
        auto page = json_of(answer, "the change feed");
        if (answer.status != 200 || !page.IsObject() || !page.HasMember("changes") || !page["changes"].IsArray() ||
            !page.HasMember("next_after") || !page["next_after"].IsUint64())
            throw std::runtime_error("GET /v1/changes: HTTP " + std::to_string(answer.status) + " " + answer.body.substr(0, 200));
        const bool last = page["changes"].Empty() || page["next_after"].GetUint64() == after;
        after = page["next_after"].GetUint64();
        pages.push_back(std::move(page));
        if (last) return pages;
    }
}

const imported& hub_session::school() {
    if (m_school) return *m_school;
    const auto& w = m_config.writer;
    m_school.emplace();
    m_school->seq_before = feed_head(w);
    const auto ds = suite_school(w.school);
    m_school->records = keys_of(ds);
    for (const auto& s : ds.all<model::student>()) m_school->students.push_back(s.id);
    m_school->class_id = prefix + "6A";
    m_school->last_name = "Conformance";
    try {
        import_delta(interop::json::to_document(ds), "conformance-school");
    } catch (...) {
        m_school.reset();
        throw;
    }
    return *m_school;
}

void hub_session::forget_student(const std::string& id) {
    std::erase(m_school->students, id);
    std::erase(m_school->records, "student/" + id);
}

std::string hub_session::rename_delta(const std::string& id, const std::string& first, const std::string& school) const {
    auto ds = delta_of();
    auto s = record_of<model::student>(id, school.empty() ? m_config.writer.school : school);
    s.last_name = "Conformance";
    s.first_name = first;
    ds.add(s);
    return interop::json::to_document(ds);
}

std::string hub_session::delete_delta(const std::string& id) const {
    auto ds = delta_of();
    auto d = record_of<model::deletion>(prefix + "del-" + id, m_config.writer.school);
    d.target_kind = "student";
    d.target_id = id;
    ds.add(d);
    return interop::json::to_document(ds);
}

std::string hub_session::cleanup_delta() const {
    auto ds = delta_of();
    const auto school = suite_school(m_config.writer.school);
    int n = 0;
    model::for_each_kind([&]<class K>(std::type_identity<K>) {
        for (const K& r : school.all<K>()) {
            auto d = record_of<model::deletion>(prefix + "cleanup-" + std::to_string(++n), m_config.writer.school);
            d.target_kind = std::string(K::kind);
            d.target_id = r.id;
            ds.add(d);
        }
    });
    return interop::json::to_document(ds);
}

} // namespace conformance::api
