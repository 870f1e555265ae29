#pragma once
/** @file People domain: pupils, guardians, staff, the links between them, contact preferences. */

#include <interop/model/record.hpp>

namespace interop::model {

enum class regime { externe, demi_pensionnaire, interne, interne_externe, unknown };
template <> struct enum_names<regime> {
    static constexpr std::array<std::string_view, 5> values{"externe", "demi_pensionnaire", "interne", "interne_externe", "unknown"};
};

struct student : record {
    static constexpr std::string_view kind = "student", collection = "students";
    static constexpr std::string_view summary = "A pupil (élève).";
    std::string last_name;
    std::string first_name;
    std::vector<std::string> other_first_names;
    std::optional<std::string> birth_last_name;
    std::optional<date> birth_date;
    std::optional<std::string> sex;
    std::optional<std::string> ine;
    std::optional<std::string> mef;
    std::optional<std::string> level;
    model::regime regime = model::regime::unknown;
    std::optional<std::string> email;
    std::optional<date> entry_date;
    std::optional<date> exit_date;
    bool operator==(const student&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("last_name", s.last_name, "Usual family name (nom d'usage).");
        v("first_name", s.first_name, "First given name.");
        v("other_first_names", s.other_first_names, "Other given names.");
        v("birth_last_name", s.birth_last_name, "Family name at birth (nom patronymique) when it differs.");
        v("birth_date", s.birth_date, "Date of birth.");
        v("sex", s.sex, "M or F as given by the source.");
        v("ine", s.ine, "Identifiant national élève. Protected: shown only to profiles that need it.");
        v("mef", s.mef, "Id of the mef record (level and course of study).");
        v("level", s.level, "Level label (6e, 5e, 2nde, …).");
        v("regime", s.regime, "Boarding regime.");
        v("email", s.email, "Pupil e-mail address.");
        v("entry_date", s.entry_date, "Date the pupil joined the school.");
        v("exit_date", s.exit_date, "Date the pupil left the school.");
    }
};

enum class contact_kind { email, mobile, home_phone, work_phone, address };
template <> struct enum_names<contact_kind> {
    static constexpr std::array<std::string_view, 5> values{"email", "mobile", "home_phone", "work_phone", "address"};
};

struct contact {
    contact_kind type = contact_kind::email;
    std::string value;
    bool operator==(const contact&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        v("type", s.type, "E-mail, mobile, phone or postal address.");
        v("value", s.value, "The address or number as given.");
    }
};

struct guardian : record {
    static constexpr std::string_view kind = "guardian", collection = "guardians";
    static constexpr std::string_view summary = "A parent or other person responsible for a pupil (responsable).";
    std::optional<std::string> civility;
    std::string last_name;
    std::string first_name;
    std::vector<contact> contacts;
    bool accepts_sms = false;
    std::optional<std::string> preferred_language;
    bool operator==(const guardian&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("civility", s.civility, "Civility (M., Mme).");
        v("last_name", s.last_name, "Family name.");
        v("first_name", s.first_name, "Given name.");
        v("contacts", s.contacts, "Addresses and numbers, most preferred first.");
        v("accepts_sms", s.accepts_sms, "The guardian agreed to receive SMS (ACCEPTE_SMS).");
        v("preferred_language", s.preferred_language, "BCP 47 tag of the language messages should use.");
    }
};

struct staff : record {
    static constexpr std::string_view kind = "staff", collection = "staff";
    static constexpr std::string_view summary = "A member of staff: teacher, management, school life, administration.";
    std::optional<std::string> civility;
    std::string last_name;
    std::string first_name;
    std::optional<date> birth_date;
    std::optional<std::string> email;
    std::vector<std::string> functions;
    std::vector<std::string> disciplines;
    bool operator==(const staff&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("civility", s.civility, "Civility (M., Mme).");
        v("last_name", s.last_name, "Usual family name.");
        v("first_name", s.first_name, "Given name.");
        v("birth_date", s.birth_date, "Date of birth.");
        v("email", s.email, "Professional e-mail address.");
        v("functions", s.functions, "Function codes (ENS teacher, DIR management, EDU school life, …).");
        v("disciplines", s.disciplines, "Discipline codes the person teaches (STS codes).");
    }
};

struct guardian_link : record {
    static constexpr std::string_view kind = "guardian_link", collection = "guardian_links";
    static constexpr std::string_view summary = "Who is responsible for which pupil, and how.";
    std::string student;
    std::string guardian;
    std::optional<std::string> relationship;
    std::optional<int> legal_rank;
    bool financial = false;
    bool contact = false;
    bool lives_with = false;
    bool operator==(const guardian_link&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("student", s.student, "Id of the student.");
        v("guardian", s.guardian, "Id of the guardian.");
        v("relationship", s.relationship, "Relationship code (mother, father, tutor, other, or the source's code).");
        v("legal_rank", s.legal_rank, "1 or 2 when the guardian holds legal responsibility (RESP_LEGAL); absent otherwise.");
        v("financial", s.financial, "Financially responsible.");
        v("contact", s.contact, "Person to contact.");
        v("lives_with", s.lives_with, "The pupil lives with this guardian.");
    }
};

enum class person_kind { student, guardian, staff };
template <> struct enum_names<person_kind> {
    static constexpr std::array<std::string_view, 3> values{"student", "guardian", "staff"};
};

enum class channel { push, email, sms, letter };
template <> struct enum_names<channel> {
    static constexpr std::array<std::string_view, 4> values{"push", "email", "sms", "letter"};
};

struct contact_preference : record {
    static constexpr std::string_view kind = "contact_preference", collection = "contact_preferences";
    static constexpr std::string_view summary = "How a person wants to be reached.";
    std::string person;
    model::person_kind person_kind = model::person_kind::guardian;
    std::vector<channel> channels;
    std::optional<std::string> language;
    bool plain_text_digest = false;
    bool operator==(const contact_preference&) const = default;

    template <class S, class V> static void fields(S& s, V& v) {
        common_fields(s, v);
        v("person", s.person, "Id of the person.");
        v("person_kind", s.person_kind, "Kind of the person record.");
        v("channels", s.channels, "Channels to use, most preferred first.");
        v("language", s.language, "BCP 47 tag of the preferred language.");
        v("plain_text_digest", s.plain_text_digest, "Send a plain-text digest instead of app notifications.");
    }
};

} // namespace interop::model
