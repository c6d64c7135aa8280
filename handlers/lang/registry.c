/* The registered languages. Adding one: a new handlers/lang/<code>.c and
 * one line in each list below. */
#include <string.h>
#include <strings.h>

#include "warta/lang.h"

extern const struct warta_lang warta_lang_id;
extern const struct warta_lang warta_lang_ms;
extern const struct warta_lang warta_lang_en;
extern const struct warta_lang warta_lang_de;
extern const struct warta_lang warta_lang_fr;
extern const struct warta_lang warta_lang_es;
extern const struct warta_lang warta_lang_it;
extern const struct warta_lang warta_lang_pt;
extern const struct warta_lang warta_lang_nl;
extern const struct warta_lang warta_lang_pl;

static const struct warta_lang *const registry[] = {
    &warta_lang_id,
    &warta_lang_ms,
    &warta_lang_en,
    &warta_lang_de,
    &warta_lang_fr,
    &warta_lang_es,
    &warta_lang_it,
    &warta_lang_pt,
    &warta_lang_nl,
    &warta_lang_pl,
};

const struct warta_lang *const *warta_langs(size_t *count)
{
    *count = sizeof(registry) / sizeof(registry[0]);
    return registry;
}

const struct warta_lang *warta_lang_find(const char *code)
{
    if (!code)
        return NULL;
    size_t n = strcspn(code, "-_");
    for (size_t i = 0; i < sizeof(registry) / sizeof(registry[0]); i++)
        if (strlen(registry[i]->code) == n &&
            strncasecmp(registry[i]->code, code, n) == 0)
            return registry[i];
    return NULL;
}
