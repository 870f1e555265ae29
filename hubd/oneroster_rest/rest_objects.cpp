#include "oneroster_rest/rest_objects.hpp"

#include "oneroster/oneroster_vocabulary.hpp"

#include <charconv>

namespace hubd::oneroster_rest {

namespace or_csv = interop::oneroster;

namespace {

enum class shape { text, date, boolean, number, list, ref, refs };

/** A field of a REST object: its JSON name, the CSV column it comes from, its shape; for links, the target. */
struct field {
    std::string_view name, column;
    shape kind = shape::text;
    std::string_view collection = {}, type = {};
};

using field_list = std::vector<field>;

const std::map<std::string, field_list, std::less<>>& layouts() {
    static const std::map<std::string, field_list, std::less<>> out = {
        {"orgs", {{"name", "name"}, {"type", "type"}, {"identifier", "identifier"}, {"parent", "parentSourcedId", shape::ref, "orgs", "org"}}},
        {"academicSessions",
         {{"title", "title"}, {"startDate", "startDate", shape::date}, {"endDate", "endDate", shape::date}, {"type", "type"},
          {"parent", "parentSourcedId", shape::ref, "academicSessions", "academicSession"}, {"schoolYear", "schoolYear"}}},
        {"courses",
         {{"title", "title"}, {"schoolYear", "schoolYearSourcedId", shape::ref, "academicSessions", "academicSession"}, {"courseCode", "courseCode"},
          {"grades", "grades", shape::list}, {"subjects", "subjects", shape::list}, {"org", "orgSourcedId", shape::ref, "orgs", "org"}}},
        {"classes",
         {{"title", "title"}, {"classCode", "classCode"}, {"classType", "classType"}, {"location", "location"}, {"grades", "grades", shape::list},
          {"subjects", "subjects", shape::list}, {"course", "courseSourcedId", shape::ref, "courses", "course"},
          {"school", "schoolSourcedId", shape::ref, "orgs", "org"}, {"terms", "termSourcedIds", shape::refs, "academicSessions", "academicSession"},
          {"periods", "periods", shape::list}}},
        {"users",
         {{"username", "username"}, {"enabledUser", "enabledUser", shape::boolean}, {"givenName", "givenName"}, {"familyName", "familyName"},
          {"middleName", "middleName"}, {"identifier", "identifier"}, {"email", "email"}, {"sms", "sms"}, {"phone", "phone"},
          {"agents", "agentSourcedIds", shape::refs, "users", "user"}, {"grades", "grades", shape::list},
          {"primaryOrg", "primaryOrgSourcedId", shape::ref, "orgs", "org"}, {"preferredGivenName", "preferredGivenName"},
          {"preferredMiddleName", "preferredMiddleName"}, {"preferredFamilyName", "preferredFamilyName"}, {"pronouns", "pronouns"}}},
        {"enrollments",
         {{"user", "userSourcedId", shape::ref, "users", "user"}, {"class", "classSourcedId", shape::ref, "classes", "class"},
          {"school", "schoolSourcedId", shape::ref, "orgs", "org"}, {"role", "role"}, {"primary", "primary", shape::boolean},
          {"beginDate", "beginDate", shape::date}, {"endDate", "endDate", shape::date}}},
        {"demographics", {{"birthDate", "birthDate", shape::date}, {"sex", "sex"}}},
        {"categories", {{"title", "title"}, {"weight", "weight", shape::number}}},
        {"scoreScales",
         {{"title", "title"}, {"type", "type"}, {"course", "courseSourcedId", shape::ref, "courses", "course"},
          {"class", "classSourcedId", shape::ref, "classes", "class"}}},
        {"lineItems",
         {{"title", "title"}, {"description", "description"}, {"assignDate", "assignDate", shape::date}, {"dueDate", "dueDate", shape::date},
          {"class", "classSourcedId", shape::ref, "classes", "class"}, {"category", "categorySourcedId", shape::ref, "categories", "category"},
          {"gradingPeriod", "gradingPeriodSourcedId", shape::ref, "academicSessions", "academicSession"},
          {"resultValueMin", "resultValueMin", shape::number}, {"resultValueMax", "resultValueMax", shape::number}}},
        {"results",
         {{"lineItem", "lineItemSourcedId", shape::ref, "lineItems", "lineItem"}, {"student", "studentSourcedId", shape::ref, "users", "user"},
          {"scoreStatus", "scoreStatus"}, {"score", "score", shape::number}, {"textScore", "textScore"}, {"scoreDate", "scoreDate", shape::date},
          {"comment", "comment"}}},
    };
    return out;
}

bool is_gradebook(std::string_view collection) {
    return collection == "categories" || collection == "lineItems" || collection == "results" || collection == "scoreScales";
}

class object_builder {
public:
    explicit object_builder(rapidjson::Document::AllocatorType& a) : m_a(a) {}

