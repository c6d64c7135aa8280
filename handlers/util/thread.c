/* Thread numbers; see include/warta/thread.h. */
#include "warta/thread.h"

#include <limits.h>
#include <stdatomic.h>

unsigned warta_thread_number(void)
{
    static atomic_uint next;
    static _Thread_local unsigned mine = UINT_MAX;
    if (mine == UINT_MAX)
        mine = atomic_fetch_add_explicit(&next, 1, memory_order_relaxed);
    return mine;
}
