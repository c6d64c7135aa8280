/*
 * Dates in free text: "Selasa, 23 Februari 2016 15:06 WIB", "Rabu 17 Jun
 * 2015, 10:08 WIB", "17 Feb 2016 at 09:10 WIB", "May 8, 2023 4:46 PM",
 * "08/05/2023 16.46 WIB", ISO 8601. Month, weekday and zone names come from
 * the language tables; the parse is a scan over tokens, so any order of
 * weekday, punctuation and connecting words ("pukul", "at") is accepted.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "warta/text.h"
#include "warta/str.h"

enum tok_kind { TOK_NUM, TOK_WORD, TOK_PUNCT };

struct tok {
    enum tok_kind kind;
    const char *p;
    size_t len;
    long num;
};

#define MAX_TOKS 64

static size_t tokenize(const char *p, size_t len, struct tok *t, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len && n < max) {
        unsigned char c = (unsigned char)p[i];
        if (c == ' ' || c == '\t' || c == '\n') {
            i++;
            continue;
        }
        struct tok *k = &t[n];
        k->p = p + i;
        if (isdigit(c)) {
            size_t j = i;
            long v = 0;
            while (j < len && isdigit((unsigned char)p[j]) && j - i < 9)
                v = v * 10 + (p[j++] - '0');
            k->kind = TOK_NUM;
            k->num = v;
            k->len = j - i;
            i = j;
        } else if (isalpha(c) || c >= 0x80) {
            size_t j = i;
            while (j < len && (isalpha((unsigned char)p[j]) ||
                               (unsigned char)p[j] >= 0x80 || p[j] == '\''))
                j++;
            k->kind = TOK_WORD;
            k->len = j - i;
            i = j;
        } else {
            k->kind = TOK_PUNCT;
            k->len = 1;
            i++;
        }
        n++;
    }
    return n;
}

static bool word_is(const struct tok *t, const char *w)
{
    return t->kind == TOK_WORD && warta_str_ieq(warta_str_make(t->p, t->len), w);
}

/* The first phrase of a category equal to the token, or NULL. */
static const struct warta_lex_entry *lex_match(enum warta_lex cat,
                                               const struct tok *t)
{
    if (t->kind != TOK_WORD)
        return NULL;
    size_t n;
    const struct warta_lex_entry *c = warta_lex_bucket(cat, (unsigned char)t->p[0], &n);
    for (size_t k = 0; k < n; k++)
        if (c[k].len == t->len && warta_str_ieq(warta_str_make(t->p, t->len), c[k].text))
            return &c[k];
    return NULL;
}

/* Skips one date connector ("de") at t[j], if there is one. */
static size_t skip_connector(const struct tok *t, size_t n, size_t j)
{
    return j < n && lex_match(WARTA_LEX_DATE_CONNECTOR, &t[j]) ? j + 1 : j;
}

/* Month number from any language's table ("Mei", "Sept", "Ogos"). */
static int month_of(const struct tok *t)
{
    const struct warta_lex_entry *e = lex_match(WARTA_LEX_MONTH, t);
    return e ? e->value : 0;
}

int warta_month_number(const char *p, size_t len)
{
    struct tok t = {TOK_WORD, p, len, 0};
    return month_of(&t);
}

static bool zone_of(const struct tok *t, int *offset)
{
    const struct warta_lex_entry *e = lex_match(WARTA_LEX_ZONE, t);
    if (e)
        *offset = e->value;
    return e != NULL;
}

static bool is_connector(const struct tok *t)
{
    if (t->kind == TOK_PUNCT)
        return strchr(",-|/", t->p[0]) != NULL || (unsigned char)t->p[0] >= 0x80;
    if (t->kind != TOK_WORD)
        return false;
    if ((unsigned char)t->p[0] >= 0x80)
        return true; /* en/em dash bytes tokenised as a word */
    return lex_match(WARTA_LEX_TIME_WORD, t) != NULL;
}

static bool valid_date(long y, long m, long d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return false;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return false;
    return true;
}

