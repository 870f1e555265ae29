// news items → the ENT news document: one thread per school and category (items without a
// category go to "Actualités"), each info a createInfo body whose thread_id is its thread's
// position in "threads", counted from 1 (the ids the ENT gives are only known once created),
// and the items' ids in "ids", in the order of "infos".

#include "ent_news_format.hpp"

#include <interop/adapter/support.hpp>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <map>
#include <ostream>

namespace interop::ent_news {
namespace {

int status_of(model::news_status s) {
    switch (s) {
    case model::news_status::draft: return draft;
    case model::news_status::pending: return pending;
    case model::news_status::published: return published;
    case model::news_status::archived: return trash;
    }
    return draft;
}

using json_writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

void member(json_writer& w, const char* name, const std::string& value) {
    w.Key(name);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

class news_writer : public io::record_sink {
public:
    explicit news_writer(std::ostream& out) : m_out(out) {}
    void on_record(model::any_record&& r) override { m_ds.add(std::move(r)); }

    void on_end() override {
        std::map<std::pair<std::string, std::string>, int> threads; // (school, title) → position from 1
        for (const auto& n : m_ds.all<model::news_item>()) threads.try_emplace({n.school, thread_title(n)}, 0);
        int position = 0;
        for (auto& [key, id] : threads) id = ++position;

        rapidjson::OStreamWrapper os(m_out);
        json_writer w(os);
        w.SetIndent(' ', 2);
        w.StartObject();
        w.Key("threads");
        w.StartArray();
        for (const auto& [key, id] : threads) thread(w, key.first, key.second);
        w.EndArray();
        w.Key("infos");
        w.StartArray();
        for (const auto& n : m_ds.all<model::news_item>()) info(w, n, threads.at({n.school, thread_title(n)}));
        w.EndArray();
        w.Key(ids_key); // beside the bodies, which may hold no id
        w.StartArray();
        for (const auto& n : m_ds.all<model::news_item>()) w.String(n.id.c_str(), static_cast<rapidjson::SizeType>(n.id.size()));
        w.EndArray();
        w.EndObject();
        m_out << '\n';
    }

private:
    static std::string thread_title(const model::news_item& n) { return n.category.value_or("Actualités"); }

    std::string school_name(const std::string& uai) const {
        for (const auto& s : m_ds.all<model::establishment>())
            if (s.uai == uai) return s.name;
        return uai;
    }

    void thread(json_writer& w, const std::string& school, const std::string& title) const {
        w.StartObject();
        member(w, "title", title);
        w.Key("mode");
        w.Int(1); // publication without moderation: our items arrive with their status
        w.Key("structure");
        w.StartObject();
        member(w, "id", school);
        member(w, "name", school_name(school));
        w.EndObject();
        w.EndObject();
    }

    static void info(json_writer& w, const model::news_item& n, int thread) {
        w.StartObject();
        member(w, "title", n.title);
        member(w, "content", n.body);
        w.Key("status");
        w.Int(status_of(n.status));
        member(w, "publication_date", ent_date(n.publish_from));
        if (n.publish_until) member(w, "expiration_date", ent_date(*n.publish_until));
        w.Key("is_headline");
        w.Bool(n.priority != model::priority::normal);
        w.Key("thread_id");
        w.Int(thread);
        w.EndObject();
    }

    std::ostream& m_out;
    model::dataset m_ds;
};

} // namespace

std::string ent_date(const model::date_time& t) { return model::to_string(model::date_time{t.day, t.seconds, std::nullopt}); }

std::unique_ptr<io::record_sink> make_writer(const std::filesystem::path& out, const io::write_options&) {
    return adapter_support::committing_writer(out, [](std::ostream& o) { return std::make_unique<news_writer>(o); });
}

} // namespace interop::ent_news
