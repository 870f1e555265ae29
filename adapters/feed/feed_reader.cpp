// RSS 2.0 items and Atom entries → news items. Bodies are sanitised; what the model has no
// field for (the feed's author name, the item's link) is kept in extensions.

#include "feed_format.hpp"

#include "../common/percent_codec.hpp"
#include "../common/stable_id.hpp"

#include <interop/adapter/support.hpp>
#include <interop/errors.hpp>
#include <interop/text/html.hpp>

#include <array>

namespace interop::feed {
namespace {

using adapter_support::emit;
using adapter_support::new_record;
using adapter_support::trimmed;

/** The text of an element and of everything inside it, in document order as far as the tree keeps it. */
std::string all_text(const xml::element& e) {
    std::string out = e.text;
    for (const auto& c : e.children) out += all_text(c);
    return out;
}

std::string last_segment(std::string_view url) {
    auto path = url.substr(0, url.find_first_of("?#"));
    auto slash = path.rfind('/');
    auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return name.empty() ? std::string(url) : percent_codec::decode(name);
}

class feed_mapper {
public:
    feed_mapper(io::record_sink& sink, diagnostics& diags, const read_options& opt, std::string file, std::string format)
        : m_sink(sink), m_diags(diags), m_school(opt.school), m_file(std::move(file)), m_format(std::move(format)) {}

    /** A child of `channel` (RSS) or of `feed` (Atom). */
    void element(const xml::element& e) {
        if (e.name == "item" || (e.name == "entry" && e.ns == atom_ns)) return item(e);
        if (e.name == "pubDate" || e.name == "lastBuildDate") m_channel_date = parse_rfc822(e.text);
    }

private:
    model::provenance at(std::uint64_t line) const { return {m_format, m_file, line}; }

    void warn(std::uint64_t line, const std::string& code, const std::string& message) {
        m_diags.add(severity::warning, code, "", message, {m_file, line, 0});
    }

    std::optional<model::date_time> date_of(const xml::element& e, bool atom) {
        static constexpr std::array<std::string_view, 2> atom_dates{"published", "updated"}, rss_dates{"pubDate", "date"};
        for (std::string_view name : atom ? atom_dates : rss_dates) {
            const auto* c = e.child(name);
            if (!c) continue;
            auto t = name == "pubDate" ? parse_rfc822(c->text) : model::parse_date_time(trimmed(c->text));
            if (t) return t;
            warn(c->line, "feed.date", "<" + std::string(name) + "> '" + c->text + "' is not a date");
        }
        return m_channel_date;
    }

    /** Plain text; an Atom title of type html is rendered as text. */
    static std::string title_of(const xml::element& e) {
        const auto* t = e.child("title");
        if (!t) return {};
        const auto* type = t->attribute("type");
        return trimmed(type && *type == "html" ? text::html_to_text(t->text) : all_text(*t));
    }

    std::string body_of(const xml::element& e, bool atom) {
        if (!atom) {
            for (const auto& c : e.children)
                if (c.name == "encoded" && c.ns == content_ns) return text::sanitize_html(c.text);
            return text::sanitize_html(e.child_text("description"));
        }
        const auto* c = e.child("content");
        if (!c) c = e.child("summary");
        if (!c) return {};
        const auto* type = c->attribute("type");
        if (!type || *type == "text") return text::text_to_html(c->text);
        if (*type == "html") return text::sanitize_html(c->text);
        if (*type == "xhtml") {
            warn(c->line, "feed.xhtml", "xhtml content read as its text: inline markup left out");
            return text::text_to_html(trimmed(all_text(*c)));
        }
        warn(c->line, "feed.content-type", "content of type '" + *type + "' (out of line or binary) left out");
        return {};
    }

    void links(const xml::element& e, bool atom, model::news_item& n) {
        for (const auto& c : e.children) {
            if (!atom && c.name == "enclosure" && c.attribute("url")) {
                model::attachment a{last_segment(*c.attribute("url")), *c.attribute("url"), {}};
                if (const auto* type = c.attribute("type")) a.media_type = *type;
                n.attachments.push_back(std::move(a));
            } else if (!atom && c.name == "link" && c.ns.empty()) {
                n.extensions["feed:link"] = trimmed(c.text);
            } else if (atom && c.name == "link" && c.attribute("href")) {
                const auto* rel = c.attribute("rel");
                const auto& href = *c.attribute("href");
                if (rel && *rel == "enclosure") {
                    const auto* title = c.attribute("title");
                    model::attachment a{title ? *title : last_segment(href), href, {}};
                    if (const auto* type = c.attribute("type")) a.media_type = *type;
                    n.attachments.push_back(std::move(a));
                } else if (!rel || *rel == "alternate") {
                    n.extensions["feed:link"] = href;
                }
            }
        }
    }

