/*
 * `sqlite:PATH` index backend, the embedded default: a restart, or a
 * kill -9, forgets nothing that was committed.
 *
 * One table of entries with the four 16-bit blocks of the fingerprint as
 * columns b0..b3, each with an index on (bN, simhash, first_seen): a probe
 * is one index range read that already yields what the distance check and
 * the ordering need, with no table access; only the hits that will be
 * listed are fetched by rowid.
 *
 * WAL with synchronous=NORMAL: every insert is its own transaction and
 * survives a process crash (a power cut may lose the last ones, which an
 * index of what we have seen can afford). The layout is recorded in the
 * meta table; a file with another layout is refused rather than misread.
 *
 * One connection behind a mutex: SQLite serialises writers anyway, and a
 * lookup is a few B-tree range reads (about 50 us at a million entries,
 * tests/bench/bench_index.c).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "dedupe/index_backend.h"
#include "warta/log.h"
#include "warta/simhash.h"

#define LAYOUT "4x16"
#define BUSY_TIMEOUT_MS 5000
/* Page cache (KiB): enough for the hot upper levels of the indexes at a
 * million entries. A bulk load gets more while it runs, for the random-key
 * inserts into the id index and the sorts that rebuild the others. */
#define CACHE_KIB 16384
#define BATCH_CACHE_KIB 262144
#define STR_(x) #x
#define STR(x) STR_(x)

struct sql_index {
    struct warta_index base;
    pthread_mutex_t lock;
    sqlite3 *db;
    sqlite3_stmt *probe[WARTA_INDEX_BLOCKS];
    sqlite3_stmt *fetch, *insert, *prune, *begin, *commit;
    sqlite3_stmt *read_begin, *read_end;
    sqlite3_stmt *probe_blocks; /* the four blocks' own values at once */
    sqlite3_stmt *cache_big, *cache_normal;
    bool in_batch;
};

static struct sql_index *sql_of(struct warta_index *idx)
{
    return (struct sql_index *)idx;
}

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY,"
    " value TEXT NOT NULL);"
    "INSERT OR IGNORE INTO meta(key, value) VALUES('layout', '" LAYOUT "');"
    "CREATE TABLE IF NOT EXISTS entries("
    " id TEXT NOT NULL UNIQUE, simhash INTEGER NOT NULL, content_hash TEXT,"
    " title TEXT, url TEXT, first_seen INTEGER NOT NULL,"
    " b0 INTEGER NOT NULL, b1 INTEGER NOT NULL, b2 INTEGER NOT NULL,"
    " b3 INTEGER NOT NULL);";

/* The lookup and pruning indexes. A bulk load drops them and builds them
 * again at the end: sorting a million keys once is several times faster
 * than a million random inserts into five B-trees. The id index stays, as
 * it keeps a repeated id from being stored twice. */
static const char indexes[] =
    "CREATE INDEX IF NOT EXISTS entries_b0 ON entries(b0, simhash,"
    " first_seen);"
    "CREATE INDEX IF NOT EXISTS entries_b1 ON entries(b1, simhash,"
    " first_seen);"
    "CREATE INDEX IF NOT EXISTS entries_b2 ON entries(b2, simhash,"
    " first_seen);"
    "CREATE INDEX IF NOT EXISTS entries_b3 ON entries(b3, simhash,"
    " first_seen);"
    "CREATE INDEX IF NOT EXISTS entries_first_seen ON entries(first_seen);";
static const char drop_indexes[] =
    "DROP INDEX IF EXISTS entries_b0; DROP INDEX IF EXISTS entries_b1;"
    "DROP INDEX IF EXISTS entries_b2; DROP INDEX IF EXISTS entries_b3;"
    "DROP INDEX IF EXISTS entries_first_seen;";

static void sql_close(struct warta_index *idx)
{
    struct sql_index *s = sql_of(idx);
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++)
        sqlite3_finalize(s->probe[b]);
    sqlite3_finalize(s->fetch);
    sqlite3_finalize(s->insert);
    sqlite3_finalize(s->prune);
    sqlite3_finalize(s->begin);
    sqlite3_finalize(s->commit);
    sqlite3_finalize(s->probe_blocks);
    sqlite3_finalize(s->read_begin);
    sqlite3_finalize(s->read_end);
    sqlite3_finalize(s->cache_big);
    sqlite3_finalize(s->cache_normal);
    sqlite3_close(s->db);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

static bool sql_ready(struct warta_index *idx)
{
    (void)idx;
    return true;
}

static enum warta_err sql_fail(struct sql_index *s, const char *what)
{
    WARTA_LOG(WARTA_LOG_ERROR, "index", NULL, "sqlite %s: %s", what,
              sqlite3_errmsg(s->db));
    return WARTA_ERR_INDEX_UNAVAILABLE;
}

