/*
 * SimHash fingerprints on realistic news pairs, in both directions: copies
 * that differ by a reworded phrase, a different footer or a body pasted
 * twice stay within the default near distance (3); different articles on
 * the same topic stay far outside it. Distances are printed so a change in
 * tokenization or weighting shows its effect on the margin.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dedupe/dedupe.h"
#include "warta/arena.h"
#include "warta/article.h"
#include "warta/simhash.h"
#include "warta/unicode.h"

/* Largest distance a near copy may have, and smallest an unrelated
 * same-topic article may have: the margin on both sides of 3. */
#define NEAR_MAX 2
#define FAR_MIN 10

static const char *const id_flood_a[] = {
    "JAKARTA (ANTARA) - Badan Penanggulangan Bencana Daerah (BPBD) DKI "
    "Jakarta mencatat sebanyak 47 rukun tetangga (RT) di wilayah Jakarta "
    "Timur dan Jakarta Selatan terendam banjir pada Senin pagi setelah hujan "
    "deras mengguyur ibu kota sejak Minggu malam.",
    "Kepala Pelaksana BPBD DKI Jakarta Isnawa Adji mengatakan ketinggian air "
    "di permukiman warga bervariasi antara 30 sentimeter hingga 1,2 meter. "
    "Genangan paling parah terjadi di Kelurahan Kampung Melayu, Bidara Cina "
    "dan Cawang yang berada di bantaran Sungai Ciliwung.",
    "\"Banjir dipicu oleh curah hujan yang tinggi di kawasan hulu serta "
    "meluapnya Kali Ciliwung. Petugas kami sudah berada di lokasi untuk "
    "membantu evakuasi warga lanjut usia dan anak-anak,\" kata Isnawa di "
    "Jakarta, Senin.",
    "Menurut dia, sebanyak 312 warga terpaksa mengungsi ke masjid, sekolah "
    "dan balai warga terdekat. BPBD bersama Dinas Sosial telah mendirikan "
    "dapur umum dan menyalurkan makanan siap saji, selimut serta air bersih "
    "kepada para pengungsi.",
    "Pintu Air Manggarai sempat berstatus Siaga 2 pada pukul 04.00 WIB "
    "dengan tinggi muka air 860 sentimeter, sementara Bendung Katulampa di "
    "Bogor mencapai 150 sentimeter pada Minggu malam. Kiriman air dari hulu "
    "diperkirakan tiba di Jakarta dalam enam hingga sembilan jam.",
    "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperkirakan hujan "
    "dengan intensitas sedang hingga lebat masih akan turun di Jabodetabek "
    "hingga tiga hari ke depan. Warga yang tinggal di bantaran sungai "
    "diminta tetap waspada dan segera melapor ke nomor darurat 112 apabila "
    "membutuhkan pertolongan.",
    "Dinas Sumber Daya Air DKI Jakarta mengerahkan 120 pompa mobile untuk "
    "menyedot genangan di sejumlah ruas jalan, termasuk Jalan Jatinegara "
    "Barat dan Jalan Otista Raya yang sempat tidak bisa dilalui kendaraan "
    "roda dua.",
    NULL,
};

/* Same flood, another newsroom: shares the names and numbers, not the text. */
static const char *const id_flood_b[] = {
    "Hujan lebat yang turun sejak Minggu malam membuat Sungai Ciliwung "
    "meluap dan merendam ratusan rumah di Kampung Melayu, Jakarta Timur. "
    "Warga mulai menyelamatkan barang berharga ke lantai dua sejak dini hari.",
    "Pantauan di lapangan, air setinggi dada orang dewasa menggenangi gang "
    "sempit di RW 04 dan RW 05. Perahu karet milik Basarnas dan BPBD "
    "hilir mudik mengangkut warga lanjut usia, ibu hamil dan balita menuju "
    "posko pengungsian di sekolah dasar terdekat.",
    "Siti Aminah (52), warga Kampung Melayu, mengaku banjir kali ini datang "
    "lebih cepat dibandingkan tahun lalu. \"Jam tiga pagi air masih di "
    "selokan, jam lima sudah masuk rumah. Kulkas dan kasur tidak sempat "
    "diangkat,\" tuturnya sambil menggendong cucunya.",
    "Camat Jatinegara mengatakan pihaknya membuka tiga posko pengungsian dan "
    "menyiapkan layanan kesehatan karena banyak pengungsi mulai mengeluhkan "
    "gatal-gatal dan demam. Puskesmas kecamatan menyiagakan dokter dan "
    "perawat selama 24 jam.",
    "Pengamat tata kota dari Universitas Trisakti menilai banjir tahunan di "
    "bantaran Ciliwung menunjukkan normalisasi sungai belum rampung. Ia "
    "mendesak pemerintah provinsi mempercepat pembebasan lahan dan "
    "pembangunan tanggul di segmen yang tersisa.",
    "Hingga Senin siang, air di permukiman mulai surut perlahan, namun warga "
    "belum berani kembali ke rumah karena langit di kawasan Bogor masih "
    "mendung dan Bendung Katulampa dilaporkan kembali naik.",
    NULL,
};

