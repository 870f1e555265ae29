#include <interop/ical/recurrence.hpp>

#include <algorithm>
#include <cctype>

namespace interop::ical {

namespace {

std::optional<int> weekday_code(std::string_view code) {
    static constexpr std::string_view codes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    for (int i = 0; i < 7; ++i)
        if (code == codes[i]) return i + 1;
    return std::nullopt;
}

std::optional<int> positive(std::string_view text) {
    if (text.empty() || text.size() > 6 || !std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) return std::nullopt;
    int n = std::stoi(std::string(text));
    return n > 0 ? std::optional<int>(n) : std::nullopt;
}

bool valid(int year, int month, int day) {
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month >= 1 && month <= 12 && day >= 1 && day <= (month == 2 && !leap ? 28 : days[month - 1]);
}

} // namespace

std::optional<recurrence_rule> parse_rule(std::string_view value, std::string& problem) {
    recurrence_rule r;
    bool has_freq = false;
    for (std::size_t start = 0; start < value.size();) {
        auto end = std::min(value.find(';', start), value.size());
        auto part = value.substr(start, end - start);
        start = end + 1;
        auto eq = part.find('=');
        if (eq == std::string_view::npos) {
            problem = "RRULE part '" + std::string(part) + "' is not NAME=VALUE";
            return std::nullopt;
        }
        auto name = part.substr(0, eq), v = part.substr(eq + 1);
        if (name == "FREQ") {
            has_freq = true;
            if (v == "DAILY") r.freq = frequency::daily;
            else if (v == "WEEKLY") r.freq = frequency::weekly;
            else if (v == "MONTHLY") r.freq = frequency::monthly;
            else if (v == "YEARLY") r.freq = frequency::yearly;
            else {
                problem = "RRULE FREQ=" + std::string(v) + " is not supported (DAILY, WEEKLY, MONTHLY, YEARLY are)";
                return std::nullopt;
            }
        } else if (name == "INTERVAL" || name == "COUNT") {
            auto n = positive(v);
            if (!n) {
                problem = "RRULE " + std::string(name) + "=" + std::string(v) + " is no positive number";
                return std::nullopt;
            }
            if (name == "INTERVAL") r.interval = *n;
            else r.count = static_cast<std::size_t>(*n);
        } else if (name == "UNTIL") {
            r.until = std::string(v);
        } else if (name == "BYDAY") {
            for (std::size_t s = 0; s < v.size();) {
                auto e = std::min(v.find(',', s), v.size());
                auto day = weekday_code(v.substr(s, e - s));
                if (!day) {
                    r.ignored.push_back("BYDAY=" + std::string(v));
                    r.by_day.clear();
                    break;
                }
                r.by_day.push_back(*day);
                s = e + 1;
            }
        } else if (name == "WKST") {
            auto day = weekday_code(v);
            if (!day) {
                problem = "RRULE WKST=" + std::string(v) + " is no weekday (MO … SU)";
                return std::nullopt;
            }
            r.week_start = *day;
        } else {
            r.ignored.push_back(std::string(part));
        }
    }
    if (!has_freq) {
        problem = "RRULE without FREQ";
        return std::nullopt;
    }
    if (r.freq != frequency::weekly && !r.by_day.empty()) {
        r.ignored.push_back("BYDAY on a non-weekly rule");
        r.by_day.clear();
    }
    std::sort(r.by_day.begin(), r.by_day.end());
    r.by_day.erase(std::unique(r.by_day.begin(), r.by_day.end()), r.by_day.end());
    return r;
}

std::vector<model::date> occurrence_days(const recurrence_rule& rule, model::date first, model::date last,
                                         const std::function<bool(model::date)>& past_until, std::size_t max) {
    std::vector<model::date> out;
    auto room = [&] { return out.size() < max && (!rule.count || out.size() < *rule.count); };
    auto take = [&](model::date d) {
        if (d < first || d > last || past_until(d)) return false;
        out.push_back(d);
        return true;
    };
    if (!take(first)) return out;
    const auto step = static_cast<std::int64_t>(rule.interval);
    switch (rule.freq) {
    case frequency::daily:
        for (auto d = model::add_days(first, step); room() && d <= last && !past_until(d); d = model::add_days(d, step)) out.push_back(d);
        break;
    case frequency::weekly: {
        // Days as offsets from the week's first day (WKST), in the order they fall in the week.
        std::vector<int> offsets;
        for (int wd : rule.by_day.empty() ? std::vector<int>{model::iso_weekday(first)} : rule.by_day) offsets.push_back((wd - rule.week_start + 7) % 7);
        std::sort(offsets.begin(), offsets.end());
        auto week = model::add_days(first, -((model::iso_weekday(first) - rule.week_start + 7) % 7));
        for (; room() && week <= last; week = model::add_days(week, 7 * step))
            for (int offset : offsets) {
                auto d = model::add_days(week, offset);
                if (d <= first) continue;
                if (!room() || d > last || past_until(d)) return out;
                out.push_back(d);
            }
        break;
    }
    case frequency::monthly:
    case frequency::yearly: {
        int months = rule.freq == frequency::monthly ? rule.interval : 12 * rule.interval;
        for (int k = 1; room(); ++k) {
            int index = first.month - 1 + k * months;
            int year = first.year + index / 12, month = index % 12 + 1;
            model::date d{year, month, 1};
            if (d > last) break;
            if (!valid(year, month, first.day)) continue; // the 31st of a 30-day month: no occurrence (RFC 5545)
            d.day = first.day;
            if (d > last || past_until(d)) break;
            out.push_back(d);
        }
        break;
    }
    }
    return out;
}

} // namespace interop::ical
