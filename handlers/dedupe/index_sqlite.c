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
 * One connection per thread, opened on the thread's first call: WAL lets
 * readers run side by side, and SQLite's own locking (with a busy timeout)
 * orders the writers. A single shared connection behind a mutex made the
 * worker threads queue for every lookup. Each connection has its own page
 * cache (CACHE_KIB), so memory grows with the worker threads.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "dedupe/index_backend.h"
#include "warta/log.h"
#include "warta/simhash.h"

#define LAYOUT "4x16"
#define BUSY_TIMEOUT_MS 5000
/* Page cache (KiB) per connection: enough for the hot upper levels of the
 * indexes at a million entries. A bulk load gets more while it runs, for
 * the random-key inserts into the id index and the sorts that rebuild the
 * others. */
#define CACHE_KIB 16384
#define BATCH_CACHE_KIB 262144
#define STR_(x) #x
#define STR(x) STR_(x)

/* One thread's connection and its prepared statements. */
struct sql_conn {
    sqlite3 *db;
    sqlite3_stmt *probe[WARTA_INDEX_BLOCKS];
    sqlite3_stmt *probe_blocks; /* the four blocks' own values at once */
    sqlite3_stmt *fetch, *insert, *prune, *begin, *commit;
    sqlite3_stmt *read_begin, *read_end;
    sqlite3_stmt *cache_big, *cache_normal;
    bool in_batch;
    struct sql_conn *next;
};

struct sql_index {
    struct warta_index base;
    char *path;
    pthread_key_t key;    /* the calling thread's struct sql_conn */
    pthread_mutex_t lock; /* conns */
    struct sql_conn *conns;
    atomic_int batches; /* connections inside a bulk load */
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

static void conn_close(struct sql_conn *c)
{
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++)
        sqlite3_finalize(c->probe[b]);
    sqlite3_stmt *all[] = {c->probe_blocks, c->fetch,      c->insert,
                           c->prune,        c->begin,      c->commit,
                           c->read_begin,   c->read_end,   c->cache_big,
                           c->cache_normal};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        sqlite3_finalize(all[i]);
    sqlite3_close(c->db);
    free(c);
}

static int prepare(struct sql_conn *c, sqlite3_stmt **st, const char *sql)
{
    return sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
                              NULL);
}

_Static_assert(WARTA_INDEX_BLOCKS == 4, "probe_blocks names four block columns");

/* Opens a connection with its pragmas and statements. With `create` it
 * first creates the schema and checks the layout (the first connection);
 * *layout_ok tells whether the file's layout is ours. Returns an SQLite
 * code; *msg may get a message to sqlite3_free. */
/* Process-wide SQLite settings, made before its first use. Memory
 * accounting off: it takes one global mutex around every SQLite
 * allocation, and the worker threads' connections queued on it (a futex
 * call per request under load). Nothing here reads the statistics. */
static pthread_once_t configured = PTHREAD_ONCE_INIT;