static const char *const id_econ[] = {
    "JAKARTA (ANTARA) - Bank Indonesia (BI) memutuskan mempertahankan suku "
    "bunga acuan BI-Rate sebesar 6,00 persen dalam Rapat Dewan Gubernur "
    "(RDG) yang digelar pada 20-21 Mei 2024.",
    "Gubernur Bank Indonesia Perry Warjiyo mengatakan keputusan tersebut "
    "konsisten dengan kebijakan moneter yang pro-stabilitas, yaitu untuk "
    "memperkuat stabilisasi nilai tukar rupiah serta langkah pre-emptive "
    "dan forward looking untuk memastikan inflasi tetap terkendali dalam "
    "sasaran 2,5 plus minus 1 persen pada 2024 dan 2025.",
    "Suku bunga Deposit Facility juga tetap sebesar 5,25 persen dan suku "
    "bunga Lending Facility sebesar 6,75 persen. Perry menjelaskan nilai "
    "tukar rupiah pada 21 Mei 2024 menguat 0,95 persen dibandingkan dengan "
    "level akhir April 2024.",
    "Menurut Perry, penguatan rupiah ditopang oleh aliran masuk modal asing "
    "ke pasar keuangan domestik seiring dengan meredanya ketidakpastian "
    "global dan prospek ekonomi Indonesia yang tetap baik. Pertumbuhan "
    "ekonomi triwulan I 2024 tercatat 5,11 persen secara tahunan.",
    "Ke depan, BI akan terus mencermati arah pergerakan suku bunga bank "
    "sentral Amerika Serikat, The Fed, yang diperkirakan baru turun pada "
    "akhir tahun. Bank sentral juga akan memperkuat operasi moneter melalui "
    "instrumen SRBI, SVBI dan SUVBI untuk menarik aliran portofolio asing.",
    "Kebijakan makroprudensial dan sistem pembayaran tetap diarahkan untuk "
    "mendorong pertumbuhan ekonomi yang berkelanjutan, termasuk insentif "
    "likuiditas bagi perbankan yang menyalurkan kredit ke sektor prioritas "
    "seperti hilirisasi, perumahan, pariwisata dan UMKM.",
    NULL,
};

/* Same meeting, a market-desk angle: same figures, different story. */
static const char *const id_econ_b[] = {
    "Nilai tukar rupiah ditutup menguat ke level Rp15.980 per dolar AS pada "
    "Selasa sore, sesaat setelah Bank Indonesia mengumumkan BI-Rate tetap "
    "6,00 persen. Pelaku pasar menyambut keputusan itu sebagai sinyal bahwa "
    "bank sentral belum akan melonggarkan kebijakan dalam waktu dekat.",
    "Ekonom senior sebuah bank swasta menilai ruang penurunan suku bunga "
    "baru terbuka pada kuartal IV 2024, bergantung pada langkah The Fed. "
    "Menurut dia, selisih imbal hasil surat utang Indonesia dan Amerika "
    "masih perlu dijaga agar arus modal tidak berbalik keluar.",
    "Indeks Harga Saham Gabungan (IHSG) ikut naik 0,6 persen ke posisi "
    "7.186, dipimpin saham perbankan besar. Investor asing mencatatkan beli "
    "bersih Rp412 miliar di pasar reguler.",
    "Sementara itu, pengusaha properti berharap insentif likuiditas "
    "makroprudensial untuk kredit perumahan diperpanjang hingga 2025. Mereka "
    "menilai permintaan rumah tapak masih tertahan oleh bunga kredit "
    "pemilikan rumah yang tinggi.",
    "Analis memperkirakan rupiah bergerak di kisaran Rp15.900 hingga "
    "Rp16.050 per dolar AS sepekan ke depan, menunggu rilis data neraca "
    "perdagangan dan notulen rapat The Fed.",
    NULL,
};

