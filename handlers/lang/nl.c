/* Dutch: the Dutch-language press (NL, BE, SR). */
#include "warta/lang.h"

static const struct warta_month_name months[] = {
    {"januari", 1}, {"jan", 1}, {"februari", 2}, {"feb", 2}, {"maart", 3},
    {"mrt", 3}, {"april", 4}, {"apr", 4}, {"mei", 5}, {"juni", 6}, {"jun", 6},
    {"juli", 7}, {"jul", 7}, {"augustus", 8}, {"aug", 8}, {"september", 9},
    {"sep", 9}, {"sept", 9}, {"oktober", 10}, {"okt", 10}, {"november", 11},
    {"nov", 11}, {"december", 12}, {"dec", 12}, {NULL, 0},
};

static const char *const weekdays[] = {
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
    "zondag", NULL,
};

static const struct warta_zone_name zones[] = {
    {NULL, 0},
};

static const struct warta_label labels[] = {
    {"Auteur", WARTA_LABEL_AUTHOR},
    {"Redactie", WARTA_LABEL_EDITOR},
    {"Foto", WARTA_LABEL_PHOTOGRAPHER},
    {"Trefwoorden", WARTA_LABEL_TAGS},
    {"Onderwerpen", WARTA_LABEL_TAGS},
    {"Gearchiveerd onder", WARTA_LABEL_TAGS},
    {"Bron", WARTA_LABEL_SOURCE},
    {"Vertaling", WARTA_LABEL_TRANSLATOR},
    {NULL, 0},
};

static const struct warta_date_label date_labels[] = {
    {"Gepubliceerd", WARTA_DATE_LABEL_PUBLISHED},
    {"Gepubliceerd op", WARTA_DATE_LABEL_PUBLISHED},
    {"Geplaatst", WARTA_DATE_LABEL_PUBLISHED},
    {"Geplaatst op", WARTA_DATE_LABEL_PUBLISHED},
    {"Bijgewerkt", WARTA_DATE_LABEL_MODIFIED},
    {"Bijgewerkt op", WARTA_DATE_LABEL_MODIFIED},
    {"Laatst bijgewerkt", WARTA_DATE_LABEL_MODIFIED},
    {"Aangepast", WARTA_DATE_LABEL_MODIFIED},
    {"Gewijzigd", WARTA_DATE_LABEL_MODIFIED},
    {NULL, 0},
};

/* Section labels that head listing pages, never an article's title. */
static const char *const generic_titles[] = {
    "Persberichten", "Archief", "Nieuws", "Laatste nieuws", NULL,
};

static const char *const time_words[] = {
    "om", NULL,
};

static const char *const related_prefixes[] = {
    "Lees ook", "Lees meer", "Zie ook", "Meer over", "Gerelateerd",
    "Lees verder", "Bekijk ook", "Ook interessant", "Meer nieuws",
    "Gerelateerde artikelen", NULL,
};

static const char *const furniture_lines[] = {
    "Advertentie", "Delen", "Reacties", "Nieuwsbrief", "Meest gelezen",
    "Abonneer", "Lees ook", "Lees meer", "Zie ook", "Ook interessant",
    "Gerelateerd", "Gerelateerde artikelen", "Meer over dit onderwerp",
    "Meest bekeken", "Populair", "Laatste nieuws", "Net binnen", "Printen",
    "Afdrukken", "Doneer", "Inhoudsopgave", "Gesponsord", "Gesponsorde inhoud",
    "Volg ons", "Dit vind je misschien ook leuk", "Misschien ook interessant",
    NULL,
};

static const char *const furniture_prefixes[] = {
    "Abonneer je", "Meld je aan", "Volg ons", "Klik hier", "Leestijd",
    "Schrijf je in", "Doneer nu", "Steun onze journalistiek",
    "Word lid van ons", "Beoordeel dit artikel", "Ben je al abonnee",
    "Al abonnee", "Dit artikel is exclusief", "Categorie:", "Rubriek:",
    "Geplaatst in", "Dit artikel bevat affiliate",
    /* Blog and print footers: where and when the post was filed. */
    "Dit bericht is geplaatst", "Dit bericht werd geplaatst",
    /* Calls to action and site terms closing a story. */
    "Vond je dit artikel",
    NULL,
};

static const char *const byline_prefixes[] = {
    "Door", "Geschreven door", NULL,
};

static const char *const name_conjunctions[] = {
    "en", NULL,
};

/* No stopword table yet: language identification leaves this language
 * to libexttextcat's n-grams, as before the table existed. */
static const char *const stopwords[] = {NULL};

static const char *const photo_words[] = {
    "Foto", "Beeld", NULL,
};

static const char *const copyright_prefixes[] = {
    "Alle rechten voorbehouden", "Niets uit deze uitgave", NULL,
};

static const char *const rights_phrases[] = {
    "Alle rechten voorbehouden", NULL,
};

static const char *const browser_notices[] = {
    "JavaScript inschakelen", "schakel JavaScript in", "JavaScript is uitgeschakeld",
    "update je browser", "update uw browser", "uw browser ondersteunt",
    "je browser ondersteunt", "het best bekeken", NULL,
};

static const char *const teaser_tails[] = {
    "Lees meer", "Lees verder", "Verder lezen", NULL,
};

static const char *const place_prepositions[] = {
    "in", NULL,
};

const struct warta_lang warta_lang_nl = {
    .code = "nl",
    .name = "Dutch",
    .months = months,
    .weekdays = weekdays,
    .zones = zones,
    .labels = labels,
    .date_labels = date_labels,
    .generic_titles = generic_titles,
    .time_words = time_words,
    .related_prefixes = related_prefixes,
    .furniture_lines = furniture_lines,
    .furniture_prefixes = furniture_prefixes,
    .byline_prefixes = byline_prefixes,
    .name_conjunctions = name_conjunctions,
    .stopwords = stopwords,
    .photo_words = photo_words,
    .copyright_prefixes = copyright_prefixes,
    .place_prepositions = place_prepositions,
    .rights_phrases = rights_phrases,
    .browser_notices = browser_notices,
    .teaser_tails = teaser_tails,
};