    rapidjson::Value text(std::string_view s) { return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), m_a); }

    rapidjson::Value ref(std::string_view collection, std::string_view type, std::string_view sid) {
        rapidjson::Value v(rapidjson::kObjectType);
        const std::string href = std::string(is_gradebook(collection) ? gradebook_base : rostering_base) + "/" + std::string(collection) + "/" + std::string(sid);
        v.AddMember("href", text(href), m_a);
        v.AddMember("sourcedId", text(sid), m_a);
        v.AddMember("type", text(type), m_a);
        return v;
    }

    void add(rapidjson::Value& obj, std::string_view name, rapidjson::Value v) { obj.AddMember(text(name), v, m_a); }

    /** A CSV cell as the field's shape; null when the cell is not what it should be (never a half value). */
    rapidjson::Value value(const field& f, std::string_view cell) {
        switch (f.kind) {
        case shape::text:
        case shape::date: return text(cell);
        case shape::boolean: {
            const auto b = or_csv::parse_bool(cell);
            return b ? rapidjson::Value(*b) : rapidjson::Value();
        }
        case shape::number: {
            double d = 0;
            const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), d);
            return ec == std::errc() && end == cell.data() + cell.size() ? rapidjson::Value(d) : rapidjson::Value();
        }
        case shape::list: {
            rapidjson::Value a(rapidjson::kArrayType);
            for (const auto& item : or_csv::split_list(cell)) a.PushBack(text(item), m_a);
            return a;
        }
        case shape::ref: return ref(f.collection, f.type, cell);
        case shape::refs: {
            rapidjson::Value a(rapidjson::kArrayType);
            for (const auto& item : or_csv::split_list(cell)) a.PushBack(ref(f.collection, f.type, item), m_a);
            return a;
        }
        }
        return {};
    }

    rapidjson::Document::AllocatorType& allocator() { return m_a; }

private:
    rapidjson::Document::AllocatorType& m_a;
};

/** `metadata`: the row's `metadata.` and vendor columns, without ours (`metadata.interop.`: the hub's own ids, which its API gives). */
rapidjson::Value metadata_of(const or_csv::table& t, const or_csv::row& r, object_builder& b) {
    rapidjson::Value m(rapidjson::kObjectType);
    for (const auto& [column, value] : r.cells) {
        if (column.starts_with(or_csv::our_metadata)) continue;
        const bool standard = std::find(t.spec->columns.begin(), t.spec->columns.end(), column) != t.spec->columns.end();
        if (standard) continue;
        b.add(m, column.starts_with("metadata.") ? std::string_view(column).substr(9) : std::string_view(column), b.text(value));
    }
    // What the REST binding has no field for and a client may want: the subject's national (BCN) code.
    if (t.spec->name == "courses" && !r["subjectCodes"].empty()) b.add(m, "subjectCode", b.text(r["subjectCodes"]));
    return m;
}

} // namespace

std::vector<std::string> field_names(std::string_view file) {
    std::vector<std::string> out = {"sourcedId", "status", "dateLastModified", "metadata"};
    if (const auto it = layouts().find(file); it != layouts().end())
        for (const auto& f : it->second) out.emplace_back(f.name);
    if (file == "orgs" || file == "academicSessions") out.emplace_back("children");
    if (file == "users") out.insert(out.end(), {"roles", "userIds"});
    if (file == "scoreScales") out.emplace_back("scoreScaleValue");
    return out;
}

school_objects::school_objects(const or_csv::package& p, const std::string& fallback_modified) : m_package(p), m_fallback_modified(fallback_modified) {
    for (const auto* parents : {"orgs", "academicSessions"})
        if (const auto* t = m_package.find(parents))
            for (const auto& r : t->rows)
                if (!r["parentSourcedId"].empty()) m_children[std::string(r["parentSourcedId"])].push_back(std::string(r["sourcedId"]));
    if (const auto* roles = m_package.find("roles"))
        for (const auto& r : roles->rows) m_roles[std::string(r["userSourcedId"])].push_back(&r);
    if (const auto* orgs = m_package.find("orgs"); orgs && !orgs->rows.empty()) m_org = std::string(orgs->rows.front()["sourcedId"]);
    // Every object in one array, reserved whole: the pointers kept by collection never move.
    std::size_t total = 0;
    for (const auto& [name, t] : m_package.tables)
        if (layouts().count(name)) total += t.rows.size();
    m_doc.SetArray().Reserve(static_cast<rapidjson::SizeType>(total), m_doc.GetAllocator());
    for (const auto& [name, t] : m_package.tables) build(t);
}

