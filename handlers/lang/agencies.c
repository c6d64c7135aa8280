/* News agencies and outlets that sign datelines without parentheses
 * ("Jakarta, CNN Indonesia --") or sign off a story ("-- BERNAMA").
 * Language-neutral; matched case-insensitively as whole dateline parts. */
#include <stddef.h>

#include "warta/lang.h"

const char *const warta_news_agencies[] = {
    "ANTARA", "Reuters", "AP", "AFP", "Bernama", "Xinhua", "Kyodo",
    "Yonhap", "CNN Indonesia", "CNA", "VNA", "PNA", "TNA", "KPL", "AKP",
    "MNA", "Anadolu", "dpa", "EFE", "ANSA", "Bloomberg", "UPI", "NNA",
    "Jiji",
    /* Indonesian outlets that sign without a domain ("JAKARTA, KOMPAS -",
     * "VIVA -"). */
    "Kompas", "IDN Times", "Jawa Pos", "Media Indonesia", "VIVA", "Okezone",
    NULL,
};
