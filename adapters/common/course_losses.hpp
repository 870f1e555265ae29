#pragma once
// What a timetable format cannot hold of a course it writes, declared in the writer's loss log
// under `loss.<format>.<part>`: one rule for every timetable writer.

#include <interop/io/losses.hpp>
#include <interop/io/sink.hpp>
#include <interop/model/timetable.hpp>

#include <cstddef>
#include <limits>
#include <memory>
#include <string>

namespace interop::course_losses {

/**
 * The fields a timetable format writes of a course (`adapter_info::fields_written`): all but its
 * external ids; what it leaves out of the rest is the capacity's to declare.
 */
inline const std::vector<std::string_view> course_fields = {"subject", "teachers", "classes", "groups", "rooms", "equipment", "weekday",
                                                            "start", "duration_minutes", "week_pattern", "valid_from", "valid_until"};

/** What a timetable format holds of a course, beyond its day, time, subject and audience, and of the records around it. */
struct capacity {
    std::size_t rooms = std::numeric_limits<std::size_t>::max();
    bool validity = true;    ///< first and last day (valid_from, valid_until)
    bool equipment = true;
    bool codes = true;       ///< a class's or group's code besides its id (a format that names them by one name writes the id)
};

/** Declares, as parts lost, what of `c` a format of this capacity leaves out. */
inline void declare_parts(const model::course& c, const capacity& can, const std::string& format, io::loss_log& losses) {
    const std::string record = io::record_name(c);
    const std::string prefix = "loss." + format + ".";
    if (c.rooms.size() > can.rooms)
        losses.part(prefix + "rooms", "course: " + format + " holds " + std::to_string(can.rooms) + " room(s) a course; the others are left out", record);
    if (!can.validity && (c.valid_from || c.valid_until))
        losses.part(prefix + "validity", "course: " + format + " has no first or last day for a course: it is written as running all year", record);
    if (!can.equipment && !c.equipment.empty()) losses.part(prefix + "equipment", "course: " + format + " has no equipment", record);
}

/** Declares, as parts lost, what of a record around the courses a format of this capacity leaves out. */
inline void declare_parts(const model::any_record& r, const capacity& can, const std::string& format, io::loss_log& losses) {
    const std::string prefix = "loss." + format + ".";
    auto code = [&](const auto& k) {
        if (!can.codes && !k.code.empty() && k.code != k.id)
            losses.part(prefix + "code", std::string(k.kind) + ": " + format + " names it by one name, its id; its code is left out", io::record_name(k));
    };
    if (const auto* c = std::get_if<model::course>(&r)) declare_parts(*c, can, format, losses);
    else if (const auto* k = std::get_if<model::school_class>(&r)) code(*k);
    else if (const auto* g = std::get_if<model::group>(&r)) code(*g);
}

/** A writer that declares, of each record it is given, what its format leaves out. */
class declaring_writer : public io::record_sink {
public:
    declaring_writer(std::unique_ptr<io::record_sink> writer, capacity can, std::string format, io::loss_log& losses)
        : m_writer(std::move(writer)), m_can(can), m_format(std::move(format)), m_losses(losses) {}
    void on_metadata(const model::metadata& m) override { m_writer->on_metadata(m); }
    void on_record(model::any_record&& r) override {
        declare_parts(r, m_can, m_format, m_losses);
        m_writer->on_record(std::move(r));
    }
    void on_end() override { m_writer->on_end(); }

private:
    std::unique_ptr<io::record_sink> m_writer;
    capacity m_can;
    std::string m_format;
    io::loss_log& m_losses;
};

inline std::unique_ptr<io::record_sink> declaring(std::unique_ptr<io::record_sink> writer, capacity can, std::string format, io::loss_log& losses) {
    return std::make_unique<declaring_writer>(std::move(writer), can, std::move(format), losses);
}

} // namespace interop::course_losses