static long full_year(const struct tok *t)
{
    if (t->kind != TOK_NUM)
        return -1;
    if (t->len == 4)
        return t->num;
    if (t->len == 2)
        return 2000 + t->num;
    return -1;
}

struct found {
    long y, m, d;
    size_t next; /* token after the date */
};

static bool adjacent(const struct tok *a, const struct tok *b)
{
    return a->p + a->len == b->p;
}

/* Looks for a date starting at token i. */
static bool date_at(const struct tok *t, size_t n, size_t i, unsigned flags,
                    struct found *f)
{
    /* D Month YYYY ("8 Mei 2023", "17 Jun 2015,", "5. November 2021",
     * "3 de mayo de 2023"). */
    if (i + 2 < n && t[i].kind == TOK_NUM && t[i].len <= 2) {
        size_t j = i + 1;
        if (t[j].kind == TOK_PUNCT && t[j].p[0] == '.' && j + 2 < n)
            j++;
        j = skip_connector(t, n, j);
        int m = j < n ? month_of(&t[j]) : 0;
        if (m) {
            j++;
            if (j < n && t[j].kind == TOK_PUNCT && t[j].p[0] == '.')
                j++;
            if (j < n && t[j].kind == TOK_PUNCT && t[j].p[0] == ',')
                j++;
            j = skip_connector(t, n, j);
            if (j < n && t[j].kind == TOK_NUM && t[j].len == 4 &&
                valid_date(t[j].num, m, t[i].num)) {
                *f = (struct found){t[j].num, m, t[i].num, j + 1};
                return true;
            }
        }
    }
    /* Month D, YYYY ("May 8, 2023"). */
    int m = month_of(&t[i]);
    if (m && i + 2 < n) {
        size_t j = i + 1;
        if (t[j].kind == TOK_PUNCT && t[j].p[0] == '.')
            j++;
        if (j + 1 < n && t[j].kind == TOK_NUM && t[j].len <= 2) {
            long d = t[j].num;
            size_t k = j + 1;
            if (k < n && t[k].kind == TOK_PUNCT && t[k].p[0] == ',')
                k++;
            if (k < n && t[k].kind == TOK_NUM && t[k].len == 4 &&
                valid_date(t[k].num, m, d)) {
                *f = (struct found){t[k].num, m, d, k + 1};
                return true;
            }
        }
    }
    /* Numeric: YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY. */
    if (i + 4 < n && t[i].kind == TOK_NUM && t[i + 1].kind == TOK_PUNCT &&
        t[i + 2].kind == TOK_NUM && t[i + 3].kind == TOK_PUNCT &&
        t[i + 4].kind == TOK_NUM && t[i + 1].p[0] == t[i + 3].p[0] &&
        strchr("/-.", t[i + 1].p[0]) && adjacent(&t[i], &t[i + 1]) &&
        adjacent(&t[i + 1], &t[i + 2]) && adjacent(&t[i + 2], &t[i + 3]) &&
        adjacent(&t[i + 3], &t[i + 4])) {
        long a = t[i].num, b = t[i + 2].num;
        if (t[i].len == 4 && valid_date(a, b, t[i + 4].num)) {
            *f = (struct found){a, b, t[i + 4].num, i + 5};
            return true;
        }
        long y = full_year(&t[i + 4]);
        /* Day first, as ASEAN and European newsrooms write; month first
         * when the page's language says so (US English) or the day-first
         * reading is impossible. Dots are never month first. */
        if (t[i].len <= 2 && y > 0) {
            if ((flags & WARTA_DATE_MONTH_FIRST) && t[i + 1].p[0] != '.' &&
                valid_date(y, a, b)) {
                *f = (struct found){y, a, b, i + 5};
                return true;
            }
            if (valid_date(y, b, a)) {
                *f = (struct found){y, b, a, i + 5};
                return true;
            }
            if (valid_date(y, a, b)) {
                *f = (struct found){y, a, b, i + 5};
                return true;
            }
        }
    }
    return false;
}

struct clock {
    long h, min, s;
    bool have_zone;
    int offset;
};