static const char *col_text(sqlite3_stmt *st, int col, struct warta_arena *a)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? warta_arena_strdup(a, (const char *)t) : NULL;
}

/* A candidate found by a probe, before its entry is fetched. */
struct sql_cand {
    unsigned distance;
    int64_t first_seen, rowid;
};

static int cand_cmp(const void *pa, const void *pb)
{
    const struct sql_cand *a = pa, *b = pb;
    if (a->distance != b->distance)
        return a->distance < b->distance ? -1 : 1;
    if (a->first_seen != b->first_seen)
        return a->first_seen < b->first_seen ? -1 : 1;
    return (a->rowid > b->rowid) - (a->rowid < b->rowid);
}

static enum warta_err sql_step_once(struct sql_index *s, sqlite3_stmt *st,
                                    const char *what)
{
    enum warta_err rc = WARTA_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = sql_fail(s, what);
    sqlite3_reset(st);
    return rc;
}

static enum warta_err sql_exec(struct sql_index *s, const char *sql,
                               const char *what)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK
               ? WARTA_OK
               : sql_fail(s, what);
}

struct cand_list {
    struct warta_arena *arena;
    struct sql_cand *v;
    size_t n, cap;
};

/* Reads the rows of one probe statement (rowid, simhash, first_seen and,
 * for the four-block statement, the block that matched) into the
 * candidates within max_distance, each entry once; resets st. block is
 * the probed block, or -1 to read it from the row. */
static enum warta_err collect(struct sql_index *s, sqlite3_stmt *st, int block,
                              uint64_t simhash, unsigned max_distance,
                              unsigned radius, struct cand_list *cl)
{
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        uint64_t other = (uint64_t)sqlite3_column_int64(st, 1);
        unsigned b = block >= 0 ? (unsigned)block : (unsigned)sqlite3_column_int(st, 3);
        unsigned d = warta_simhash_distance(simhash, other);
        if (d > max_distance || !warta_index_first_block(simhash, other, b, radius))
            continue;
        if (cl->n == cl->cap) {
            size_t ncap = cl->cap ? cl->cap * 2 : 16;
            cl->v = warta_arena_grow(cl->arena, cl->v, cl->n, ncap, sizeof(*cl->v));
            cl->cap = ncap;
        }
        struct sql_cand *c = &cl->v[cl->n++];
        c->distance = d;
        c->rowid = sqlite3_column_int64(st, 0);
        c->first_seen = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return step == SQLITE_DONE ? WARTA_OK : sql_fail(s, "probe");
}

_Static_assert(WARTA_INDEX_BLOCKS == 4, "probe_blocks names four block columns");

static enum warta_err sql_lookup(struct warta_index *idx, uint64_t simhash,
                                 unsigned max_distance, size_t max_hits,
                                 struct warta_arena *a,
                                 struct warta_index_hits *out)
{
    struct sql_index *s = sql_of(idx);
    unsigned radius = warta_index_radius(max_distance);
    unsigned probes[WARTA_INDEX_MAX_PROBES];
    enum warta_err rc = WARTA_OK;
    size_t first = out->n;
    pthread_mutex_lock(&s->lock);
    /* The probes and fetches in one read transaction: each statement on
     * its own took and released the WAL read lock, ten fcntl calls per
     * lookup. Inside a bulk load the open write transaction serves. */
    bool own_txn = sqlite3_get_autocommit(s->db);
    if (own_txn && (rc = sql_step_once(s, s->read_begin, "begin read")) != WARTA_OK) {
        pthread_mutex_unlock(&s->lock);
        return rc;
    }
    struct cand_list cl = {.arena = a};
    if (radius == 0) {
        /* Each block probed for its own value only (distances up to 3):
         * one statement for the four. */
        for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++)
            sqlite3_bind_int(s->probe_blocks, (int)b + 1,
                             (int)warta_index_block(simhash, b));
        rc = collect(s, s->probe_blocks, -1, simhash, max_distance, radius, &cl);
    }
    for (unsigned b = 0; radius > 0 && b < WARTA_INDEX_BLOCKS && rc == WARTA_OK; b++) {
        sqlite3_stmt *st = s->probe[b];
        size_t np = warta_index_probe_values(warta_index_block(simhash, b),
                                             radius, probes);
        for (size_t p = 0; p < np && rc == WARTA_OK; p++) {
            sqlite3_bind_int(st, 1, (int)probes[p]);
            rc = collect(s, st, (int)b, simhash, max_distance, radius, &cl);
        }
    }
    if (rc != WARTA_OK)
        goto out;
    struct sql_cand *cand = cl.v;
    size_t n_cand = cl.n;
    /* Only the entries that will be listed are fetched. */
    if (n_cand > 1)
        qsort(cand, n_cand, sizeof(*cand), cand_cmp);
    if (max_hits && n_cand > max_hits)
        n_cand = max_hits;
    for (size_t i = 0; i < n_cand; i++) {
        struct warta_index_hit *h = warta_index_hits_push(a, out);
        h->distance = cand[i].distance;
        sqlite3_bind_int64(s->fetch, 1, cand[i].rowid);
        int step = sqlite3_step(s->fetch);
        if (step == SQLITE_ROW) {
            h->id = col_text(s->fetch, 0, a);
            h->title = col_text(s->fetch, 1, a);
            h->url = col_text(s->fetch, 2, a);
            h->first_seen = sqlite3_column_int64(s->fetch, 3);
        }
        sqlite3_reset(s->fetch);
        if (step != SQLITE_ROW) {
            rc = sql_fail(s, "fetch");
            goto out;
        }
    }
