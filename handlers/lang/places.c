/* Abbreviations that datelines put inside a place name: the AP's state
 * abbreviations ("ST. JOSEPH, Mich. (AP) -") and the short words of city
 * names ("St.", "Ft."). Spelled as the wires print them; a dateline's
 * place keeps this spelling even when the rest of it shouts.
 * Language-neutral: Indonesian and Malay desks reprint the wires as is. */
#include <stddef.h>

#include "warta/lang.h"

const char *const warta_place_abbreviations[] = {
    /* AP style for the US states (the eight short names, Alaska, Hawaii,
     * Idaho, Iowa, Maine, Ohio, Texas, Utah, are spelled out). */
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.",
    "Ga.", "Ill.", "Ind.", "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.",
    "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "N.H.", "N.J.",
    "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.",
    "S.D.", "Tenn.", "Vt.", "Va.", "Wash.", "W.Va.", "Wis.", "Wyo.",
    "D.C.",
    /* Words of place names. */
    "St.", "Ste.", "Ft.", "Mt.", "Pt.",
    NULL,
};
