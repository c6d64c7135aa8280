#include "slurp.h"

#include <zlib.h>

#include "warta/arena.h"

char *slurp_file(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = warta_xmalloc(cap);
    for (;;) {
        if (cap - n < 65536) {
            cap *= 2;
            buf = warta_xrealloc(buf, cap);
        }
        int r = gzread(f, buf + n, (unsigned)(cap - n - 1));
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    gzclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}
