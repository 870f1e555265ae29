#include "generator.hpp"

#include "school_builder.hpp"

namespace interop::generator {

void generate(const options& opt, io::record_sink& sink) {
    model::metadata meta;
    meta.generator = "interop-generate";
    meta.generated_at = model::date_time{school_calendar(opt.school_year).shifted({2025, 11, 28}), 18 * 3600, 60};
    meta.source = "fictional school generator, seed " + std::to_string(opt.seed);
    sink.on_metadata(meta);
    for (int i = 0; i < opt.schools; ++i) school_builder(i, opt, sink).build();
    sink.on_end();
}

} // namespace interop::generator