out:
    /* A read transaction left open would pin this snapshot for good. */
    if (own_txn && sql_step_once(s, s->read_end, "end read") != WARTA_OK)
        (void)sql_exec(s, "ROLLBACK", "rollback");
    pthread_mutex_unlock(&s->lock);
    if (rc != WARTA_OK)
        out->n = first;
    return rc;
}

static void bind_text(sqlite3_stmt *st, int col, const char *t)
{
    if (t)
        sqlite3_bind_text(st, col, t, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, col);
}

static enum warta_err sql_insert(struct warta_index *idx,
                                 const struct warta_index_entry *e)
{
    struct sql_index *s = sql_of(idx);
    sqlite3_stmt *st = s->insert;
    enum warta_err rc = WARTA_OK;
    pthread_mutex_lock(&s->lock);
    bind_text(st, 1, e->id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)e->simhash);
    bind_text(st, 3, e->content_hash);
    bind_text(st, 4, e->title);
    bind_text(st, 5, e->url);
    sqlite3_bind_int64(st, 6, e->first_seen);
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++)
        sqlite3_bind_int(st, 7 + (int)b, (int)warta_index_block(e->simhash, b));
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = sql_fail(s, "insert");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static enum warta_err sql_prune(struct warta_index *idx, int64_t older_than)
{
    struct sql_index *s = sql_of(idx);
    enum warta_err rc = WARTA_OK;
    pthread_mutex_lock(&s->lock);
    /* A bulk load has dropped the first_seen index: the scheduled prunes
     * would each scan the table. The next one after the load catches up. */
    if (s->in_batch)
        goto out;
    sqlite3_bind_int64(s->prune, 1, older_than);
    if (sqlite3_step(s->prune) != SQLITE_DONE)
        rc = sql_fail(s, "prune");
    else if (sqlite3_changes(s->db) > 0)
        WARTA_LOG(WARTA_LOG_INFO, "index", NULL,
                  "pruned %d entries past retention", sqlite3_changes(s->db));
    sqlite3_reset(s->prune);
out:
    pthread_mutex_unlock(&s->lock);
    return rc;
}


/* One transaction: a crash in the middle leaves the index as it was,
 * indexes included. */
static enum warta_err sql_batch_begin(struct warta_index *idx)
{
    struct sql_index *s = sql_of(idx);
    pthread_mutex_lock(&s->lock);
    enum warta_err rc = WARTA_OK;
    if (!s->in_batch) {
        (void)sql_step_once(s, s->cache_big, "cache_size");
        rc = sql_step_once(s, s->begin, "begin");
        if (rc == WARTA_OK) {
            rc = sql_exec(s, drop_indexes, "drop indexes");
            if (rc != WARTA_OK)
                (void)sql_exec(s, "ROLLBACK", "rollback");
        }
    }
    if (rc == WARTA_OK)
        s->in_batch = true;
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static enum warta_err sql_batch_end(struct warta_index *idx)
{
    struct sql_index *s = sql_of(idx);
    pthread_mutex_lock(&s->lock);
    enum warta_err rc = WARTA_OK;
    if (s->in_batch) {
        rc = sql_exec(s, indexes, "create indexes");
        if (rc == WARTA_OK)
            rc = sql_step_once(s, s->commit, "commit");
        else
            (void)sql_exec(s, "ROLLBACK", "rollback");
        /* Shrinking the cache releases the bulk load's pages. */
        (void)sql_step_once(s, s->cache_normal, "cache_size");
    }
    s->in_batch = false;
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static const struct warta_index_ops sql_ops = {
    .name = "sqlite",
    .close = sql_close,
    .ready = sql_ready,
    .lookup = sql_lookup,
    .insert = sql_insert,
    .prune = sql_prune,
    .batch_begin = sql_batch_begin,
    .batch_end = sql_batch_end,
};

static int prepare(struct sql_index *s, sqlite3_stmt **st, const char *sql)
{
    return sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
                              NULL);
}

enum warta_err warta_index_sqlite_open(struct warta_index **out,
                                       const char *path,
                                       struct warta_error *err)
{
    struct sql_index *s = warta_xcalloc(1, sizeof(*s));
    enum warta_err rc = WARTA_OK;
    char *msg = NULL;
    s->base.ops = &sql_ops;
    pthread_mutex_init(&s->lock, NULL);
    int src = sqlite3_open_v2(path, &s->db,
                              SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                  SQLITE_OPEN_NOMUTEX,
                              NULL);
    if (src != SQLITE_OK)
        goto fail;
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    src = sqlite3_exec(s->db,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                       "PRAGMA cache_size=-" STR(CACHE_KIB) ";",
                       NULL, NULL, &msg);
    if (src != SQLITE_OK)
        goto fail;
    src = sqlite3_exec(s->db, schema, NULL, NULL, &msg);
    if (src == SQLITE_OK)
        src = sqlite3_exec(s->db, indexes, NULL, NULL, &msg);
    if (src != SQLITE_OK)
        goto fail;

