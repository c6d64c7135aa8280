/* Writing systems that, in Warta's region, belong to one language each:
 * text mostly in one of them is that language, with no n-gram model to
 * consult. Latin, Arabic and Han scripts serve many languages and are not
 * listed; neither is kana, which Japanese mixes with Han. */
#include <stddef.h>

#include "warta/lang.h"

const struct warta_script_lang warta_script_langs[] = {
    {0x0E00, 0x0E7F, "th"}, /* Thai */
    {0x0E80, 0x0EFF, "lo"}, /* Lao */
    {0x1000, 0x109F, "my"}, /* Myanmar */
    {0x1780, 0x17FF, "km"}, /* Khmer */
    {0x19E0, 0x19FF, "km"}, /* Khmer symbols */
    {0x1100, 0x11FF, "ko"}, /* Hangul jamo */
    {0x3130, 0x318F, "ko"}, /* Hangul compatibility jamo */
    {0xAC00, 0xD7AF, "ko"}, /* Hangul syllables */
    {0, 0, NULL},
};
