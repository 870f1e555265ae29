#include "pipeline.hpp"

#include <interop/errors.hpp>

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace interop::aaf {
namespace {

constexpr std::size_t batch_size = 128;
constexpr std::size_t batches_in_flight = 4;

struct batch {
    std::vector<request> requests = std::vector<request>(batch_size);
    std::size_t count = 0;
    std::vector<std::pair<std::size_t, std::string>> comments; ///< each before the request of that index
};

/** A blocking queue of batches that can be closed from either side. */
class channel {
public:
    void push(std::unique_ptr<batch> b) {
        std::lock_guard lock(m_mutex);
        m_items.push_back(std::move(b));
        m_ready.notify_one();
    }
    /** The next batch, or nullptr once closed and empty. */
    std::unique_ptr<batch> pop() {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [&] { return !m_items.empty() || m_closed; });
        if (m_items.empty()) return nullptr;
        auto b = std::move(m_items.front());
        m_items.pop_front();
        return b;
    }
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_ready.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::unique_ptr<batch>> m_items;
    bool m_closed = false;
};

struct stopped {}; // thrown inside the parser when the consumer has gone

/** The worker side: parses into batches, sends them full, takes them back empty. */
class producer {
public:
    producer(const std::string& file, channel& full, channel& empty) : m_builder(file), m_full(full), m_empty(empty) {}

    void run(std::istream& in, const std::string& file, const xml::limits& lim) {
        try {
            m_current = next_batch();
            xml::events ev;
            ev.capture = [](const std::vector<std::string>& path) { return path.size() == 2; };
            ev.on_root = [&](const xml::element& root) {
                if (root.name != "ficAlimMENESR")
                    throw parse_error({file, root.line, 0}, "aaf", "root element is <" + root.name + ">, not <ficAlimMENESR>");
            };
            ev.on_comment = [&](std::string_view text, std::uint64_t) { m_current->comments.emplace_back(m_current->count, text); };
            ev.on_start = [&](std::string_view name, const std::vector<xml::attribute_view>& attributes, std::uint64_t line) {
                if (m_builder.idle()) m_builder.begin(m_current->requests[m_current->count]);
                m_builder.start(name, attributes, line);
            };
            ev.on_text = [&](std::string_view text) { m_builder.text(text); };
            ev.on_end = [&] {
                if (!m_builder.end()) return;
                if (++m_current->count == batch_size) send();
            };
            xml::read(in, file, "aaf", ev, lim);
            m_full.push(std::move(m_current));
        } catch (const stopped&) {
        } catch (...) {
            m_error = std::current_exception();
        }
        m_full.close();
    }

    std::exception_ptr error() const { return m_error; }

private:
    std::unique_ptr<batch> next_batch() {
        if (m_made < batches_in_flight) {
            ++m_made;
            return std::make_unique<batch>();
        }
        auto b = m_empty.pop();
        if (!b) throw stopped{};
        b->count = 0;
        b->comments.clear();
        return b;
    }
    void send() {
        m_full.push(std::move(m_current));
        m_current = next_batch();
    }

    request_builder m_builder;
    channel& m_full;
    channel& m_empty;
    std::unique_ptr<batch> m_current;
    std::size_t m_made = 0;
    std::exception_ptr m_error;
};

} // namespace

void read_requests(std::istream& in, const std::string& file, const xml::limits& lim, const file_handlers& handlers) {
    channel full, empty;
    producer worker(file, full, empty);
    std::thread thread([&] { worker.run(in, file, lim); });
    // Whatever happens here, the worker is told to stop and joined before returning.
    struct joiner {
        channel& empty;
        std::thread& thread;
        ~joiner() {
            empty.close();
            thread.join();
        }
    } join{empty, thread};
    while (auto b = full.pop()) {
        std::size_t comment = 0;
        for (std::size_t i = 0; i <= b->count; ++i) {
            for (; comment < b->comments.size() && b->comments[comment].first == i; ++comment) handlers.on_comment(b->comments[comment].second);
            if (i < b->count) handlers.on_request(b->requests[i]);
        }
        empty.push(std::move(b));
    }
    if (worker.error()) std::rethrow_exception(worker.error());
}

} // namespace interop::aaf