/* "16:46", "16.46", "4:46 PM", "10:08:30 WIB", "16:46 GMT+7", "+0700". */
static bool time_at(const struct tok *t, size_t n, size_t i, struct clock *c)
{
    while (i < n && is_connector(&t[i]))
        i++;
    if (i + 2 >= n)
        return false;
    if (!(t[i].kind == TOK_NUM && t[i].len <= 2 && t[i + 1].kind == TOK_PUNCT &&
          (t[i + 1].p[0] == ':' || t[i + 1].p[0] == '.') &&
          t[i + 2].kind == TOK_NUM && t[i + 2].len == 2 &&
          adjacent(&t[i], &t[i + 1]) && adjacent(&t[i + 1], &t[i + 2])))
        return false;
    c->h = t[i].num;
    c->min = t[i + 2].num;
    c->s = 0;
    size_t j = i + 3;
    if (j + 1 < n && t[j].kind == TOK_PUNCT && t[j].p[0] == t[i + 1].p[0] &&
        t[j + 1].kind == TOK_NUM && t[j + 1].len == 2 && adjacent(&t[j], &t[j + 1])) {
        c->s = t[j + 1].num;
        j += 2;
    }
    if (j < n && (word_is(&t[j], "PM") || word_is(&t[j], "p"))) {
        if (c->h < 12)
            c->h += 12;
        j += word_is(&t[j], "p") ? 3 : 1; /* "p.m." */
    } else if (j < n && (word_is(&t[j], "AM") || word_is(&t[j], "a"))) {
        if (c->h == 12)
            c->h = 0;
        j += word_is(&t[j], "a") ? 3 : 1;
    }
    if (c->h > 23 || c->min > 59 || c->s > 59)
        return false;
    c->have_zone = false;
    if (j < n && zone_of(&t[j], &c->offset)) {
        c->have_zone = true;
        j++;
    }
    /* "GMT+7", "UTC+07:00", "+0700": a numeric offset after no zone or
     * after a zero-offset one. */
    size_t k = j;
    if (k + 1 < n && t[k].kind == TOK_PUNCT && (t[k].p[0] == '+' || t[k].p[0] == '-') &&
        t[k + 1].kind == TOK_NUM && (c->have_zone ? c->offset == 0 : true)) {
        int sign = t[k].p[0] == '-' ? -1 : 1;
        long hh = t[k + 1].num, mm = 0;
        if (t[k + 1].len == 4) {
            mm = hh % 100;
            hh /= 100;
        } else if (k + 3 < n && t[k + 2].kind == TOK_PUNCT && t[k + 2].p[0] == ':' &&
                   t[k + 3].kind == TOK_NUM) {
            mm = t[k + 3].num;
        }
        if (hh <= 14 && mm < 60) {
            c->have_zone = true;
            c->offset = sign * (int)(hh * 60 + mm);
        }
    } else if (k < n && (word_is(&t[k], "Z"))) {
        c->have_zone = true;
        c->offset = 0;
    }
    return true;
}

/* The zone part of a formatted date. */
enum zone_kind { ZONE_NONE, ZONE_UTC, ZONE_OFFSET };

static char *put2(char *o, long v)
{
    *o++ = (char)('0' + v / 10 % 10);
    *o++ = (char)('0' + v % 10);
    return o;
}

/* "YYYY-MM-DD", or with "THH:MM:SS" and then nothing, "Z" or "+HH:MM":
 * by hand, since printf cost thousands of instructions per date. Fields
 * are validated by the callers (years 1..9999). */
static const char *rfc3339(struct warta_arena *a, long y, long mo, long d,
                           bool have_time, long h, long mi, long s,
                           enum zone_kind zone, int offset_minutes)
{
    char *out = warta_arena_alloc_uninit(a, sizeof("0000-00-00T00:00:00+00:00"));
    char *o = put2(put2(out, y / 100), y % 100);
    *o++ = '-';
    o = put2(o, mo);
    *o++ = '-';
    o = put2(o, d);
    if (have_time) {
        *o++ = 'T';
        o = put2(o, h);
        *o++ = ':';
        o = put2(o, mi);
        *o++ = ':';
        o = put2(o, s);
        if (zone == ZONE_UTC || (zone == ZONE_OFFSET && offset_minutes == 0)) {
            *o++ = 'Z';
        } else if (zone == ZONE_OFFSET) {
            int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
            *o++ = offset_minutes < 0 ? '-' : '+';
            o = put2(o, off / 60);
            *o++ = ':';
            o = put2(o, off % 60);
        }
    }
    *o = '\0';
    return out;
}