static const char *const en_quake_a[] = {
    "TOKYO (Reuters) - A magnitude 7.1 earthquake struck off the coast of "
    "southern Japan on Thursday, the Japan Meteorological Agency said, "
    "prompting tsunami advisories for the islands of Kyushu and Shikoku and "
    "briefly halting bullet train services in the region.",
    "The quake hit at 4:43 p.m. local time at a depth of about 30 km in the "
    "Hyuganada Sea, the agency said. Waves of up to 50 cm were observed at "
    "the port of Miyazaki roughly half an hour later, and the advisories "
    "were lifted by the evening.",
    "Kyushu Electric Power said there were no abnormalities at its Sendai "
    "nuclear plant, and Shikoku Electric reported no problems at its Ikata "
    "plant. Several people were slightly injured by falling objects, "
    "according to local fire departments.",
    "Later on Thursday the agency issued its first ever advisory under a "
    "system introduced in 2019, warning that the probability of a major "
    "earthquake along the Nankai Trough had risen and urging residents to "
    "check evacuation routes and emergency supplies.",
    "\"The likelihood of a large earthquake occurring is higher than usual, "
    "but this does not mean a large earthquake will definitely occur,\" "
    "Naoshi Hirata, the head of the expert panel that reviewed the data, "
    "told a news conference.",
    "The Nankai Trough, a subduction zone running off Japan's Pacific coast, "
    "has produced devastating quakes every 100 to 150 years. The government "
    "estimates there is a 70 to 80 percent chance of a magnitude 8 or 9 "
    "earthquake there within the next 30 years.",
    "Prime Minister Fumio Kishida told reporters the government had set up "
    "a task force and asked people to stay alert for about a week and to "
    "follow information from local authorities.",
    NULL,
};

/* Same quake, another outlet: a travel and business angle. */
static const char *const en_quake_b[] = {
    "Holidaymakers in southern Japan scrambled to change plans on Friday "
    "after authorities warned of a heightened risk of a megaquake, a day "
    "after a magnitude 7.1 tremor shook Miyazaki prefecture.",
    "Several beaches in Wakayama and Kochi were closed during the peak "
    "summer season, and some hotels reported cancellations. Convenience "
    "stores in Osaka said bottled water and instant noodles were selling "
    "faster than usual as shoppers stocked up.",
    "Central Japan Railway ran bullet trains at reduced speed on part of the "
    "Tokaido line as a precaution, causing delays of up to an hour during "
    "the Obon holiday travel rush.",
    "Seismologists stressed that the warning was not a prediction. \"We "
    "cannot say when or whether the next Nankai quake will come, only that "
    "the odds are somewhat higher for the coming days,\" said a professor at "
    "Kyoto University's Disaster Prevention Research Institute.",
    "Shares of construction companies rose in Tokyo trading on expectations "
    "of spending on disaster prevention, while insurers fell. The yen was "
    "little changed against the dollar.",
    "Officials said the special alert would be reviewed after one week if "
    "no further unusual seismic activity was detected.",
    NULL,
};

