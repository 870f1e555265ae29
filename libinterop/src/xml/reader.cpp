// libxml2 SAX2 push parsing with everything a hostile file could abuse switched off:
// no DTD loading, no entity but the predefined five, no network, no file access, no
// XML_PARSE_HUGE, and limits of our own on top of libxml2's.

#include <interop/errors.hpp>
#include <interop/xml/reader.hpp>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <cstring>
#include <istream>
#include <memory>
#include <mutex>

namespace interop::xml {

const std::string* element::attribute(std::string_view local_name) const {
    for (const auto& [key, value] : attributes)
        if (key == local_name) return &value;
    return nullptr;
}

const element* element::child(std::string_view local_name) const {
    for (const auto& c : children)
        if (c.name == local_name) return &c;
    return nullptr;
}

std::string_view element::child_text(std::string_view local_name) const {
    const element* c = child(local_name);
    return c ? std::string_view(c->text) : std::string_view();
}

namespace {

const char* str(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

/** Refuses every external entity, DTD or schema libxml2 would load, for any parser in the process. */
xmlParserInputPtr refuse_external(const char*, const char*, xmlParserCtxtPtr) { return nullptr; }

void harden_libxml2() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        xmlSetExternalEntityLoader(refuse_external);
    });
}

/** Parser state; libxml2 calls back into it through its C handlers. */
class sax_state {
public:
    sax_state(const std::string& file, const std::string& format, const events& ev, const limits& lim)
        : m_file(file), m_format(format), m_events(ev), m_limits(lim) {}

    xmlParserCtxtPtr ctxt = nullptr;

    void start(const xmlChar* local, const xmlChar* uri, int nb_attributes, const xmlChar** attrs) {
        if (depth() + 1 > m_limits.max_depth) return fail("nesting deeper than " + std::to_string(m_limits.max_depth) + " elements");
        if (static_cast<std::size_t>(nb_attributes) > m_limits.max_attributes)
            return fail("more than " + std::to_string(m_limits.max_attributes) + " attributes on <" + str(local) + ">");
        m_text_run = 0;
        if (m_streamed_depth > 0) {
            ++m_streamed_depth;
            return stream_start(local, nb_attributes, attrs);
        }
        if (!m_open.empty()) {
            // Inside a captured subtree the path is not needed: only the innermost open element
            // gains children, so the pointers held for its ancestors stay valid.
            m_open.back()->children.push_back(make_element(local, uri, nb_attributes, attrs));
            m_open.push_back(&m_open.back()->children.back());
            return;
        }
        m_path.emplace_back(str(local));
        const bool root_event = m_path.size() == 1 && m_events.on_root;
        const bool begins_capture = m_events.capture && m_events.capture(m_path);
        if (!root_event && !begins_capture) return;
        m_subtree_bytes = 0;
        if (root_event) m_events.on_root(make_element(local, uri, nb_attributes, attrs));
        if (!begins_capture) return;
        if (m_events.on_start) {
            m_streamed_depth = 1;
            return stream_start(local, nb_attributes, attrs);
        }
        m_subtree_bytes = 0;
        m_capture = make_element(local, uri, nb_attributes, attrs);
        m_open.push_back(&m_capture);
    }

    void end() {
        m_text_run = 0;
        if (m_streamed_depth > 0) {
            m_events.on_end();
            if (--m_streamed_depth == 0) m_path.pop_back();
            return;
        }
        if (m_open.empty()) {
            if (!m_path.empty()) m_path.pop_back();
            return;
        }
        m_open.pop_back();
        if (!m_open.empty()) return;
        m_path.pop_back(); // the captured element's own entry
        element done = std::move(m_capture);
        m_capture = {};
        m_events.on_element(std::move(done));
    }

    void text(const xmlChar* ch, int len) {
        const auto n = static_cast<std::size_t>(len);
        m_text_run += n;
        if (m_text_run > m_limits.max_text_bytes) return fail("a text node is longer than " + std::to_string(m_limits.max_text_bytes) + " bytes");
        if (m_streamed_depth > 0) {
            charge(n);
            if (!m_problem.empty()) return; // the parser is stopped: its buffers are gone
            return m_events.on_text({str(ch), n});
        }
        if (m_open.empty()) return;
        m_open.back()->text.append(str(ch), n);
        charge(n);
    }

    void comment(const xmlChar* value) {
        if (!capturing() && m_events.on_comment)
            m_events.on_comment(str(value), static_cast<std::uint64_t>(xmlSAX2GetLineNumber(ctxt)));
    }

