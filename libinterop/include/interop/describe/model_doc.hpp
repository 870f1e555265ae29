#pragma once
/** @file Reference documentation of the model, generated from its field lists. */

#include <string>

namespace interop::describe {

/** The field tables of `docs/model.md`: every kind, every field, its type and meaning. */
std::string model_reference_markdown();

} // namespace interop::describe
