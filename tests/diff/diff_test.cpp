#include <doctest/doctest.h>

#include <interop/diff/diff.hpp>

#include <algorithm>

using namespace interop;

namespace {
model::student pupil(const std::string& id, const std::string& school = "0440008V") {
    model::student s;
    s.id = id;
    s.school = school;
    s.last_name = "Martin";
    return s;
}
} // namespace

TEST_CASE("created, updated and deleted, per kind") {
    model::dataset before, after;
    before.add(pupil("E1"));
    before.add(pupil("E2"));
    before.add(pupil("E3"));
    auto moved = pupil("E2");
    moved.provenance = {"aaf", "new.xml", 3}; // provenance alone is no change
    after.add(moved);
    auto renamed = pupil("E3");
    renamed.last_name = "Martin-Dupont";
    after.add(renamed);
    after.add(pupil("E4"));
    after.add(pupil("E1", "0440010X")); // same id, other school: another record
    model::room r;
    r.id = "S101";
    after.add(r);

    const auto d = diff(before, after);
    CHECK(d.counts.at("student").created == 2);
    CHECK(d.counts.at("student").updated == 1);
    CHECK(d.counts.at("student").deleted == 1);
    CHECK(d.counts.at("room").created == 1);
    CHECK(d.changes.size() == 5);
    CHECK(std::find(d.changes.begin(), d.changes.end(), change{change_op::updated, "student", "0440008V", "E3"}) != d.changes.end());
    CHECK(std::find(d.changes.begin(), d.changes.end(), change{change_op::deleted, "student", "0440008V", "E1"}) != d.changes.end());
    CHECK(std::find(d.changes.begin(), d.changes.end(), change{change_op::created, "student", "0440010X", "E1"}) != d.changes.end());
}

TEST_CASE("identical datasets have no changes") {
    model::dataset a;
    a.add(pupil("E1"));
    const auto d = diff(a, a);
    CHECK(d.changes.empty());
    CHECK(d.counts.empty());
}