    /** Records the first failure and stops the parser; the error is thrown once libxml2 returns. */
    void fail(const std::string& problem, std::uint64_t line = 0, std::uint64_t column = 0) {
        if (!m_problem.empty()) return;
        m_problem = problem;
        m_line = line ? line : static_cast<std::uint64_t>(xmlSAX2GetLineNumber(ctxt));
        m_column = column ? column : static_cast<std::uint64_t>(xmlSAX2GetColumnNumber(ctxt));
        xmlStopParser(ctxt);
    }

    /** Callbacks run inside C code: an exception is kept and rethrown after libxml2 returns. */
    template <class F> void guarded(F&& f) {
        if (m_exception || !m_problem.empty()) return;
        try {
            f();
        } catch (...) {
            m_exception = std::current_exception();
            xmlStopParser(ctxt);
        }
    }

    void raise_if_failed() const {
        if (m_exception) std::rethrow_exception(m_exception);
        if (!m_problem.empty()) throw parse_error({m_file, m_line, m_column}, m_format, m_problem);
    }

    bool capturing() const { return !m_open.empty() || m_streamed_depth > 0; }

private:
    /** Elements open: the path outside captures, plus those open inside one. */
    std::size_t depth() const {
        if (m_streamed_depth > 0) return m_path.size() + m_streamed_depth - 1;
        return m_path.size() + (m_open.empty() ? 0 : m_open.size() - 1);
    }

    void stream_start(const xmlChar* local, int nb_attributes, const xmlChar** attrs) {
        const std::string_view name = str(local);
        charge(name.size());
        if (!m_problem.empty()) return;
        m_attribute_views.clear();
        m_decoded_values.clear();
        m_decoded_values.reserve(static_cast<std::size_t>(nb_attributes)); // views into it stay valid
        for (int i = 0; i < nb_attributes; ++i) {
            const xmlChar** a = attrs + 5 * i; // localname, prefix, URI, value, end
            std::string_view value{str(a[3]), static_cast<std::size_t>(a[4] - a[3])};
            if (value.find(escaped_ampersand) != std::string_view::npos) value = m_decoded_values.emplace_back(attribute_value(value));
            m_attribute_views.push_back({str(a[0]), value});
            charge(m_attribute_views.back().name.size() + m_attribute_views.back().value.size());
        }
        if (!m_problem.empty()) return; // the parser is stopped: its buffers are gone
        m_events.on_start(name, m_attribute_views, static_cast<std::uint64_t>(xmlSAX2GetLineNumber(ctxt)));
    }

    element make_element(const xmlChar* local, const xmlChar* uri, int nb_attributes, const xmlChar** attrs) {
        element e;
        e.name = str(local);
        if (uri) e.ns = str(uri);
        e.line = static_cast<std::uint64_t>(xmlSAX2GetLineNumber(ctxt));
        charge(e.name.size());
        e.attributes.reserve(static_cast<std::size_t>(nb_attributes));
        for (int i = 0; i < nb_attributes; ++i) {
            const xmlChar** a = attrs + 5 * i; // localname, prefix, URI, value, end
            e.attributes.emplace_back(str(a[0]), attribute_value({str(a[3]), static_cast<std::size_t>(a[4] - a[3])}));
            charge(e.attributes.back().first.size() + e.attributes.back().second.size());
        }
        return e;
    }

    /**
     * libxml2 without entity substitution hands attribute values over with every `&` (written
     * `&amp;` or `&#38;`) as the text `&#38;`, so that a tree builder could parse them again;
     * every other reference is already resolved. Turned back into `&` here.
     */
    static constexpr std::string_view escaped_ampersand = "&#38;";
    static std::string attribute_value(std::string_view raw) {
        std::string out;
        out.reserve(raw.size());
        for (auto at = raw.find(escaped_ampersand); at != std::string_view::npos; at = raw.find(escaped_ampersand)) {
            out.append(raw.substr(0, at)).push_back('&');
            raw.remove_prefix(at + escaped_ampersand.size());
        }
        return out.append(raw);
    }

    void charge(std::size_t bytes) {
        m_subtree_bytes += bytes;
        if (m_subtree_bytes > m_limits.max_subtree_bytes)
            fail("element <" + (m_open.empty() ? m_path.back() : m_capture.name) + "> is larger than " + std::to_string(m_limits.max_subtree_bytes) + " bytes");
    }

