#pragma once
/** @file Readers push records into a sink; consumers implement what they need. */

#include <interop/model/dataset.hpp>

namespace interop::io {

class record_sink {
public:
    record_sink() = default;
    record_sink(const record_sink&) = delete;
    record_sink& operator=(const record_sink&) = delete;
    virtual ~record_sink() = default;

    /** Called once, before any record, when the input carries metadata. */
    virtual void on_metadata(const model::metadata&) {}
    virtual void on_record(model::any_record&& r) = 0;
    /** Called once after the last record. */
    virtual void on_end() {}
};

/** Collects everything into a dataset. */
class dataset_sink : public record_sink {
public:
    explicit dataset_sink(model::dataset& out) : m_out(out) {}
    void on_metadata(const model::metadata& m) override { m_out.metadata = m; }
    void on_record(model::any_record&& r) override { m_out.add(std::move(r)); }

private:
    model::dataset& m_out;
};

/** Replays a dataset into a sink, in dataset order. */
void replay(const model::dataset& ds, record_sink& sink);

} // namespace interop::io
