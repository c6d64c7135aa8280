/* Names of social networks and sharing channels. An author box's follow
 * and share links ("Twitter Facebook", "LinkedIn") read like a name of two
 * capitalised words; a word of this list marks them as no person.
 * Language-neutral: the brands are written alike everywhere. */
#include <stddef.h>

#include "warta/lang.h"

const char *const warta_network_names[] = {
    "Facebook", "Twitter", "Instagram", "LinkedIn", "WhatsApp", "Telegram",
    "YouTube", "TikTok", "Pinterest", "Reddit", "Threads", "Bluesky",
    "Mastodon", "Xing", "Flipboard", "Email", "E-Mail", "RSS", NULL,
};