static void configure(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int conn_open(const char *path, bool create, struct sql_conn **out,
                     bool *layout_ok, char **msg)
{
    pthread_once(&configured, configure);
    struct sql_conn *c = warta_xcalloc(1, sizeof(*c));
    *out = c;
    *layout_ok = true;
    int src = sqlite3_open_v2(path, &c->db,
                              SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                  SQLITE_OPEN_NOMUTEX,
                              NULL);
    if (src != SQLITE_OK)
        return src;
    sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
    src = sqlite3_exec(c->db,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                       "PRAGMA cache_size=-" STR(CACHE_KIB) ";",
                       NULL, NULL, msg);
    if (src == SQLITE_OK && create) {
        src = sqlite3_exec(c->db, schema, NULL, NULL, msg);
        if (src == SQLITE_OK)
            src = sqlite3_exec(c->db, indexes, NULL, NULL, msg);
        sqlite3_stmt *layout = NULL;
        if (src == SQLITE_OK)
            src = prepare(c, &layout, "SELECT value FROM meta WHERE key = 'layout'");
        if (src == SQLITE_OK)
            *layout_ok = sqlite3_step(layout) == SQLITE_ROW &&
                         !strcmp((const char *)sqlite3_column_text(layout, 0), LAYOUT);
        sqlite3_finalize(layout);
        if (!*layout_ok)
            return src;
    }
    static const char *const probe_sql[WARTA_INDEX_BLOCKS] = {
        "SELECT rowid, simhash, first_seen FROM entries WHERE b0 = ?1",
        "SELECT rowid, simhash, first_seen FROM entries WHERE b1 = ?1",
        "SELECT rowid, simhash, first_seen FROM entries WHERE b2 = ?1",
        "SELECT rowid, simhash, first_seen FROM entries WHERE b3 = ?1",
    };
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS && src == SQLITE_OK; b++)
        src = prepare(c, &c->probe[b], probe_sql[b]);
    const struct {
        sqlite3_stmt **st;
        const char *sql;
    } stmts[] = {
        {&c->probe_blocks,
         "SELECT rowid, simhash, first_seen, 0 FROM entries WHERE b0 = ?1"
         " UNION ALL "
         "SELECT rowid, simhash, first_seen, 1 FROM entries WHERE b1 = ?2"
         " UNION ALL "
         "SELECT rowid, simhash, first_seen, 2 FROM entries WHERE b2 = ?3"
         " UNION ALL "
         "SELECT rowid, simhash, first_seen, 3 FROM entries WHERE b3 = ?4"},
        {&c->fetch, "SELECT id, title, url, first_seen FROM entries WHERE rowid = ?1"},
        {&c->insert, "INSERT OR IGNORE INTO entries(id, simhash, content_hash,"
                     " title, url, first_seen, b0, b1, b2, b3)"
                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
        {&c->prune, "DELETE FROM entries WHERE first_seen < ?1"},
        {&c->begin, "BEGIN IMMEDIATE"},
        {&c->commit, "COMMIT"},
        {&c->read_begin, "BEGIN"},
        {&c->read_end, "COMMIT"},
        {&c->cache_big, "PRAGMA cache_size=-" STR(BATCH_CACHE_KIB)},
        {&c->cache_normal, "PRAGMA cache_size=-" STR(CACHE_KIB)},
    };
    for (size_t i = 0; i < sizeof(stmts) / sizeof(stmts[0]) && src == SQLITE_OK; i++)
        src = prepare(c, stmts[i].st, stmts[i].sql);
    return src;
}

static enum warta_err conn_fail(struct sql_conn *c, const char *what)
{
    WARTA_LOG(WARTA_LOG_ERROR, "index", NULL, "sqlite %s: %s", what,
              sqlite3_errmsg(c->db));
    return WARTA_ERR_INDEX_UNAVAILABLE;
}

/* The calling thread's connection, opened on its first call; NULL (logged)
 * when it cannot be opened. */
static struct sql_conn *conn_get(struct sql_index *s)
{
    struct sql_conn *c = pthread_getspecific(s->key);
    if (c)
        return c;
    char *msg = NULL;
    bool layout_ok;
    int src = conn_open(s->path, false, &c, &layout_ok, &msg);
    if (src != SQLITE_OK) {
        WARTA_LOG(WARTA_LOG_ERROR, "index", NULL, "sqlite connection to %s: %s",
                  s->path, msg ? msg : c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(src));
        sqlite3_free(msg);
        conn_close(c);
        return NULL;
    }
    pthread_mutex_lock(&s->lock);
    c->next = s->conns;
    s->conns = c;
    pthread_mutex_unlock(&s->lock);
    pthread_setspecific(s->key, c);
    return c;
}

static void sql_close(struct warta_index *idx)
{
    struct sql_index *s = sql_of(idx);
    /* The worker threads are done with the index by now (it closes at
     * shutdown, after the daemon has stopped). */
    for (struct sql_conn *c = s->conns, *next; c; c = next) {
        next = c->next;
        conn_close(c);
    }
    pthread_key_delete(s->key);
    pthread_mutex_destroy(&s->lock);
    free(s->path);
    free(s);
}

static bool sql_ready(struct warta_index *idx)
{
    (void)idx;
    return true;
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

static enum warta_err step_once(struct sql_conn *c, sqlite3_stmt *st,
                                const char *what)
{
    enum warta_err rc = WARTA_OK;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = conn_fail(c, what);
    sqlite3_reset(st);
    return rc;
}

static enum warta_err conn_exec(struct sql_conn *c, const char *sql,
                                const char *what)
{
    return sqlite3_exec(c->db, sql, NULL, NULL, NULL) == SQLITE_OK
               ? WARTA_OK
               : conn_fail(c, what);
}

struct cand_list {
    struct warta_arena *arena;
    struct sql_cand *v;
    size_t n, cap;
    size_t max; /* keep only the best max, sorted (0: keep all) */
};

/* Reads the rows of one probe statement (rowid, simhash, first_seen and,
 * for the four-block statement, the block that matched) into the
 * candidates within max_distance, each entry once; resets st. block is
 * the probed block, or -1 to read it from the row. */
static enum warta_err collect(struct sql_conn *c, sqlite3_stmt *st, int block,
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
        struct sql_cand cand = {
            .distance = d,
            .first_seen = sqlite3_column_int64(st, 2),
            .rowid = sqlite3_column_int64(st, 0),
        };
        /* With a cut, only the best stay, kept in order by insertion: a
         * cluster of near copies yields thousands of candidates. */
        if (cl->max && cl->n == cl->max && cand_cmp(&cand, &cl->v[cl->n - 1]) >= 0)
            continue;
        if (cl->n == cl->cap) {
            size_t ncap = cl->cap ? cl->cap * 2 : 16;
            cl->v = warta_arena_grow(cl->arena, cl->v, cl->n, ncap, sizeof(*cl->v));
            cl->cap = ncap;
        }
        size_t at = cl->max && cl->n == cl->max ? cl->n - 1 : cl->n++;
        while (cl->max && at > 0 && cand_cmp(&cand, &cl->v[at - 1]) < 0) {
            cl->v[at] = cl->v[at - 1];
            at--;
        }
        cl->v[at] = cand;
    }
    sqlite3_reset(st);
    return step == SQLITE_DONE ? WARTA_OK : conn_fail(c, "probe");
}

static enum warta_err sql_lookup(struct warta_index *idx, uint64_t simhash,
                                 unsigned max_distance, size_t max_hits,
                                 struct warta_arena *a,
                                 struct warta_index_hits *out)
{
    struct sql_conn *c = conn_get(sql_of(idx));
    if (!c)
        return WARTA_ERR_INDEX_UNAVAILABLE;
    unsigned radius = warta_index_radius(max_distance);
    unsigned probes[WARTA_INDEX_MAX_PROBES];
    enum warta_err rc = WARTA_OK;
    size_t first = out->n;
    /* The probes and fetches in one read transaction: each statement on
     * its own took and released the WAL read lock, ten fcntl calls per
     * lookup. Inside a bulk load the open write transaction serves. */
    bool own_txn = sqlite3_get_autocommit(c->db);
    if (own_txn && (rc = step_once(c, c->read_begin, "begin read")) != WARTA_OK)
        return rc;
    struct cand_list cl = {.arena = a, .max = max_hits};
    if (radius == 0) {
        /* Each block probed for its own value only (distances up to 3):
         * one statement for the four. */
        for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++)
            sqlite3_bind_int(c->probe_blocks, (int)b + 1,
                             (int)warta_index_block(simhash, b));
        rc = collect(c, c->probe_blocks, -1, simhash, max_distance, radius, &cl);
    }
    for (unsigned b = 0; radius > 0 && b < WARTA_INDEX_BLOCKS && rc == WARTA_OK; b++) {
        sqlite3_stmt *st = c->probe[b];
        size_t np = warta_index_probe_values(warta_index_block(simhash, b),
                                             radius, probes);
        for (size_t p = 0; p < np && rc == WARTA_OK; p++) {
            sqlite3_bind_int(st, 1, (int)probes[p]);
            rc = collect(c, st, (int)b, simhash, max_distance, radius, &cl);
        }
    }
    if (rc != WARTA_OK)
        goto out;
    struct sql_cand *cand = cl.v;
    size_t n_cand = cl.n;
    /* Only the entries that will be listed are fetched. */
    if (!max_hits && n_cand > 1)
        qsort(cand, n_cand, sizeof(*cand), cand_cmp);
    if (max_hits && n_cand > max_hits)
        n_cand = max_hits;
    for (size_t i = 0; i < n_cand; i++) {
        struct warta_index_hit *h = warta_index_hits_push(a, out);
        h->distance = cand[i].distance;
        sqlite3_bind_int64(c->fetch, 1, cand[i].rowid);
        int step = sqlite3_step(c->fetch);
        if (step == SQLITE_ROW) {
            h->id = col_text(c->fetch, 0, a);
            h->title = col_text(c->fetch, 1, a);
            h->url = col_text(c->fetch, 2, a);
            h->first_seen = sqlite3_column_int64(c->fetch, 3);
        }
        sqlite3_reset(c->fetch);
        if (step != SQLITE_ROW) {
            rc = conn_fail(c, "fetch");
            goto out;
        }
    }
out:
    /* A read transaction left open would pin this snapshot for good. */
    if (own_txn && step_once(c, c->read_end, "end read") != WARTA_OK)
        (void)conn_exec(c, "ROLLBACK", "rollback");
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
    struct sql_conn *c = conn_get(sql_of(idx));
    if (!c)
        return WARTA_ERR_INDEX_UNAVAILABLE;
    sqlite3_stmt *st = c->insert;
    enum warta_err rc = WARTA_OK;
    bind_text(st, 1, e->id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)e->simhash);
    bind_text(st, 3, e->content_hash);
    bind_text(st, 4, e->title);
    bind_text(st, 5, e->url);
    sqlite3_bind_int64(st, 6, e->first_seen);
    for (unsigned b = 0; b < WARTA_INDEX_BLOCKS; b++)
        sqlite3_bind_int(st, 7 + (int)b, (int)warta_index_block(e->simhash, b));
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = conn_fail(c, "insert");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

