// news items → RSS 2.0 or Atom. Items in dataset order; bodies as escaped HTML; what the feeds
// have no element for in our namespace, so that our reader gets it back.

#include "feed_format.hpp"

#include "../common/percent_codec.hpp"
#include "../common/xml_text.hpp"

#include <interop/adapter/support.hpp>

#include <ostream>

namespace interop::feed {
namespace {

using xml_text::escaped;

/** What both feeds write the same way: the dataset, the school and our namespace's elements. */
class feed_writer : public io::record_sink {
public:
    explicit feed_writer(std::ostream& out) : m_out(out) {}
    void on_record(model::any_record&& r) override { m_ds.add(std::move(r)); }

protected:
    const std::vector<model::news_item>& items() const { return m_ds.all<model::news_item>(); }

    std::string school() const {
        for (const auto& n : items())
            if (!n.school.empty()) return n.school;
        return m_ds.all<model::establishment>().empty() ? "" : m_ds.all<model::establishment>().front().uai;
    }
    std::string title() const {
        const auto uai = school();
        for (const auto& s : m_ds.all<model::establishment>())
            if (s.uai == uai) return "Actualités — " + s.name;
        return "Actualités" + (uai.empty() ? "" : " — " + uai);
    }
    /** The latest publication date, or nullopt without items. */
    std::optional<model::date_time> latest() const {
        std::optional<model::date_time> out;
        for (const auto& n : items())
            if (!out || model::before(*out, n.publish_from)) out = n.publish_from;
        return out;
    }

    void hub_elements(const model::news_item& n) {
        auto line = [&](std::string_view name, std::string_view value) { xml_text::element(m_out, 3, "ih:" + std::string(name), value); };
        if (!n.school.empty()) line("school", n.school);
        if (n.author) line("author", *n.author);
        for (const auto& a : n.audience) line("audience", a);
        if (n.publish_until) line("until", model::to_string(*n.publish_until));
        if (n.priority != model::priority::normal) line("priority", model::to_string(n.priority));
        if (n.status != model::news_status::published) line("status", model::to_string(n.status));
    }

    std::ostream& m_out;

private:
    model::dataset m_ds;
};

class rss_writer : public feed_writer {
public:
    using feed_writer::feed_writer;

    void on_end() override {
        m_out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:ih=\"" << hub_ns << "\">\n  <channel>\n";
        xml_text::element(m_out, 2, "title", title());
        xml_text::element(m_out, 2, "link", "urn:uai:" + school());
        xml_text::element(m_out, 2, "description", title());
        xml_text::element(m_out, 2, "generator", "Interop Hub");
        if (auto last = latest()) xml_text::element(m_out, 2, "lastBuildDate", to_rfc822(*last));
        for (const auto& n : items()) item(n);
        m_out << "  </channel>\n</rss>\n";
    }

private:
    void item(const model::news_item& n) {
        m_out << "    <item>\n";
        xml_text::element(m_out, 3, "title", n.title);
        if (auto link = n.extensions.find("feed:link"); link != n.extensions.end()) xml_text::element(m_out, 3, "link", link->second);
        xml_text::element(m_out, 3, "description", n.body);
        if (n.category) xml_text::element(m_out, 3, "category", *n.category);
        m_out << "      <guid isPermaLink=\"false\">" << escaped(n.id) << "</guid>\n";
        xml_text::element(m_out, 3, "pubDate", to_rfc822(n.publish_from));
        for (const auto& a : n.attachments)
            m_out << "      <enclosure url=\"" << escaped(a.url) << "\" length=\"0\" type=\"" << escaped(a.media_type.value_or("application/octet-stream")) << "\"/>\n";
        hub_elements(n);
        m_out << "    </item>\n";
    }
};

class atom_writer : public feed_writer {
public:
    using feed_writer::feed_writer;

    void on_end() override {
        m_out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"" << atom_ns << "\" xmlns:ih=\"" << hub_ns << "\">\n";
        xml_text::element(m_out, 1, "id", "urn:uai:" + school());
        xml_text::element(m_out, 1, "title", title());
        xml_text::element(m_out, 1, "updated", model::to_string(latest().value_or(model::date_time{{1970, 1, 1}, 0, 0})));
        m_out << "  <author><name>" << escaped(title()) << "</name></author>\n  <generator>Interop Hub</generator>\n";
        for (const auto& n : items()) entry(n);
        m_out << "</feed>\n";
    }

private:
    void entry(const model::news_item& n) {
        m_out << "  <entry>\n";
        xml_text::element(m_out, 2, "id", std::string(atom_id_prefix) + percent_codec::encode(n.id, "-._~"));
        xml_text::element(m_out, 2, "title", n.title);
        xml_text::element(m_out, 2, "published", model::to_string(n.publish_from));
        xml_text::element(m_out, 2, "updated", model::to_string(n.publish_from));
        m_out << "    <content type=\"html\">" << escaped(n.body) << "</content>\n";
        if (n.category) m_out << "    <category term=\"" << escaped(*n.category) << "\"/>\n";
        if (auto link = n.extensions.find("feed:link"); link != n.extensions.end())
            m_out << "    <link rel=\"alternate\" href=\"" << escaped(link->second) << "\"/>\n";
        for (const auto& a : n.attachments) {
            m_out << "    <link rel=\"enclosure\" href=\"" << escaped(a.url) << "\" title=\"" << escaped(a.name) << '"';
            if (a.media_type) m_out << " type=\"" << escaped(*a.media_type) << '"';
            m_out << "/>\n";
        }
        hub_elements(n);
        m_out << "  </entry>\n";
    }
};

} // namespace

std::unique_ptr<io::record_sink> make_rss_writer(const std::filesystem::path& out, const io::write_options&) {
    return adapter_support::committing_writer(out, [](std::ostream& o) { return std::make_unique<rss_writer>(o); });
}

std::unique_ptr<io::record_sink> make_atom_writer(const std::filesystem::path& out, const io::write_options&) {
    return adapter_support::committing_writer(out, [](std::ostream& o) { return std::make_unique<atom_writer>(o); });
}

} // namespace interop::feed
