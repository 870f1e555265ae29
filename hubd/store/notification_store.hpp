#pragma once
/**
 * @file What hubd keeps for reaching families: per-school settings, releases of items held
 * from family-facing clients, notifications and their delivery, SMS spending. Part of the
 * store (store::notifications()); SQLite implements it in sqlite_notifications.cpp.
 */

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hubd {

using millis = std::int64_t;

/** A record that family-facing clients may see from `visible_at` on: the feed announces it again then. */
struct release_row {
    std::string school, kind, id;
    millis visible_at = 0;
};

/**
 * One message to one person through one channel. Status: `held` (waits for `send_at`: the right
 * to disconnect or a release delay), `pending` (due; retried after a failure), `sending`,
 * `sent` (the channel took it), `delivered` (a delivery report said so), `failed`,
 * `digest` (kept for the weekly digest), `digested` (went out in one).
 */
struct notification_row {
    std::string id, school;
    std::string event;          ///< absence, late, grade_released, …, school_message
    std::string subject_record; ///< `kind/id` it is about; empty for a school's own message
    std::string recipient, recipient_kind, channel, address, language;
    std::string subject, body;
    bool urgent = false;
    std::string reason, actor; ///< an urgent item's reason; who asked for it (client id, or "hub" for events)
    std::string status = "pending";
    std::string held_by; ///< what held it ("weekend", "grade release delay"), when it was held
    millis send_at = 0;
    int attempts = 0;
    std::string last_error, route;
    int segments = 0;
    std::int64_t cost_millicents = 0;
    std::string external_id; ///< the operator's id, to match a delivery report
    millis created_at = 0;
    std::optional<millis> sent_at, delivered_at;
};

struct notification_query {
    std::string school;         ///< empty: every school in `schools`
    std::vector<std::string> schools; ///< the caller's schools; empty with an empty school: all
    std::string status;         ///< empty: any
    std::string after_id;       ///< cursor
    std::size_t limit = 100;
};

/** What a school spent on SMS in one month through one route. */
struct sms_spending_row {
    std::string month, route; ///< month `YYYY-MM`
    std::uint64_t messages = 0, segments = 0;
    std::int64_t millicents = 0;
};

class notification_store {
public:
    notification_store() = default;
    notification_store(const notification_store&) = delete;
    notification_store& operator=(const notification_store&) = delete;
    virtual ~notification_store() = default;

    /** A school's named settings document and when it was set. */
    virtual std::optional<std::pair<std::string, millis>> school_setting(const std::string& school, const std::string& name) = 0;
    virtual void put_school_setting(const std::string& school, const std::string& name, const std::string& json, millis at) = 0;

    /** A named position in the change feed (0 when never set). */
    virtual std::uint64_t cursor(const std::string& name) = 0;
    /**
     * In one transaction: the notifications (one already there for the same event, record,
     * recipient and channel is kept, not doubled), the releases, and the cursor moved on.
     * Returns the notifications actually added.
     */
    virtual std::size_t commit_events(const std::vector<notification_row>& added, const std::vector<release_row>& releases,
                                      const std::string& cursor_name, std::uint64_t cursor) = 0;

    /** A school's own messages, in one transaction. */
    virtual void add_notifications(const std::vector<notification_row>& added) = 0;

    virtual std::vector<release_row> due_releases(millis now, std::size_t limit) = 0;
    virtual void drop_release(const release_row& r) = 0;

    /** Held or pending notifications whose time has come, oldest first, marked `sending`. */
    virtual std::vector<notification_row> claim_due(millis now, std::size_t limit) = 0;
    /** What `sending` was left by a crash goes back to `pending` (sent again: at least once). */
    virtual std::size_t requeue_sending() = 0;
    /** The earliest send time among held and pending notifications. */
    virtual std::optional<millis> next_due() = 0;
    /** Writes its state; a `sent` does not undo a delivery report's `delivered` or `failed` that came first. */
    virtual void update_notification(const notification_row& n) = 0;
    virtual std::optional<notification_row> notification(const std::string& id) = 0;
    virtual std::optional<notification_row> notification_by_external_id(const std::string& external_id) = 0;
    virtual std::vector<notification_row> notifications(const notification_query& q) = 0;
    /** A school's `digest` notifications created before `until`, per recipient in order. */
    virtual std::vector<notification_row> digest_items(const std::string& school, millis until) = 0;

    /**
     * Charges an SMS to the school's month if the month's total stays within `budget_millicents`
     * (a negative budget: no limit). Atomic: concurrent charges never exceed the budget together.
     */
    virtual bool charge_sms(const std::string& school, const std::string& month, const std::string& route, int segments,
                            std::int64_t millicents, std::int64_t budget_millicents) = 0;
    /** Gives back a charge for a message the operator never took. */
    virtual void refund_sms(const std::string& school, const std::string& month, const std::string& route, int segments,
                            std::int64_t millicents) = 0;
    virtual std::vector<sms_spending_row> sms_spending(const std::string& school) = 0;
};

} // namespace hubd