    /** Our namespace's elements, and the author and category the feeds name. */
    void details(const xml::element& e, bool atom, model::news_item& n) {
        for (const auto& c : e.children) {
            if (c.ns == hub_ns) hub_detail(c, n);
            else if (c.name == "category" && !n.category) {
                const auto* term = atom ? c.attribute("term") : nullptr;
                n.category = trimmed(term ? *term : c.text);
            } else if ((c.name == "author" || (c.name == "creator" && c.ns == dc_ns)) && !n.extensions.count("feed:author")) {
                n.extensions["feed:author"] = trimmed(atom ? c.child_text("name") : c.text);
            }
        }
        if (n.category && n.category->empty()) n.category.reset();
    }

    void hub_detail(const xml::element& c, model::news_item& n) {
        const auto value = trimmed(c.text);
        if (c.name == "school") n.school = value;
        else if (c.name == "author") n.author = value;
        else if (c.name == "audience") n.audience.push_back(value);
        else if (c.name == "until") {
            n.publish_until = model::parse_date_time(value);
            if (!n.publish_until) warn(c.line, "feed.date", "<until> '" + value + "' is not a date");
        } else if (c.name == "priority" || c.name == "status") {
            bool ok = c.name == "priority" ? assign(n.priority, value) : assign(n.status, value);
            if (!ok) warn(c.line, "feed.value", "<" + c.name + "> '" + value + "' is not known: left as " +
                                                    std::string(c.name == "priority" ? "normal" : "published"));
        }
    }

    template <class E> static bool assign(E& field, const std::string& value) {
        auto parsed = model::parse_enum<E>(value);
        if (parsed) field = *parsed;
        return parsed.has_value();
    }

    std::string id_of(const xml::element& e, bool atom, const model::news_item& n, const model::date_time& when) {
        auto id = trimmed(e.child_text(atom ? "id" : "guid"));
        if (atom && id.rfind(atom_id_prefix, 0) == 0) return percent_codec::decode(id.substr(atom_id_prefix.size()));
        if (id.empty() && n.extensions.count("feed:link")) id = n.extensions.at("feed:link");
        return id.empty() ? stable_id::of("item", {n.title, model::to_string(when)}) : id;
    }

    void item(const xml::element& e) {
        const bool atom = e.name == "entry";
        auto when = date_of(e, atom);
        if (!when) {
            m_diags.add(severity::warning, "feed.no-date", "", "item '" + std::string(trimmed(e.child_text("title"))) +
                                                                   "' has no date and the feed none either: left out", {m_file, e.line, 0});
            return;
        }
        auto n = new_record<model::news_item>("", m_school, at(e.line));
        n.title = title_of(e);
        n.body = body_of(e, atom);
        n.publish_from = *when;
        n.status = model::news_status::published;
        links(e, atom, n);
        details(e, atom, n);
        n.id = id_of(e, atom, n, *when);
        emit(m_sink, std::move(n));
    }

    io::record_sink& m_sink;
    diagnostics& m_diags;
    std::string m_school, m_file, m_format;
    std::optional<model::date_time> m_channel_date;
};

class feed_reader : public reader {
public:
    explicit feed_reader(read_options opt) : m_opt(std::move(opt)) {}

    void read(const io::input& in, io::record_sink& sink, diagnostics& diags) override {
        const bool atom = in.head(adapter_support::only_entry(in, rss_name), 4096).find("<rss") == std::string::npos;
        const std::string format = atom ? atom_name : rss_name;
        adapter_support::single_xml_reading reading(in, format, sink);
        feed_mapper mapper(reading.records(), diags, m_opt, reading.file(), format);
        xml::events ev;
        ev.capture = [atom](const std::vector<std::string>& path) {
            return atom ? path.size() == 2 && path[0] == "feed" : path.size() == 3 && path[0] == "rss" && path[1] == "channel";
        };
        ev.on_element = [&](xml::element&& e) { mapper.element(e); };
        ev.on_root = [&](const xml::element& root) {
            if (atom ? (root.name != "feed" || root.ns != atom_ns) : root.name != "rss")
                throw parse_error({reading.file(), root.line, 0}, format, "root element <" + root.name + "> is not " + (atom ? "an Atom <feed>" : "<rss>"));
        };
        reading.run(ev, m_opt, [] {});
    }

private:
    read_options m_opt;
};

} // namespace

std::unique_ptr<reader> make_reader(const read_options& opt) { return std::make_unique<feed_reader>(opt); }

} // namespace interop::feed