static const char *const en_asean[] = {
    "JAKARTA (Reuters) - Southeast Asian leaders on Tuesday urged an end to "
    "violence in Myanmar and called for unimpeded humanitarian access, as "
    "the ASEAN summit in Jakarta struggled to show progress on a peace plan "
    "agreed with the country's military rulers more than two years ago.",
    "Indonesian President Joko Widodo, who chairs the Association of "
    "Southeast Asian Nations this year, told leaders the bloc must not be "
    "a bystander to the crisis, which has killed thousands of people and "
    "displaced more than a million since the 2021 coup.",
    "Myanmar's junta has been barred from sending political representatives "
    "to high-level ASEAN meetings because of its failure to implement the "
    "five-point consensus, which calls for dialogue among all parties and "
    "an end to hostilities.",
    "Diplomats said members remained divided over how to engage the "
    "generals. Thailand held informal talks with the junta earlier this "
    "year, angering some partners who said it undermined the bloc's common "
    "position.",
    "The leaders also discussed tensions in the South China Sea, where "
    "China's coast guard has repeatedly clashed with Philippine vessels, "
    "and pledged to speed up negotiations on a code of conduct for the "
    "disputed waterway.",
    "On the economy, they agreed to expand the use of local currencies in "
    "regional trade and to press ahead with a digital economy framework "
    "agreement that officials hope to conclude by 2025.",
    NULL,
};

/* The same summit, from the sidelines. */
static const char *const en_asean_b[] = {
    "JAKARTA (AP) - Philippine President Ferdinand Marcos Jr. used his "
    "address at the ASEAN summit on Tuesday to accuse Chinese vessels of "
    "dangerous maneuvers near a disputed shoal, pressing fellow leaders to "
    "take a firmer line with Beijing in the South China Sea.",
    "Marcos said his country would not be intimidated and urged the bloc to "
    "conclude a legally binding code of conduct, talks on which have dragged "
    "on for more than two decades with little result.",
    "Cambodia and Laos, both close to China, resisted stronger language in "
    "the draft communique, according to two diplomats who spoke on condition "
    "of anonymity because they were not authorized to discuss the talks.",
    "China's foreign ministry said in Beijing that the Philippines was "
    "provoking trouble and that Chinese coast guard ships had acted "
    "professionally and with restraint.",
    "Analysts said the summit exposed the limits of consensus diplomacy. "
    "\"ASEAN can issue statements, but it has no tools to make a great "
    "power change course,\" said a researcher at a Singapore think tank.",
    NULL,
};

/* Joins paragraphs as a text body is folded: one space between blocks. */
static char *fold_join(struct warta_arena *a, const char *const *paras,
                       size_t *len)
{
    size_t total = 0, n;
    char *out = warta_arena_alloc(a, 1);
    for (; *paras; paras++) {
        char *f = warta_text_fold(a, *paras, strlen(*paras), &n);
        char *grown = warta_arena_alloc(a, total + n + 2);
        memcpy(grown, out, total);
        if (total)
            grown[total++] = ' ';
        memcpy(grown + total, f, n + 1);
        total += n;
        out = grown;
    }
    *len = total;
    return out;
}

static uint64_t sim_of(struct warta_arena *a, const char *const *paras)
{
    size_t n;
    char *f = fold_join(a, paras, &n);
    return warta_simhash_text(f, n);
}

/* A copy of paras with one phrase replaced (must be present). */
static const char **reword(struct warta_arena *a, const char *const *paras,
                           const char *from, const char *to)
{
    size_t n = 0;
    while (paras[n])
        n++;
    const char **out = warta_arena_alloc(a, (n + 1) * sizeof(*out));
    bool done = false;
    for (size_t i = 0; i < n; i++) {
        const char *hit = done ? NULL : strstr(paras[i], from);
        if (!hit) {
            out[i] = paras[i];
            continue;
        }
        out[i] = warta_arena_printf(a, "%.*s%s%s", (int)(hit - paras[i]),
                                    paras[i], to, hit + strlen(from));
        done = true;
    }
    assert_true(done);
    return out;
}

/* The paragraphs twice, as when a page repeats its body. */
static const char **twice(struct warta_arena *a, const char *const *paras)
{
    size_t n = 0;
    while (paras[n])
        n++;
    const char **out = warta_arena_alloc(a, (2 * n + 1) * sizeof(*out));
    for (size_t i = 0; i < 2 * n; i++)
        out[i] = paras[i % n];
    return out;
}

/* Leaves one paragraph out. */
static const char **drop(struct warta_arena *a, const char *const *paras,
                         size_t which)
{
    size_t n = 0;
    while (paras[n])
        n++;
    const char **out = warta_arena_alloc(a, n * sizeof(*out));
    for (size_t i = 0, k = 0; i < n; i++)
        if (i != which)
            out[k++] = paras[i];
    return out;
}