    sqlite3_stmt *layout = NULL;
    src = prepare(s, &layout, "SELECT value FROM meta WHERE key = 'layout'");
    if (src != SQLITE_OK)
        goto fail;
    bool same = sqlite3_step(layout) == SQLITE_ROW &&
                !strcmp((const char *)sqlite3_column_text(layout, 0), LAYOUT);
    sqlite3_finalize(layout);
    if (!same) {
        rc = warta_error_set(err, WARTA_ERR_INTERNAL,
                             "index %s was written with another block layout "
                             "than " LAYOUT "; move it away to start afresh",
                             path);
        goto out;
    }

    static const char *const probe_sql[WARTA_INDEX_BLOCKS] = {
        "SELECT rowid, simhash, first_seen FROM entries WHERE b0 = ?1",
        "SELECT rowid, simhash, first_seen FROM entries WHERE b1 = ?1",
        "SELECT rowid, simhash, first_seen FROM entries WHERE b2 = ?1",
        "SELECT rowid, simhash, first_seen FROM entries WHERE b3 = ?1",
    };
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS && src == SQLITE_OK; b++)
        src = prepare(s, &s->probe[b], probe_sql[b]);
    if (src == SQLITE_OK)
        src = prepare(s, &s->fetch,
                      "SELECT id, title, url, first_seen FROM entries "
                      "WHERE rowid = ?1");
    if (src == SQLITE_OK)
        src = prepare(s, &s->insert,
                      "INSERT OR IGNORE INTO entries(id, simhash, content_hash,"
                      " title, url, first_seen, b0, b1, b2, b3)"
                      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (src == SQLITE_OK)
        src = prepare(s, &s->prune,
                      "DELETE FROM entries WHERE first_seen < ?1");
    if (src == SQLITE_OK)
        src = prepare(s, &s->begin, "BEGIN IMMEDIATE");
    if (src == SQLITE_OK)
        src = prepare(s, &s->commit, "COMMIT");
    if (src == SQLITE_OK)
        src = prepare(s, &s->probe_blocks,
                      "SELECT rowid, simhash, first_seen, 0 FROM entries"
                      " WHERE b0 = ?1 UNION ALL "
                      "SELECT rowid, simhash, first_seen, 1 FROM entries"
                      " WHERE b1 = ?2 UNION ALL "
                      "SELECT rowid, simhash, first_seen, 2 FROM entries"
                      " WHERE b2 = ?3 UNION ALL "
                      "SELECT rowid, simhash, first_seen, 3 FROM entries"
                      " WHERE b3 = ?4");
    if (src == SQLITE_OK)
        src = prepare(s, &s->read_begin, "BEGIN");
    if (src == SQLITE_OK)
        src = prepare(s, &s->read_end, "COMMIT");
    if (src == SQLITE_OK)
        src = prepare(s, &s->cache_big,
                      "PRAGMA cache_size=-" STR(BATCH_CACHE_KIB));
    if (src == SQLITE_OK)
        src = prepare(s, &s->cache_normal,
                      "PRAGMA cache_size=-" STR(CACHE_KIB));
    if (src != SQLITE_OK)
        goto fail;
    *out = &s->base;
    return WARTA_OK;
fail:
    rc = warta_error_set(err, WARTA_ERR_INTERNAL,
                         "cannot open the SQLite index %s: %s", path,
                         msg ? msg
                             : s->db ? sqlite3_errmsg(s->db)
                                     : sqlite3_errstr(src));
out:
    sqlite3_free(msg);
    sql_close(&s->base);
    *out = NULL;
    return rc;
}