const std::vector<const rapidjson::Value*>& school_objects::of(std::string_view file) const {
    static const std::vector<const rapidjson::Value*> none;
    const auto it = m_by_file.find(file);
    return it == m_by_file.end() ? none : it->second;
}

void school_objects::build(const or_csv::table& t) {
    if (!layouts().count(t.spec->name)) return; // roles (inside users), link files
    auto& list = m_by_file[std::string(t.spec->name)];
    for (const auto& r : t.rows) {
        m_doc.PushBack(object_of(t, r), m_doc.GetAllocator());
        list.push_back(&m_doc[m_doc.Size() - 1]);
    }
}

rapidjson::Value school_objects::object_of(const or_csv::table& t, const or_csv::row& r) {
    object_builder b(m_doc.GetAllocator());
    rapidjson::Value obj(rapidjson::kObjectType);
    b.add(obj, "sourcedId", b.text(r["sourcedId"]));
    b.add(obj, "status", b.text(r["status"].empty() ? "active" : r["status"]));
    b.add(obj, "dateLastModified", b.text(r["dateLastModified"].empty() ? std::string_view(m_fallback_modified) : r["dateLastModified"]));
    if (auto m = metadata_of(t, r, b); m.MemberCount() > 0) b.add(obj, "metadata", std::move(m));
    for (const auto& f : layouts().at(std::string(t.spec->name))) {
        const auto cell = r[f.column];
        if (cell.empty()) continue;
        auto v = b.value(f, cell);
        if (!v.IsNull()) b.add(obj, f.name, std::move(v));
    }
    const std::string sid(r["sourcedId"]);
    const auto name = t.spec->name;
    if (name == "orgs" || name == "academicSessions") {
        rapidjson::Value children(rapidjson::kArrayType);
        if (auto it = m_children.find(sid); it != m_children.end())
            for (const auto& c : it->second) children.PushBack(b.ref(name, name == "orgs" ? "org" : "academicSession", c), b.allocator());
        if (!children.Empty()) b.add(obj, "children", std::move(children));
    }
    if (name == "users") {
        rapidjson::Value roles(rapidjson::kArrayType), ids(rapidjson::kArrayType);
        if (auto it = m_roles.find(sid); it != m_roles.end())
            for (const auto* role : it->second) {
                rapidjson::Value v(rapidjson::kObjectType);
                b.add(v, "roleType", b.text((*role)["roleType"].empty() ? "primary" : (*role)["roleType"]));
                b.add(v, "role", b.text((*role)["role"]));
                b.add(v, "org", b.ref("orgs", "org", (*role)["orgSourcedId"]));
                roles.PushBack(v, b.allocator());
            }
        b.add(obj, "roles", std::move(roles));
        for (const auto& e : or_csv::parse_user_ids(r["userIds"])) {
            rapidjson::Value v(rapidjson::kObjectType);
            b.add(v, "type", b.text(e.system));
            b.add(v, "identifier", b.text(e.id));
            ids.PushBack(v, b.allocator());
        }
        b.add(obj, "userIds", std::move(ids));
    }
    if (name == "scoreScales") {
        rapidjson::Value values(rapidjson::kArrayType);
        for (const auto& item : or_csv::split_list(r["scoreScaleValue"])) {
            auto inner = std::string_view(item);
            if (inner.starts_with('{') && inner.ends_with('}')) inner = inner.substr(1, inner.size() - 2);
            const auto colon = inner.find(':');
            rapidjson::Value v(rapidjson::kObjectType);
            b.add(v, "itemValueLHS", b.text(inner.substr(0, colon)));
            b.add(v, "itemValueRHS", b.text(colon == std::string_view::npos ? std::string_view() : inner.substr(colon + 1)));
            values.PushBack(v, b.allocator());
        }
        b.add(obj, "scoreScaleValue", std::move(values));
    }
    return obj;
}

} // namespace hubd::oneroster_rest