static unsigned near_pair(const char *what, const char *const *x,
                          const char *const *y)
{
    struct warta_arena a = {0};
    unsigned d = warta_simhash_distance(sim_of(&a, x), sim_of(&a, y));
    printf("  near  %-48s distance %2u\n", what, d);
    warta_arena_free(&a);
    return d;
}

static unsigned far_pair(const char *what, const char *const *x,
                         const char *const *y)
{
    struct warta_arena a = {0};
    unsigned d = warta_simhash_distance(sim_of(&a, x), sim_of(&a, y));
    printf("  far   %-48s distance %2u\n", what, d);
    warta_arena_free(&a);
    return d;
}

static void test_reworded_phrase_is_near(void **state)
{
    (void)state;
    struct warta_arena a = {0};
    unsigned worst = 0, d;
#define NEAR(what, x, y)                                                       \
    do {                                                                       \
        d = near_pair(what, x, y);                                             \
        worst = d > worst ? d : worst;                                         \
        assert_true(d <= NEAR_MAX);                                            \
    } while (0)
    NEAR("id flood: 'terpaksa mengungsi' -> 'harus mengungsi'", id_flood_a,
         reword(&a, id_flood_a, "terpaksa mengungsi", "harus mengungsi"));
    NEAR("id flood: quote attribution reworded", id_flood_a,
         reword(&a, id_flood_a, "kata Isnawa di Jakarta, Senin",
                "ujar Isnawa saat dihubungi, Senin"));
    NEAR("id flood: number corrected 312 -> 321", id_flood_a,
         reword(&a, id_flood_a, "sebanyak 312 warga", "sebanyak 321 warga"));
    NEAR("id econ: 'mengatakan' -> 'menyatakan'", id_econ,
         reword(&a, id_econ, "Perry Warjiyo mengatakan",
                "Perry Warjiyo menyatakan"));
    NEAR("id econ: phrase rewritten", id_econ,
         reword(&a, id_econ, "seiring dengan meredanya ketidakpastian global",
                "karena ketidakpastian global mereda"));
    NEAR("en quake: 'struck off' -> 'hit off'", en_quake_a,
         reword(&a, en_quake_a, "earthquake struck off", "earthquake hit off"));
    NEAR("en quake: quote attribution reworded", en_quake_a,
         reword(&a, en_quake_a, "told a news conference",
                "said at a briefing"));
    NEAR("en asean: 'on Tuesday urged' -> 'urged on Tuesday'", en_asean,
         reword(&a, en_asean, "on Tuesday urged an end", "urged an end"));
    NEAR("en asean: clause rewritten", en_asean,
         reword(&a, en_asean, "angering some partners who said",
                "which irritated partners who argued"));
#undef NEAR
    printf("  worst near distance %u (limit %d)\n", worst, NEAR_MAX);
    warta_arena_free(&a);
}

static void test_body_twice_is_same(void **state)
{
    (void)state;
    struct warta_arena a = {0};
    assert_int_equal(near_pair("id flood: body pasted twice", id_flood_a,
                               twice(&a, id_flood_a)), 0);
    assert_int_equal(near_pair("en quake: body pasted twice", en_quake_a,
                               twice(&a, en_quake_a)), 0);
    /* A missing last paragraph (a truncated copy) is still close. */
    assert_true(near_pair("en asean: last paragraph missing", en_asean,
                          drop(&a, en_asean, 5)) <= 3);
    warta_arena_free(&a);
}

static void test_same_topic_is_far(void **state)
{
    (void)state;
    unsigned best = 64, d;
#define FAR(what, x, y)                                                        \
    do {                                                                       \
        d = far_pair(what, x, y);                                              \
        best = d < best ? d : best;                                            \
        assert_true(d >= FAR_MIN);                                             \
    } while (0)
    FAR("id flood: BPBD report vs field report", id_flood_a, id_flood_b);
    FAR("id econ: BI decision vs market reaction", id_econ, id_econ_b);
    FAR("en quake: agency report vs travel angle", en_quake_a, en_quake_b);
    FAR("en asean: Myanmar focus vs South China Sea focus", en_asean,
        en_asean_b);
    FAR("id flood vs id econ", id_flood_a, id_econ);
    FAR("en quake vs en asean", en_quake_a, en_asean);
    FAR("id flood vs en quake", id_flood_a, en_quake_a);
#undef FAR
    printf("  closest unrelated distance %u (limit %d)\n", best, FAR_MIN);
}

