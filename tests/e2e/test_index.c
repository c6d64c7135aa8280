/*
 * The cross-article index end to end, with the real binary:
 *  - two warta processes sharing one Redis see each other's articles;
 *  - a warta on SQLite killed with SIGKILL right after answering still
 *    knows, once restarted, what it stored;
 *  - Redis stopped mid-run: articles still normalize with the warning
 *    "index-unavailable" and /readyz answers 503; once Redis is back on the
 *    same port both recover without restarting warta;
 *  - an exact repeat is listed at distance 0 under the same id and stored
 *    once; remember=false stores nothing.
 * The redis-server is started by this test on a free loopback port.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>

#include "e2e.h"
#include "redis_server.h"

static const char article[] =
    "Banjir rendam 47 RT di Jakarta Timur dan Selatan\n\n"
    "JAKARTA (ANTARA) - Badan Penanggulangan Bencana Daerah (BPBD) DKI "
    "Jakarta mencatat sebanyak 47 rukun tetangga (RT) di wilayah Jakarta "
    "Timur dan Jakarta Selatan terendam banjir pada Senin pagi setelah hujan "
    "deras mengguyur ibu kota sejak Minggu malam.\n\n"
    "Kepala Pelaksana BPBD DKI Jakarta Isnawa Adji mengatakan ketinggian air "
    "di permukiman warga bervariasi antara 30 sentimeter hingga 1,2 meter. "
    "Genangan paling parah terjadi di Kelurahan Kampung Melayu, Bidara Cina "
    "dan Cawang yang berada di bantaran Sungai Ciliwung.\n\n"
    "Menurut dia, sebanyak 312 warga terpaksa mengungsi ke masjid, sekolah "
    "dan balai warga terdekat. BPBD bersama Dinas Sosial telah mendirikan "
    "dapur umum dan menyalurkan makanan siap saji, selimut serta air bersih "
    "kepada para pengungsi.\n\n"
    "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperkirakan hujan "
    "dengan intensitas sedang hingga lebat masih akan turun di Jabodetabek "
    "hingga tiga hari ke depan. Warga yang tinggal di bantaran sungai "
    "diminta tetap waspada dan segera melapor ke nomor darurat 112.\n";

/* The same story another site ran: a phrase reworded, its own title. */
static const char reworded[] =
    "Puluhan RT di Jakarta terendam, ratusan warga mengungsi\n\n"
    "JAKARTA (ANTARA) - Badan Penanggulangan Bencana Daerah (BPBD) DKI "
    "Jakarta mencatat sebanyak 47 rukun tetangga (RT) di wilayah Jakarta "
    "Timur dan Jakarta Selatan terendam banjir pada Senin pagi setelah hujan "
    "deras mengguyur ibu kota sejak Minggu malam.\n\n"
    "Kepala Pelaksana BPBD DKI Jakarta Isnawa Adji mengatakan ketinggian air "
    "di permukiman warga bervariasi antara 30 sentimeter hingga 1,2 meter. "
    "Genangan paling parah terjadi di Kelurahan Kampung Melayu, Bidara Cina "
    "dan Cawang yang berada di bantaran Sungai Ciliwung.\n\n"
    "Menurut dia, sebanyak 312 warga harus mengungsi ke masjid, sekolah "
    "dan balai warga terdekat. BPBD bersama Dinas Sosial telah mendirikan "
    "dapur umum dan menyalurkan makanan siap saji, selimut serta air bersih "
    "kepada para pengungsi.\n\n"
    "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperkirakan hujan "
    "dengan intensitas sedang hingga lebat masih akan turun di Jabodetabek "
    "hingga tiga hari ke depan. Warga yang tinggal di bantaran sungai "
    "diminta tetap waspada dan segera melapor ke nomor darurat 112.\n";

/* Same city, same week, a different story. */
static const char unrelated[] =
    "Jalur sepeda baru di Jakarta Timur diresmikan\n\n"
    "JAKARTA (ANTARA) - Pemerintah Kota Jakarta Timur meresmikan jalur "
    "sepeda sepanjang dua belas kilometer yang menghubungkan kawasan "
    "perumahan di Cakung dengan pusat perkantoran di Jatinegara pada Kamis "
    "pagi.\n\n"
    "Wali Kota Jakarta Timur mengatakan jalur itu dibangun agar warga "
    "memiliki pilihan perjalanan yang lebih sehat dan murah, sekaligus "
    "mengurangi kemacetan pada jam sibuk di Jalan Raya Bekasi.\n\n"
    "Menurut dia, pembangunan tahap berikutnya akan dimulai tahun depan "
    "setelah evaluasi penggunaan jalur selama enam bulan pertama, termasuk "
    "penambahan rambu dan lampu penerangan di persimpangan.\n";

static const char *const text_ct[] = {"Content-Type: text/plain", NULL};

static char tmpdir[128];

