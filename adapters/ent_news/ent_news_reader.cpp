// ENT news JSON → news items. Threads become the items' category; the module's owner and
// thread ids are kept in extensions; contents are sanitised.

#include "ent_news_format.hpp"

#include "../common/stable_id.hpp"

#include "json/bounded_parse.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>
#include <interop/text/html.hpp>
#include <interop/validate/validate.hpp>

#include <algorithm>
#include <map>

namespace interop::ent_news {
namespace {

using adapter_support::emit;
using adapter_support::new_record;

/** The member named in the request bodies (snake_case) or in the v1 API's listings (camelCase). */
rapidjson::Value::ConstMemberIterator find(const rapidjson::Value& v, const char* name) {
    static const std::map<std::string_view, const char*> camel{{"publication_date", "publicationDate"}, {"expiration_date", "expirationDate"},
                                                               {"is_headline", "headline"}, {"thread_id", "threadId"}};
    auto it = v.FindMember(name);
    if (it != v.MemberEnd()) return it;
    auto other = camel.find(name);
    return other == camel.end() ? v.MemberEnd() : v.FindMember(other->second);
}

std::string text_member(const rapidjson::Value& v, const char* name) {
    auto it = find(v, name);
    if (it == v.MemberEnd()) return {};
    if (it->value.IsString()) return it->value.GetString();
    if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
    return {};
}

std::optional<std::int64_t> int_member(const rapidjson::Value& v, const char* name) {
    auto it = find(v, name);
    if (it == v.MemberEnd()) return std::nullopt;
    if (it->value.IsInt64()) return it->value.GetInt64();
    if (it->value.IsString()) {
        auto n = adapter_support::small_number(it->value.GetString());
        if (n) return *n;
    }
    return std::nullopt;
}

/** The module's dates: `2025-11-18T10:30:00`, with fractions or an offset sometimes, or `2025-11-18 10:30:00`. */
std::optional<model::date_time> ent_time(std::string text) {
    if (text.size() > 10 && text[10] == ' ') text[10] = 'T';
    if (auto dot = text.find('.'); dot != std::string::npos && dot > 10) {
        auto end = text.find_first_of("Z+-", dot);
        text.erase(dot, end == std::string::npos ? std::string::npos : end - dot);
    }
    if (auto t = model::parse_date_time(text)) return t;
    if (auto d = model::parse_date(text)) return model::date_time{*d, 0, std::nullopt};
    return std::nullopt;
}

class news_mapper {
public:
    news_mapper(io::record_sink& sink, diagnostics& diags, std::string school, std::string file)
        : m_sink(sink), m_diags(diags), m_school(std::move(school)), m_file(std::move(file)) {}

    void thread(const rapidjson::Value& t, std::size_t position) {
        const auto id = int_member(t, "id").value_or(static_cast<std::int64_t>(position + 1));
        std::string school;
        if (auto s = t.FindMember("structure"); s != t.MemberEnd() && s->value.IsObject()) {
            school = text_member(s->value, "id"); // ENT structures are UUIDs; ours carry the UAI
            if (check_uai(school) == uai_status::malformed) school.clear();
        }
        m_threads[id] = {text_member(t, "title"), school};
    }

    /** Ids our writer lists beside the bodies, by position in `infos`. */
    void ids(const rapidjson::Value& list) {
        for (const auto& id : list.GetArray()) m_ids.push_back(id.IsString() ? id.GetString() : "");
    }

