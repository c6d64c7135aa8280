/*
 * Words and sentences: the counts every stage agrees on (a block's word
 * count decides head lines, body paragraphs and stats alike).
 */
#include <stdbool.h>
#include <stdint.h>
#include <utf8proc.h>

#include "warta/str.h"
#include "warta/text.h"

static bool cp_is_word(int32_t cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
               (cp >= 'A' && cp <= 'Z') || cp == '_';
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_MN) ||
           cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

size_t warta_count_words(const char *p, size_t len)
{
    return warta_count_words_upto(p, len, (size_t)-2);
}

/* ASCII bytes that belong to a word (letters, digits, '_'). */
static const bool ascii_word[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
#define L(c) [c] = 1, [c - 32] = 1
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'),
    L('j'), L('k'), L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'),
    L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
};

size_t warta_count_words_upto(const char *p, size_t len, size_t limit)
{
    size_t words = 0;
    bool in_word = false;
    while (len) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            /* The rest of an ASCII word, then the next byte. */
            bool w = ascii_word[c];
            if (w && !in_word && ++words > limit)
                return words;
            in_word = w;
            p++;
            len--;
            if (w)
                while (len && (unsigned char)*p < 0x80 && ascii_word[(unsigned char)*p]) {
                    p++;
                    len--;
                }
            continue;
        }
        int32_t cp;
        size_t n = warta_utf8_decode(p, len, &cp);
        bool w = cp_is_word(cp);
        if (w && !in_word && ++words > limit)
            return words;
        in_word = w;
        p += n;
        len -= n;
    }
    return words;
}

bool warta_ends_sentence(const char *p, size_t len)
{
    while (len && (p[len - 1] == '"' || p[len - 1] == '\'' || p[len - 1] == ')'))
        len--;
    if (len >= 3 && (unsigned char)p[len - 3] == 0xE2 &&
        (unsigned char)p[len - 2] == 0x80 &&
        ((unsigned char)p[len - 1] == 0x9D || (unsigned char)p[len - 1] == 0x99))
        len -= 3; /* closing curly quote */
    return len && (p[len - 1] == '.' || p[len - 1] == '!' ||
                   p[len - 1] == '?' || p[len - 1] == ':');
}