/* POSTs a text article; returns the parsed 200 answer. */
static json_t *post(const struct e2e_server *s, const char *text,
                    const char *query)
{
    struct e2e_response r;
    char path[128];
    snprintf(path, sizeof(path), "/v1/normalize%s", query ? query : "");
    assert_int_equal(e2e_request(s, "POST", path, text_ct, text, strlen(text),
                                 &r), 0);
    if (r.status != 200)
        fail_msg("POST %s: status %ld: %.400s", path, r.status, r.body);
    json_error_t jerr;
    json_t *root = json_loadb(r.body, r.len, 0, &jerr);
    e2e_response_free(&r);
    assert_non_null(root);
    return root;
}

static long readyz(const struct e2e_server *s)
{
    struct e2e_response r;
    assert_int_equal(e2e_request(s, "GET", "/readyz", NULL, NULL, 0, &r), 0);
    long st = r.status;
    e2e_response_free(&r);
    return st;
}

static const char *id_of(json_t *a)
{
    const char *id = json_string_value(json_object_get(a, "id"));
    assert_non_null(id);
    return id;
}

static json_t *near_of(json_t *a)
{
    json_t *n = json_object_get(json_object_get(a, "dedupe"),
                                "near_duplicates");
    assert_true(json_is_array(n));
    return n;
}

static bool has_warning(json_t *a, const char *slug)
{
    json_t *w = json_object_get(a, "warnings"), *v;
    size_t i;
    json_array_foreach(w, i, v) if (!strcmp(json_string_value(v), slug))
        return true;
    return false;
}

/* The near duplicate with this id, or NULL. */
static json_t *near_with_id(json_t *a, const char *id)
{
    json_t *n = near_of(a), *v;
    size_t i;
    json_array_foreach(n, i, v)
    {
        const char *vid = json_string_value(json_object_get(v, "id"));
        if (vid && !strcmp(vid, id))
            return v;
    }
    return NULL;
}

static void assert_rfc3339_utc(const char *s)
{
    assert_non_null(s);
    int y, mo, d, h, mi, se;
    char z;
    assert_int_equal(sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h,
                            &mi, &se, &z), 7);
    assert_int_equal(z, 'Z');
    assert_int_equal(strlen(s), 20);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void test_replicas_share_redis(void **state)
{
    (void)state;
    struct test_redis redis;
    if (test_redis_start(&redis, e2e_free_port()) != 0)
        skip();
    char spec[64];
    snprintf(spec, sizeof(spec), "redis://127.0.0.1:%u/0", redis.port);
    const char *const args[] = {"--index", spec, NULL};
    struct e2e_server a, b;
    assert_int_equal(e2e_server_start(&a, args, NULL), 0);
    assert_int_equal(e2e_server_start(&b, args, NULL), 0);
    assert_int_equal(readyz(&a), 200);

    json_t *ra = post(&a, article, NULL);
    assert_int_equal(json_array_size(near_of(ra)), 0);
    json_t *rb = post(&b, reworded, NULL);
    json_t *hit = near_with_id(rb, id_of(ra));
    if (!hit)
        fail_msg("replica B does not list A's article %s: %s", id_of(ra),
                 json_dumps(json_object_get(rb, "dedupe"), 0));
    json_int_t d = json_integer_value(json_object_get(hit, "distance"));
    printf("  B lists A's %s at distance %d\n", id_of(ra), (int)d);
    assert_true(d <= 3);
    assert_string_equal(json_string_value(json_object_get(hit, "title")),
                        json_string_value(json_object_get(ra, "title")));
    assert_rfc3339_utc(json_string_value(json_object_get(hit, "first_seen")));
    assert_string_not_equal(id_of(ra), id_of(rb));

    /* And the other way: A now knows B's copy. Unrelated stays clear. */
    json_t *ru = post(&a, unrelated, NULL);
    assert_int_equal(json_array_size(near_of(ru)), 0);
    json_t *ra2 = post(&a, reworded, NULL);
    assert_non_null(near_with_id(ra2, id_of(ra)));

    json_decref(ra);
    json_decref(rb);
    json_decref(ru);
    json_decref(ra2);
    assert_int_equal(e2e_server_stop(&a), 0);
    assert_int_equal(e2e_server_stop(&b), 0);
    test_redis_stop(&redis);
}

static void test_sqlite_survives_sigkill(void **state)
{
    (void)state;
    char spec[256];
    snprintf(spec, sizeof(spec), "sqlite:%s/kill/index.sqlite", tmpdir);
    const char *const args[] = {"--index", spec, NULL};
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, args, NULL), 0);
    json_t *r1 = post(&s, article, NULL);
    char *id = strdup(id_of(r1));
    json_decref(r1);
    /* Not drained: the insert committed before the answer must survive. */
    e2e_server_kill(&s);

    assert_int_equal(e2e_server_start(&s, args, NULL), 0);
    json_t *r2 = post(&s, reworded, NULL);
    json_t *hit = near_with_id(r2, id);
    if (!hit)
        fail_msg("after kill -9 the index forgot %s: %s", id,
                 json_dumps(json_object_get(r2, "dedupe"), 0));
    printf("  after SIGKILL and restart, %s is still known\n", id);
    json_decref(r2);
    free(id);
    assert_int_equal(e2e_server_stop(&s), 0);
}