    const std::string& m_file;
    const std::string& m_format;
    const events& m_events;
    const limits& m_limits;
    std::vector<std::string> m_path;
    element m_capture;
    std::vector<element*> m_open;
    std::size_t m_streamed_depth = 0; ///< elements open inside a streamed capture, itself included
    std::vector<attribute_view> m_attribute_views;
    std::vector<std::string> m_decoded_values; ///< attribute values that needed decoding, for the views
    std::size_t m_subtree_bytes = 0;
    std::size_t m_text_run = 0;
    std::string m_problem;
    std::uint64_t m_line = 0, m_column = 0;
    std::exception_ptr m_exception;
};

sax_state& state(void* ctx) { return *static_cast<sax_state*>(ctx); }

void on_start(void* ctx, const xmlChar* local, const xmlChar*, const xmlChar* uri, int, const xmlChar**, int nb_attributes, int,
              const xmlChar** attrs) {
    state(ctx).guarded([&] { state(ctx).start(local, uri, nb_attributes, attrs); });
}
void on_end(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) { state(ctx).guarded([&] { state(ctx).end(); }); }
void on_text(void* ctx, const xmlChar* ch, int len) { state(ctx).guarded([&] { state(ctx).text(ch, len); }); }
void on_comment(void* ctx, const xmlChar* value) { state(ctx).guarded([&] { state(ctx).comment(value); }); }

void on_entity_decl(void* ctx, const xmlChar* name, int, const xmlChar*, const xmlChar*, xmlChar*) {
    state(ctx).fail(std::string("entity declarations are refused (<!ENTITY ") + str(name) + ">)");
}
xmlEntityPtr on_get_entity(void* ctx, const xmlChar* name) {
    state(ctx).fail(std::string("entity references are refused (&") + str(name) + ";)");
    return nullptr;
}
xmlParserInputPtr on_resolve_entity(void* ctx, const xmlChar*, const xmlChar* system_id) {
    state(ctx).fail(std::string("external resources are refused (") + (system_id ? str(system_id) : "?") + ")");
    return nullptr;
}
void on_internal_subset(void*, const xmlChar*, const xmlChar*, const xmlChar*) {} // a DOCTYPE is accepted and ignored

void on_error(void* ctx, xmlErrorPtr error) {
    if (error->level < XML_ERR_ERROR) return;
    std::string message = error->message ? error->message : "malformed XML";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    state(ctx).fail(message, static_cast<std::uint64_t>(error->line), static_cast<std::uint64_t>(error->int2));
}

xmlSAXHandler handler() {
    xmlSAXHandler sax;
    std::memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    sax.comment = on_comment;
    sax.entityDecl = on_entity_decl;
    sax.getEntity = on_get_entity;
    sax.getParameterEntity = on_get_entity;
    sax.resolveEntity = on_resolve_entity;
    sax.internalSubset = on_internal_subset;
    sax.serror = on_error;
    return sax;
}

struct ctxt_free {
    void operator()(xmlParserCtxtPtr c) const {
        if (c->myDoc) xmlFreeDoc(c->myDoc);
        xmlFreeParserCtxt(c);
    }
};

constexpr int parse_options = XML_PARSE_NONET; // never NOENT, DTDLOAD, DTDATTR, DTDVALID or HUGE

} // namespace

void read(std::istream& in, const std::string& file, const std::string& format, const events& ev, const limits& lim) {
    harden_libxml2();
    sax_state st(file, format, ev, lim);
    xmlSAXHandler sax = handler();
    std::vector<char> buffer(1 << 16);
    in.read(buffer.data(), 4);
    std::uint64_t total = static_cast<std::uint64_t>(in.gcount());
    std::unique_ptr<xmlParserCtxt, ctxt_free> ctxt(
        xmlCreatePushParserCtxt(&sax, &st, buffer.data(), static_cast<int>(in.gcount()), file.c_str()));
    if (!ctxt) throw parse_error({file}, format, "cannot create an XML parser");
    st.ctxt = ctxt.get();
    xmlCtxtUseOptions(ctxt.get(), parse_options);
    while (st.ctxt && in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        total += n;
        if (total > lim.max_input_bytes) st.fail("input larger than " + std::to_string(lim.max_input_bytes) + " bytes");
        st.raise_if_failed();
        if (n == 0) break;
        xmlParseChunk(ctxt.get(), buffer.data(), static_cast<int>(n), 0);
        st.raise_if_failed();
    }
    xmlParseChunk(ctxt.get(), nullptr, 0, 1);
    st.raise_if_failed();
    if (!ctxt->wellFormed) throw parse_error({file, static_cast<std::uint64_t>(xmlSAX2GetLineNumber(ctxt.get()))}, format, "malformed XML");
    if (st.capturing()) throw parse_error({file}, format, "the file ends inside an element");
}

} // namespace interop::xml