    void info(const rapidjson::Value& v, std::size_t position) {
        const auto where = "infos[" + std::to_string(position) + "]";
        if (!v.IsObject()) return warn("ent-news.shape", where + " is not an object: left out");
        auto when = ent_time(text_member(v, "publication_date"));
        if (!when) when = ent_time(text_member(v, "created"));
        if (!when) return warn("ent-news.no-date", where + " '" + text_member(v, "title") + "' has no publication or creation date: left out");
        auto n = new_record<model::news_item>("", m_school, {format_name, m_file, 0});
        n.title = text_member(v, "title");
        n.body = text::sanitize_html(text_member(v, "content"));
        n.publish_from = *when;
        if (auto until = text_member(v, "expiration_date"); !until.empty()) {
            n.publish_until = ent_time(until);
            if (!n.publish_until) warn("ent-news.date", where + " expiration_date '" + until + "' is not a date: left out");
        }
        n.status = status_of(v, where);
        if (auto h = find(v, "is_headline"); h != v.MemberEnd() && h->value.IsBool() && h->value.GetBool()) n.priority = model::priority::important;
        if (auto thread = int_member(v, "thread_id")) {
            n.extensions["ent:thread_id"] = std::to_string(*thread);
            auto known = m_threads.find(*thread);
            if (known != m_threads.end() && !known->second.title.empty()) n.category = known->second.title;
            if (known != m_threads.end() && n.school.empty()) n.school = known->second.school;
        }
        if (auto t = text_member(v, "thread_title"); !t.empty()) n.category = t;
        if (auto owner = v.FindMember("owner"); owner != v.MemberEnd() && owner->value.IsObject()) {
            if (auto name = text_member(owner->value, "displayName"); !name.empty()) n.extensions["ent:owner"] = name;
        }
        auto id = text_member(v, "id");
        if (id.empty()) id = text_member(v, "_id");
        if (id.empty() && position < m_ids.size()) id = m_ids[position];
        n.id = id.empty() ? stable_id::of("info", {n.title, model::to_string(n.publish_from)}) : id;
        emit(m_sink, std::move(n));
    }

private:
    /** `status` as the module's number, or its name in the v1 API (TRASH, DRAFT, PENDING, PUBLISHED). */
    model::news_status status_of(const rapidjson::Value& v, const std::string& where) {
        static const std::map<std::string, std::int64_t> names{{"TRASH", trash}, {"DRAFT", draft}, {"PENDING", pending}, {"PUBLISHED", published}};
        auto status = int_member(v, "status");
        if (auto name = names.find(text_member(v, "status")); name != names.end()) status = name->second;
        else if (!status && !text_member(v, "status").empty()) status = -1;
        switch (status.value_or(published)) {
        case trash: return model::news_status::archived;
        case draft: return model::news_status::draft;
        case pending: return model::news_status::pending;
        case published: return model::news_status::published;
        default: warn("ent-news.status", where + " status '" + text_member(v, "status") + "' is not known: read as draft"); return model::news_status::draft;
        }
    }

    void warn(const std::string& code, const std::string& message) { m_diags.add(severity::warning, code, "", message, {m_file, 0, 0}); }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    std::string m_school, m_file;
    struct thread_info {
        std::string title, school;
    };
    std::map<std::int64_t, thread_info> m_threads;
    std::vector<std::string> m_ids;
};

std::string read_all(std::istream& in, std::uint64_t limit, const std::string& file) {
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > limit) throw parse_error({file, 0, 0}, format_name, "file larger than " + std::to_string(limit) + " bytes");
    }
    return text;
}

class news_reader : public reader {
public:
    explicit news_reader(read_options opt) : m_opt(std::move(opt)) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        const auto& entry = adapter_support::only_entry(in, format_name);
        const auto file = in.describe(entry);
        const auto text = read_all(*in.open_entry(entry), std::min<std::uint64_t>(m_opt.max_input_bytes, m_opt.max_record_bytes), file);
        rapidjson::Document doc;
        if (auto failure = json::detail::parse_bounded(text, doc, m_opt.max_depth))
            throw parse_error({file, failure->line, 0}, format_name, failure->message);
        model::metadata meta;
        meta.source = format_name;
        sink.on_metadata(meta);
        news_mapper mapper(sink, diags, m_opt.school, file);
        map_document(doc, mapper, file);
        sink.on_end();
    }

private:
    static void map_document(const rapidjson::Document& doc, news_mapper& mapper, const std::string& file) {
        auto each = [](const rapidjson::Value& array, auto&& f) {
            for (rapidjson::SizeType i = 0; i < array.Size(); ++i) f(array[i], i);
        };
        if (doc.IsArray()) return each(doc, [&](const rapidjson::Value& v, std::size_t i) { mapper.info(v, i); });
        if (!doc.IsObject()) throw parse_error({file, 1, 0}, format_name, "expected an object or an array of infos");
        auto threads = doc.FindMember("threads");
        auto infos = doc.FindMember("infos");
        if (infos == doc.MemberEnd()) return mapper.info(doc, 0); // one request body
        if (!infos->value.IsArray() || (threads != doc.MemberEnd() && !threads->value.IsArray()))
            throw parse_error({file, 1, 0}, format_name, "\"threads\" and \"infos\" must be arrays");
        if (auto ids = doc.FindMember(ids_key); ids != doc.MemberEnd() && ids->value.IsArray()) mapper.ids(ids->value);
        if (threads != doc.MemberEnd())
            each(threads->value, [&](const rapidjson::Value& v, std::size_t i) {
                if (v.IsObject()) mapper.thread(v, i);
            });
        each(infos->value, [&](const rapidjson::Value& v, std::size_t i) { mapper.info(v, i); });
    }

    read_options m_opt;
};

} // namespace

std::unique_ptr<reader> make_reader(const read_options& opt) { return std::make_unique<news_reader>(opt); }

} // namespace interop::ent_news
