// Index Education EDT ENT export: a hand-written file gives its golden dataset; week masks
// count from DatePremierJourSemaine1; resources changing some weeks split a course.
#include "reading.hpp"
#include "support.hpp"

#include <interop/errors.hpp>
#include <interop/json/canonical.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <zlib.h>

using namespace interop;

namespace {

const auto edt_fixtures = test::corpus_dir("edt");
const auto plain_export = edt_fixtures / "y_ExportEmploiDuTemps_0130001F.xml";

using pkey_ptr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

pkey_ptr new_key() { return {EVP_RSA_gen(2048), &EVP_PKEY_free}; }

void write_private_key(EVP_PKEY* key, const std::filesystem::path& path) {
    std::unique_ptr<FILE, decltype(&std::fclose)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
    REQUIRE(PEM_write_PrivateKey(f.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
}

std::string base64(const std::string& raw) {
    std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(raw.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string digest(const EVP_MD* md, const std::string& data) {
    std::string out(64, '\0');
    unsigned int n = 0;
    EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &n, md, nullptr);
    out.resize(n);
    return out;
}

std::string rsa_seal(EVP_PKEY* key, const std::string& data) {
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new(key, nullptr), &EVP_PKEY_CTX_free);
    REQUIRE(EVP_PKEY_encrypt_init(ctx.get()) == 1);
    REQUIRE(EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) == 1);
    std::size_t n = 0;
    auto in = reinterpret_cast<const unsigned char*>(data.data());
    REQUIRE(EVP_PKEY_encrypt(ctx.get(), nullptr, &n, in, data.size()) == 1);
    std::string out(n, '\0');
    REQUIRE(EVP_PKEY_encrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n, in, data.size()) == 1);
    out.resize(n);
    return out;
}

std::string aes_seal(const std::string& key_iv, const std::string& data) {
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    auto k = reinterpret_cast<const unsigned char*>(key_iv.data());
    REQUIRE(EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, k, k + 16) == 1);
    std::string out(data.size() + 16, '\0');
    int n = 0, tail = 0;
    auto o = reinterpret_cast<unsigned char*>(out.data());
    REQUIRE(EVP_EncryptUpdate(ctx.get(), o, &n, reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size())) == 1);
    REQUIRE(EVP_EncryptFinal_ex(ctx.get(), o + n, &tail) == 1);
    out.resize(static_cast<std::size_t>(n + tail));
    return out;
}

std::string zlib_compress(const std::string& data) {
    uLongf n = compressBound(static_cast<uLong>(data.size()));
    std::string out(n, '\0');
    REQUIRE(compress(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size())) == Z_OK);
    out.resize(n);
    return out;
}

/** An EXPORT_INDEX_EDUCATION container of `xml` for the partners given, as Index Education's software makes it. */
std::string container_of(const std::string& xml, const std::vector<std::pair<std::string, EVP_PKEY*>>& partners, bool damage_checksum = false) {
    std::string key_iv(32, '\0');
    REQUIRE(RAND_bytes(reinterpret_cast<unsigned char*>(key_iv.data()), 32) == 1);
    const auto compressed = zlib_compress(xml);
    std::string out = R"(<?xml version="1.0" encoding="UTF-8"?><EXPORT_INDEX_EDUCATION xmlns="http://www.index-education.com/conteneurexportchiffre">)"
                      "<VERSION>1.0</VERSION><LOGICIEL>test</LOGICIEL><CLES>";
    for (const auto& [name, key] : partners)
        out += "<PARTENAIRE NOM=\"" + name + "\">" + base64(rsa_seal(key, key_iv + digest(EVP_md5(), key_iv))) + "</PARTENAIRE>";
    auto checksum = digest(EVP_sha256(), compressed);
    if (damage_checksum) checksum[0] = static_cast<char>(checksum[0] ^ 1);
    out += "</CLES><CONTENU CompresseAvantChiffrement=\"true\">" + base64(aes_seal(key_iv, compressed)) + "</CONTENU><VERIFICATION>" + base64(checksum) +
           "</VERIFICATION><DATEHEURE>2025-09-01T08:00:00</DATEHEURE><UAI>0130001F</UAI><NOMETABLISSEMENT/><CODEPOSTALVILLE/></EXPORT_INDEX_EDUCATION>";
    return out;
}

model::dataset read_container(const std::filesystem::path& file, const std::filesystem::path& key, const std::string& partner = "") {
    registry r;
    register_all_adapters(r);
    auto in = io::input::open(file);
    REQUIRE(r.identify(in).name == "edt");
    read_options opt;
    opt.private_key = key;
    opt.partner = partner;
    model::dataset ds;
    io::dataset_sink sink(ds);
    diagnostics diags;
    r.get("edt").make_reader(opt)->read(in, sink, diags);
    return ds;
}

} // namespace