/* ISO 8601 / RFC 3339 as found in markup: "2023-05-08T16:46:00+07:00". */
static const char *parse_iso(struct warta_arena *a, const char *p, size_t len)
{
    int y, mo, d, h = -1, mi = 0, s = 0, consumed = 0;
    char buf[64];
    if (len >= sizeof(buf))
        len = sizeof(buf) - 1;
    memcpy(buf, p, len);
    buf[len] = '\0';
    if (sscanf(buf, "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3 || consumed != 10)
        return NULL;
    if (!valid_date(y, mo, d))
        return NULL;
    const char *r = buf + 10;
    if (*r != 'T' && *r != 't' && *r != ' ')
        return rfc3339(a, y, mo, d, false, 0, 0, 0, ZONE_NONE, 0);
    r++;
    int n = 0;
    if (sscanf(r, "%2d:%2d%n", &h, &mi, &n) != 2)
        return rfc3339(a, y, mo, d, false, 0, 0, 0, ZONE_NONE, 0);
    r += n;
    if (*r == ':') {
        n = 0;
        if (sscanf(r + 1, "%2d%n", &s, &n) == 1)
            r += 1 + n;
    }
    if (*r == '.' || *r == ',') {
        r++;
        while (isdigit((unsigned char)*r))
            r++;
    }
    if (h > 23 || mi > 59 || s > 60)
        return NULL;
    if (*r == 'Z' || *r == 'z')
        return rfc3339(a, y, mo, d, true, h, mi, s, ZONE_UTC, 0);
    if (*r == '+' || *r == '-') {
        int oh = 0, om = 0;
        char sign = *r++;
        if (sscanf(r, "%2d:%2d", &oh, &om) == 2 || sscanf(r, "%2d%2d", &oh, &om) == 2 ||
            sscanf(r, "%2d", &oh) == 1) {
            if (oh <= 14 && om < 60) {
                if (oh == 0 && om == 0)
                    return rfc3339(a, y, mo, d, true, h, mi, s, ZONE_UTC, 0);
                return rfc3339(a, y, mo, d, true, h, mi, s, ZONE_OFFSET,
                               (sign == '-' ? -1 : 1) * (oh * 60 + om));
            }
        }
    }
    return rfc3339(a, y, mo, d, true, h, mi, s, ZONE_NONE, 0);
}

static const char *format(struct warta_arena *a, const struct found *f,
                          const struct clock *c, bool have_time)
{
    return rfc3339(a, f->y, f->m, f->d, have_time, c->h, c->min, c->s,
                   c->have_zone ? ZONE_OFFSET : ZONE_NONE, c->offset);
}

const char *warta_find_date(struct warta_arena *a, const char *text,
                            size_t len, unsigned flags, size_t *start,
                            size_t *end)
{
    struct warta_str s = warta_str_trim(warta_str_make(text, len));
    size_t lead = (size_t)(s.p - text);
    if (s.len >= 10 && isdigit((unsigned char)s.p[0]) && s.p[4] == '-') {
        const char *iso = parse_iso(a, s.p, s.len);
        if (iso) {
            if (start)
                *start = lead;
            if (end)
                *end = lead + s.len;
            return iso;
        }
    }
    struct tok t[MAX_TOKS];
    size_t n = tokenize(s.p, s.len, t, MAX_TOKS);
    for (size_t i = 0; i < n; i++) {
        struct found f;
        if (!date_at(t, n, i, flags, &f))
            continue;
        struct clock c = {0};
        bool have_time = time_at(t, n, f.next, &c);
        if (!have_time) {
            /* "16:46 WIB, 8 Mei 2023": the time may come first. */
            for (size_t k = (i >= 6 ? i - 6 : 0); k < i && !have_time; k++)
                have_time = time_at(t, i, k, &c);
        }
        if (start)
            *start = (size_t)(t[i].p - text);
        if (end)
            *end = (size_t)(t[f.next - 1].p + t[f.next - 1].len - text);
        return format(a, &f, &c, have_time);
    }
    return NULL;
}

const char *warta_parse_date(struct warta_arena *a, const char *text,
                             size_t len)
{
    return warta_find_date(a, text, len, 0, NULL, NULL);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), so instants compare without timegm and its locale. */
static int64_t days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int64_t)era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, long *y, long *m, long *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = (long)(z - era * 146097);
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)(yoe + era * 400) + (*m <= 2);
}

