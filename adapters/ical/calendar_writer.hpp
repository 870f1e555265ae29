#pragma once
// The iCalendar and jCal writers. Given a file name ending in .ics (.json for jCal), they
// write one calendar of every course of the dataset. Given a folder, a whole-school export:
// `<uai>/school.ics` and one calendar per class, group, teacher, pupil and room
// (`<uai>/classes/<id>.ics`, …). A previous export found there gives each event its SEQUENCE:
// kept when the event is unchanged, incremented when it changed.

#include "timetable_view.hpp"

#include <interop/io/losses.hpp>

#include <filesystem>

namespace interop::ical_adapter {

enum class syntax { ical, jcal };

class calendar_writer : public io::record_sink {
public:
    calendar_writer(std::filesystem::path out, syntax s, io::existing_folder existing) : m_out(std::move(out)), m_syntax(s), m_existing(existing) {}
    void on_metadata(const model::metadata& m) override { m_view.on_metadata(m); }
    void on_record(model::any_record&& r) override { m_view.on_record(std::move(r)); }
    void on_end() override;

private:
    std::filesystem::path m_out;
    syntax m_syntax;
    io::existing_folder m_existing;
    timetable_view m_view;
};

} // namespace interop::ical_adapter