/* A doc with roles: title and footer differ, the body does not. */
static void build_doc(struct warta_doc *doc, struct warta_arena *a,
                      const char *title, const char *const *paras,
                      const char *footer)
{
    warta_doc_init(doc, a);
    struct warta_block *b = warta_doc_add_block(doc, WARTA_BLOCK_HEADING, title,
                                                strlen(title));
    b->role = WARTA_ROLE_TITLE;
    for (size_t i = 0; paras[i]; i++) {
        b = warta_doc_add_block(doc, WARTA_BLOCK_PARAGRAPH, paras[i],
                                strlen(paras[i]));
        b->role = i == 0 ? WARTA_ROLE_LEAD : WARTA_ROLE_BODY;
    }
    b = warta_doc_add_block(doc, WARTA_BLOCK_PARAGRAPH, footer, strlen(footer));
    b->role = WARTA_ROLE_FOOTER;
}

static void test_fingerprint_ignores_title_and_footer(void **state)
{
    (void)state;
    struct warta_arena a = {0};
    struct warta_doc x, y, z;
    build_doc(&x, &a, "Banjir rendam 47 RT di Jakarta", id_flood_a,
              "Pewarta: Fulan\nEditor: Fulanah\nCOPYRIGHT © ANTARA 2024");
    build_doc(&y, &a, "Ratusan warga mengungsi akibat banjir Ciliwung",
              id_flood_a, "Penulis: Redaksi | Sumber: Antara");
    build_doc(&z, &a, "Banjir rendam 47 RT di Jakarta", id_flood_b,
              "Pewarta: Fulan\nEditor: Fulanah\nCOPYRIGHT © ANTARA 2024");
    /* A repeated paragraph that in-article dedupe removed does not count. */
    struct warta_block *rep =
        warta_doc_add_block(&y, WARTA_BLOCK_PARAGRAPH, id_flood_b[0],
                            strlen(id_flood_b[0]));
    rep->removed_reason = "duplicate";
    warta_dedupe_fingerprint(&x);
    warta_dedupe_fingerprint(&y);
    warta_dedupe_fingerprint(&z);
    assert_true(x.dedupe.have_simhash && y.dedupe.have_simhash);
    assert_int_equal(x.dedupe.simhash, y.dedupe.simhash);
    assert_string_equal(x.dedupe.content_hash, y.dedupe.content_hash);
    assert_string_equal(x.id, y.id);
    assert_int_equal(strlen(x.id), 16);
    assert_int_equal(strncmp(x.dedupe.content_hash, "xxh128:", 7), 0);
    assert_int_equal(strlen(x.dedupe.content_hash), 7 + 32);
    assert_string_not_equal(x.id, z.id);
    printf("  doc id %s, %s\n", x.id, x.dedupe.content_hash);
    warta_arena_free(&a);
}

static void test_empty_and_short(void **state)
{
    (void)state;
    struct warta_arena a = {0};
    struct warta_doc d;
    warta_doc_init(&d, &a);
    warta_dedupe_fingerprint(&d);
    assert_false(d.dedupe.have_simhash);
    assert_null(d.id);
    assert_int_equal(warta_simhash_text("", 0), 0);
    /* Only stopwords: no features, no crash. */
    assert_int_equal(warta_simhash_text("yang dan di", 11), 0);
    assert_int_not_equal(warta_simhash_text("banjir", 6), 0);
    /* Deterministic across calls. */
    assert_int_equal(warta_simhash_text("banjir jakarta", 14),
                     warta_simhash_text("banjir jakarta", 14));
    warta_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reworded_phrase_is_near),
        cmocka_unit_test(test_body_twice_is_same),
        cmocka_unit_test(test_same_topic_is_far),
        cmocka_unit_test(test_fingerprint_ignores_title_and_footer),
        cmocka_unit_test(test_empty_and_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