bool warta_date_when(const char *v, struct warta_when *w)
{
    int y, mo, d, h = 0, mi = 0, s = 0, n = 0;
    memset(w, 0, sizeof(*w));
    if (!v || sscanf(v, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
        return false;
    v += 10;
    if (*v == 'T') {
        if (sscanf(v + 1, "%2d:%2d:%2d", &h, &mi, &s) != 3)
            return false;
        w->has_time = true;
        v += 9;
        if (*v == 'Z') {
            w->has_zone = true;
        } else if (*v == '+' || *v == '-') {
            int oh, om;
            if (sscanf(v + 1, "%2d:%2d", &oh, &om) != 2)
                return false;
            w->has_zone = true;
            w->offset = (*v == '-' ? -1 : 1) * (oh * 60 + om);
        }
    }
    w->local = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    w->utc = w->local - (int64_t)w->offset * 60;
    return true;
}

const char *warta_date_in_offset(struct warta_arena *a, const char *v,
                                 int offset_minutes)
{
    struct warta_when w;
    if (!warta_date_when(v, &w) || !w.has_time || !w.has_zone)
        return v;
    int64_t t = w.utc + (int64_t)offset_minutes * 60;
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    long secs = (long)(t - days * 86400), y, m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 1 || y > 9999)
        return v;
    return rfc3339(a, y, m, d, true, secs / 3600, secs / 60 % 60, secs % 60,
                   ZONE_OFFSET, offset_minutes);
}

/* True when the word at s.p[i] is a whole word (no letter on either side). */
static bool whole_word(struct warta_str s, size_t i, size_t n)
{
    bool left = i == 0 || !(isalnum((unsigned char)s.p[i - 1]) ||
                            (unsigned char)s.p[i - 1] >= 0x80);
    bool right = i + n >= s.len || !(isalnum((unsigned char)s.p[i + n]) ||
                                     (unsigned char)s.p[i + n] >= 0xC0);
    return left && right;
}

/* The longest label of the tables at s.p[i], as a whole word: its length
 * (0 for none) and kind. */
static size_t label_at(struct warta_str s, size_t i, enum warta_date_label_kind *kind)
{
    size_t n, best = 0;
    const struct warta_lex_entry *c =
        warta_lex_bucket(WARTA_LEX_DATE_LABEL, (unsigned char)s.p[i], &n);
    for (size_t k = 0; k < n; k++)
        if (c[k].len > best && i + c[k].len <= s.len &&
            warta_str_istarts(warta_str_make(s.p + i, s.len - i), c[k].text) &&
            whole_word(s, i, c[k].len)) {
            best = c[k].len;
            *kind = (enum warta_date_label_kind)c[k].value;
        }
    return best;
}

enum warta_date_label_kind warta_date_label_opening(struct warta_str s)
{
    enum warta_date_label_kind kind = 0;
    return s.len && label_at(s, 0, &kind) ? kind : 0;
}

enum warta_date_label_kind warta_date_label_in(struct warta_str s)
{
    enum warta_date_label_kind found = 0;
    for (size_t i = 0; i < s.len; i++) {
        if (i && (isalnum((unsigned char)s.p[i - 1]) || (unsigned char)s.p[i - 1] >= 0x80))
            continue;
        size_t best = label_at(s, i, &found);
        if (best)
            i += best - 1;
    }
    return found;
}