static enum warta_err sql_prune(struct warta_index *idx, int64_t older_than)
{
    struct sql_index *s = sql_of(idx);
    /* A bulk load has dropped the first_seen index: the scheduled prunes
     * would each scan the table. The next one after the load catches up. */
    if (atomic_load(&s->batches) > 0)
        return WARTA_OK;
    struct sql_conn *c = conn_get(s);
    if (!c)
        return WARTA_ERR_INDEX_UNAVAILABLE;
    enum warta_err rc = WARTA_OK;
    sqlite3_bind_int64(c->prune, 1, older_than);
    if (sqlite3_step(c->prune) != SQLITE_DONE)
        rc = conn_fail(c, "prune");
    else if (sqlite3_changes(c->db) > 0)
        WARTA_LOG(WARTA_LOG_INFO, "index", NULL,
                  "pruned %d entries past retention", sqlite3_changes(c->db));
    sqlite3_reset(c->prune);
    return rc;
}

/* One transaction on the calling thread's connection: a crash in the
 * middle leaves the index as it was, indexes included. */
static enum warta_err sql_batch_begin(struct warta_index *idx)
{
    struct sql_index *s = sql_of(idx);
    struct sql_conn *c = conn_get(s);
    if (!c)
        return WARTA_ERR_INDEX_UNAVAILABLE;
    if (c->in_batch)
        return WARTA_OK;
    (void)step_once(c, c->cache_big, "cache_size");
    enum warta_err rc = step_once(c, c->begin, "begin");
    if (rc == WARTA_OK) {
        rc = conn_exec(c, drop_indexes, "drop indexes");
        if (rc != WARTA_OK)
            (void)conn_exec(c, "ROLLBACK", "rollback");
    }
    if (rc == WARTA_OK) {
        c->in_batch = true;
        atomic_fetch_add(&s->batches, 1);
    }
    return rc;
}