static void test_exact_repeat_and_remember(void **state)
{
    (void)state;
    const char *const args[] = {"--index", "memory", NULL};
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, args, NULL), 0);

    /* remember=false: looked up, not stored. */
    json_t *r0 = post(&s, unrelated, "?remember=false");
    json_t *r0b = post(&s, unrelated, NULL);
    assert_int_equal(json_array_size(near_of(r0b)), 0);

    json_t *r1 = post(&s, article, NULL);
    json_t *r2 = post(&s, article, NULL);
    json_t *r3 = post(&s, article, NULL);
    assert_string_equal(id_of(r1), id_of(r2));
    /* The earlier copy, at distance 0, once: the repeat was not stored
     * again. */
    assert_int_equal(json_array_size(near_of(r3)), 1);
    json_t *hit = near_with_id(r3, id_of(r1));
    assert_non_null(hit);
    assert_int_equal(json_integer_value(json_object_get(hit, "distance")), 0);
    json_decref(r0);
    json_decref(r0b);
    json_decref(r1);
    json_decref(r2);
    json_decref(r3);
    assert_int_equal(e2e_server_stop(&s), 0);
}

static void test_redis_down_degrades_and_recovers(void **state)
{
    (void)state;
    struct test_redis redis;
    unsigned port = e2e_free_port();
    if (test_redis_start(&redis, port) != 0)
        skip();
    char spec[64];
    snprintf(spec, sizeof(spec), "redis://127.0.0.1:%u/0", port);
    const char *const args[] = {"--index", spec, NULL};
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, args, NULL), 0);
    assert_int_equal(readyz(&s), 200);
    json_t *r1 = post(&s, article, NULL);
    assert_false(has_warning(r1, "index-unavailable"));
    char *id = strdup(id_of(r1));
    json_decref(r1);

    test_redis_stop(&redis);
    json_t *r2 = post(&s, reworded, NULL);
    assert_true(has_warning(r2, "index-unavailable"));
    assert_int_equal(json_array_size(near_of(r2)), 0);
    /* Still a whole article. */
    assert_true(json_array_size(json_object_get(r2, "paragraphs")) >= 3);
    json_decref(r2);
    sleep_ms(600); /* past the reconnect rate limit */
    assert_int_equal(readyz(&s), 503);

    /* Back on the same port (empty: persistence is off). */
    assert_int_equal(test_redis_start(&redis, port), 0);
    long st = 0;
    for (int i = 0; i < 30 && st != 200; i++) {
        sleep_ms(200);
        st = readyz(&s);
    }
    assert_int_equal(st, 200);
    json_t *r3 = post(&s, article, NULL);
    assert_false(has_warning(r3, "index-unavailable"));
    json_t *r4 = post(&s, reworded, NULL);
    assert_false(has_warning(r4, "index-unavailable"));
    assert_non_null(near_with_id(r4, id));
    printf("  redis down: warning + 503; back: ready and remembering\n");
    json_decref(r3);
    json_decref(r4);
    free(id);
    assert_int_equal(e2e_server_stop(&s), 0);
    test_redis_stop(&redis);
}

/* Starting with Redis down is allowed: not ready, articles still served. */
static void test_start_with_redis_down(void **state)
{
    (void)state;
    char spec[64];
    snprintf(spec, sizeof(spec), "redis://127.0.0.1:%u/0", e2e_free_port());
    const char *const args[] = {"--index", spec, NULL};
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, args, NULL), 0);
    assert_int_equal(readyz(&s), 503);
    json_t *r = post(&s, article, NULL);
    assert_true(has_warning(r, "index-unavailable"));
    json_decref(r);
    assert_int_equal(e2e_server_stop(&s), 0);
}

static void test_bad_index_spec_refuses_to_start(void **state)
{
    (void)state;
    const char *const args[] = {"--index", "redis://nohost:notaport", NULL};
    struct e2e_server s;
    assert_int_equal(e2e_server_start(&s, args, NULL), -1);
    char *log = e2e_read_file(s.log_path, NULL);
    assert_non_null(log);
    assert_non_null(strstr(log, "malformed --index"));
    free(log);
}

static int group_setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/warta-e2e-index-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replicas_share_redis),
        cmocka_unit_test(test_sqlite_survives_sigkill),
        cmocka_unit_test(test_exact_repeat_and_remember),
        cmocka_unit_test(test_redis_down_degrades_and_recovers),
        cmocka_unit_test(test_start_with_redis_down),
        cmocka_unit_test(test_bad_index_spec_refuses_to_start),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