TEST_CASE("a hand-written EDT export reads whole (its golden dataset is the corpus's)") {
    diagnostics diags;
    auto ds = test::read_as("edt", io::input::open(plain_export), diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "edt.no-weeks");
    CHECK(diags.items()[0].where.line == 60);

    // Semaines="30": bits 1 to 4, weeks 1 to 4 from 1 September; the room changes every other week.
    const auto& first = test::find<model::course>(ds, "C1-1");
    const auto& second = test::find<model::course>(ds, "C1-2");
    CHECK(first.rooms == std::vector<std::string>{"100"});
    CHECK(second.rooms == std::vector<std::string>{"101"});
    CHECK(first.teachers == second.teachers);
    CHECK(first.duration_minutes == 110);
    CHECK(test::find<model::week_pattern>(ds, *first.week_pattern).weeks == std::vector<model::date>{{2025, 9, 1}, {2025, 9, 15}});
    CHECK(test::find<model::week_pattern>(ds, *second.week_pattern).weeks == std::vector<model::date>{{2025, 9, 8}, {2025, 9, 22}});
    CHECK(test::find<model::week_pattern>(ds, *second.week_pattern).label == "Semaines 2,4");

    // The named group draws on part-classes of 5A and 5B; the pupil in part 12 is in it.
    CHECK(test::find<model::group>(ds, "G7").classes == std::vector<std::string>{"1", "2"});
    CHECK(test::find<model::course>(ds, "C2").groups == std::vector<std::string>{"G7"});
    test::find<model::membership>(ds, "500@G7");
    CHECK(test::find<model::guardian_link>(ds, "500/900").legal_rank == 1);
}

TEST_CASE("broken EDT exports are refused naming the line") {
    auto refusal = [](const std::string& text) {
        diagnostics diags;
        try {
            test::read_as("edt", io::input::from_memory("edt.xml", text), diags, false);
        } catch (const parse_error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    const std::string head = R"(<ExportEmploiDuTemps xmlns="http://www.index-education.com/exportemploidutemps" UAI="0130001F">)";
    CHECK(refusal(head + R"(<AnneeScolaire DateDebut="2025-09-31" DateFin="2026-07-03" DatePremierJourSemaine1="2025-09-01"/></ExportEmploiDuTemps>)") ==
          "edt.xml:1: edt: DateDebut '2025-09-31' is not a date YYYY-MM-DD");
    CHECK(refusal(head + R"(<Cours><Cours Jour="1" NumeroPlaceDebut="0" NombrePlaces="1"><Classe Ident="1" Semaines="x2"/></Cours></Cours></ExportEmploiDuTemps>)") ==
          "edt.xml:1: edt: Semaines 'x2' is not a week mask");
    CHECK(refusal(head + R"(<Cours><Cours Jour="9" NumeroPlaceDebut="0" NombrePlaces="1"/></Cours></ExportEmploiDuTemps>)") ==
          "edt.xml:1: edt: course with day 9 and 1 places");
    CHECK(refusal(R"(<ExportEmploiDuTemps UAI="0130001F"/>)") == "edt.xml:1: edt: root element is not ExportEmploiDuTemps of http://www.index-education.com/exportemploidutemps");
    CHECK(refusal(head + "<Cours>").find("edt.xml:1") == 0); // truncated
}

TEST_CASE("the encrypted container opens with the partner's private key and gives the plain export's records") {
    test::temp_dir dir("edt-container");
    auto ours = new_key(), theirs = new_key();
    write_private_key(ours.get(), dir / "ours.pem");
    write_private_key(theirs.get(), dir / "theirs.pem");
    test::write_file(dir / "export.xml", container_of(test::read_file(plain_export), {{"INDEXEDUCATION", theirs.get()}, {"HUB", ours.get()}}));
    diagnostics diags;
    auto plain = test::read_as("edt", io::input::open(plain_export), diags);
    CHECK(read_container(dir / "export.xml", dir / "ours.pem") == plain);
    CHECK(read_container(dir / "export.xml", dir / "ours.pem", "HUB") == plain);
    CHECK_THROWS_WITH_AS(read_container(dir / "export.xml", dir / "ours.pem", "INDEXEDUCATION"),
                         doctest::Contains("cannot decrypt: key not for this partner (the container is for INDEXEDUCATION, HUB)"), parse_error);

    auto stranger = new_key();
    write_private_key(stranger.get(), dir / "stranger.pem");
    CHECK_THROWS_WITH_AS(read_container(dir / "export.xml", dir / "stranger.pem"), doctest::Contains("cannot decrypt: key not for this partner"), parse_error);
    CHECK_THROWS_WITH_AS(read_container(dir / "export.xml", ""), doctest::Contains("give the partner's RSA private key"), parse_error);

    test::write_file(dir / "damaged.xml", container_of(test::read_file(plain_export), {{"HUB", ours.get()}}, true));
    CHECK_THROWS_WITH_AS(read_container(dir / "damaged.xml", dir / "ours.pem"), doctest::Contains("VERIFICATION does not match"), parse_error);
    auto text = container_of(test::read_file(plain_export), {{"HUB", ours.get()}});
    auto at = text.find("<CONTENU");
    text[text.find('>', at) + 10] ^= 1; // a changed base64 character in the content
    test::write_file(dir / "tampered.xml", text);
    CHECK_THROWS_AS(read_container(dir / "tampered.xml", dir / "ours.pem"), parse_error);
}