static enum warta_err sql_batch_end(struct warta_index *idx)
{
    struct sql_index *s = sql_of(idx);
    struct sql_conn *c = conn_get(s);
    if (!c)
        return WARTA_ERR_INDEX_UNAVAILABLE;
    if (!c->in_batch)
        return WARTA_OK;
    enum warta_err rc = conn_exec(c, indexes, "create indexes");
    if (rc == WARTA_OK)
        rc = step_once(c, c->commit, "commit");
    else
        (void)conn_exec(c, "ROLLBACK", "rollback");
    /* Shrinking the cache releases the bulk load's pages. */
    (void)step_once(c, c->cache_normal, "cache_size");
    c->in_batch = false;
    atomic_fetch_sub(&s->batches, 1);
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

enum warta_err warta_index_sqlite_open(struct warta_index **out,
                                       const char *path,
                                       struct warta_error *err)
{
    struct sql_index *s = warta_xcalloc(1, sizeof(*s));
    s->base.ops = &sql_ops;
    s->path = warta_xstrdup(path);
    pthread_mutex_init(&s->lock, NULL);
    if (pthread_key_create(&s->key, NULL) != 0) {
        pthread_mutex_destroy(&s->lock);
        free(s->path);
        free(s);
        *out = NULL;
        return warta_error_set(err, WARTA_ERR_INTERNAL,
                               "cannot open the SQLite index %s: no thread key",
                               path);
    }
    /* The opening thread's connection creates the schema and checks the
     * layout; the others open on first use. */
    struct sql_conn *c = NULL;
    char *msg = NULL;
    bool layout_ok;
    int src = conn_open(path, true, &c, &layout_ok, &msg);
    enum warta_err rc = WARTA_OK;
    if (!layout_ok)
        rc = warta_error_set(err, WARTA_ERR_INTERNAL,
                             "index %s was written with another block layout "
                             "than " LAYOUT "; move it away to start afresh",
                             path);
    else if (src != SQLITE_OK)
        rc = warta_error_set(err, WARTA_ERR_INTERNAL,
                             "cannot open the SQLite index %s: %s", path,
                             msg ? msg
                                 : c->db ? sqlite3_errmsg(c->db)
                                         : sqlite3_errstr(src));
    sqlite3_free(msg);
    if (rc != WARTA_OK) {
        conn_close(c);
        sql_close(&s->base);
        *out = NULL;
        return rc;
    }
    s->conns = c;
    pthread_setspecific(s->key, c);
    *out = &s->base;
    return WARTA_OK;
}
