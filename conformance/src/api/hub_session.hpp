#pragma once
/**
 * @file The api suite's view of a hub: tokens per client, JSON requests, and the small school
 * the suite writes (a class, five pupils, a teacher, a lesson; every id starts `conformance-`)
 * through delta imports, so that a hub in service keeps the rest of the school's data.
 */

#include "api/config.hpp"
#include "api/http.hpp"

#include <rapidjson/document.h>

#include <map>
#include <optional>
#include <vector>

namespace conformance::api {

/** The answer as JSON. @throws std::runtime_error naming `what` and the status when it is not. */
rapidjson::Document json_of(const message& m, const std::string& what);

/** What the suite imported. */
struct imported {
    std::uint64_t seq_before = 0;          ///< the writer's feed head before the first import
    std::vector<std::string> records;      ///< `kind/id` of every record the first import created
    std::vector<std::string> students;     ///< ids of the pupils
    std::string class_id, last_name;
};

class hub_session {
public:
    explicit hub_session(config c);

    const config& settings() const { return m_config; }
    const http_client& http() const { return m_http; }

    /** The client's bearer token (asked once). @throws std::runtime_error with the hub's answer when refused. */
    std::string token(const client& c);
    header_list bearer(const client& c) { return {{"Authorization", "Bearer " + token(c)}}; }
    message get(const client& c, const std::string& target) { return m_http.get(target, bearer(c)); }
    message send_json(const client& c, const std::string& method, const std::string& target, const std::string& body);

    /** `POST /oauth/token` with client credentials in HTTP Basic. */
    message ask_token(const std::string& id, const std::string& secret) const;

    /** The suite's school, imported on first use. @throws std::runtime_error when the import is refused. */
    const imported& school();
    /** Takes a pupil the suite deleted out of the suite's school. */
    void forget_student(const std::string& id);
    /** Every import the suite made, in order. */
    const std::vector<std::string>& import_ids() const { return m_imports; }
    /** Imports a canonical delta document for the writer's school; returns the import's report. */
    rapidjson::Document import_delta(const std::string& document, const std::string& what);
    /** The writer's feed from `after` to its head, every page followed. */
    std::vector<rapidjson::Document> feed_pages(const client& c, std::uint64_t after, int limit);
    /** The last sequence number the writer sees. */
    std::uint64_t feed_head(const client& c);

    /** A delta renaming pupil `id` (first name `first`) of `school` (the writer's when empty). */
    std::string rename_delta(const std::string& id, const std::string& first, const std::string& school = {}) const;
    /** A delta deleting pupil `id`. */
    std::string delete_delta(const std::string& id) const;
    /** A delta deleting everything the suite created (what remains of it). */
    std::string cleanup_delta() const;

private:
    config m_config;
    http_client m_http;
    std::map<std::string, std::string> m_tokens;
    std::optional<imported> m_school;
    std::vector<std::string> m_imports;
};

} // namespace conformance::api
