#include "audit/chain.hpp"

#include "import/record_index.hpp"

namespace hubd {

namespace {

void field(std::string& out, const std::string& s) {
    out += '|';
    for (char c : s) {
        if (c == '|' || c == '\\') out += '\\';
        out += c;
    }
}

} // namespace

std::string audit_line(const audit_entry& e) {
    std::string out = std::to_string(e.seq);
    field(out, std::to_string(e.at));
    field(out, e.actor);
    field(out, e.action);
    field(out, e.school);
    field(out, e.kind);
    field(out, std::to_string(e.count));
    field(out, e.detail);
    return out;
}

std::string audit_hash(const std::string& prev_hash, const audit_entry& e) { return sha256_hex(prev_hash + "\n" + audit_line(e)); }

} // namespace hubd
