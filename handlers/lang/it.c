/* Italian: the Italian-language press. */
#include "warta/lang.h"

static const struct warta_month_name months[] = {
    {"gennaio", 1}, {"gen", 1}, {"febbraio", 2}, {"feb", 2}, {"marzo", 3},
    {"mar", 3}, {"aprile", 4}, {"apr", 4}, {"maggio", 5}, {"mag", 5},
    {"giugno", 6}, {"giu", 6}, {"luglio", 7}, {"lug", 7}, {"agosto", 8},
    {"settembre", 9}, {"ottobre", 10}, {"ott", 10}, {"novembre", 11},
    {"nov", 11}, {"dicembre", 12}, {"dic", 12}, {NULL, 0},
};

static const char *const weekdays[] = {
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
    "domenica", NULL,
};

static const struct warta_zone_name zones[] = {
    {NULL, 0},
};

static const struct warta_label labels[] = {
    {"Autore", WARTA_LABEL_AUTHOR},
    {"Autrice", WARTA_LABEL_AUTHOR},
    {"Redazione", WARTA_LABEL_EDITOR},
    {"Foto", WARTA_LABEL_PHOTOGRAPHER},
    {"Argomenti", WARTA_LABEL_TAGS},
    {"Tag", WARTA_LABEL_TAGS},
    {"Archiviato in", WARTA_LABEL_TAGS},
    {"Fonte", WARTA_LABEL_SOURCE},
    {"Traduzione", WARTA_LABEL_TRANSLATOR},
    {NULL, 0},
};

static const struct warta_date_label date_labels[] = {
    {"Pubblicato", WARTA_DATE_LABEL_PUBLISHED},
    {"Pubblicato il", WARTA_DATE_LABEL_PUBLISHED},
    {"Data di pubblicazione", WARTA_DATE_LABEL_PUBLISHED},
    {"Aggiornato", WARTA_DATE_LABEL_MODIFIED},
    {"Aggiornato il", WARTA_DATE_LABEL_MODIFIED},
    {"Ultimo aggiornamento", WARTA_DATE_LABEL_MODIFIED},
    {"Modificato", WARTA_DATE_LABEL_MODIFIED},
    {NULL, 0},
};

/* Section labels that head listing pages, never an article's title. */
static const char *const generic_titles[] = {
    "Comunicati stampa", "Archivio", "Notizie", "Ultime notizie", NULL,
};

static const char *const time_words[] = {
    "alle", "ore", NULL,
};

static const char *const related_prefixes[] = {
    "Leggi anche", "Potrebbe interessarti", "Vedi anche", "Approfondisci",
    "Articoli correlati", "Leggi di più", "Per approfondire",
    "Ti potrebbe interessare", "Correlati", "Guarda anche", "Scopri anche",
    "Da non perdere", NULL,
};

static const char *const furniture_lines[] = {
    "Pubblicità", "Condividi", "Commenti", "Newsletter", "I più letti",
    "Iscriviti", "Leggi anche", "Potrebbe interessarti",
    "Ti potrebbe interessare", "Articoli correlati", "Notizie correlate",
    "Correlati", "Da non perdere", "I più visti", "Più letti", "Più lette",
    "Ultime notizie", "Ultim'ora", "Stampa", "Dona ora", "Indice", "Sommario",
    "Contenuto sponsorizzato", "Sponsorizzato", "Seguici",
    "Condividi questo articolo", NULL,
};

static const char *const furniture_prefixes[] = {
    "Iscriviti alla", "Abbonati", "Seguici su", "Clicca qui",
    "Tempo di lettura", "Iscriviti al nostro", "Iscriviti al canale",
    "Unisciti al nostro canale", "Entra nel canale", "Sostieni il giornalismo",
    "Sostienici", "Fai una donazione", "Vota questo articolo",
    "Valuta questo articolo", "Sei già abbonato", "Già abbonato",
    "Questo articolo è riservato", "Contenuto riservato agli abbonati",
    "Categoria:", "Categorie:", "Archiviato in",
    "Questo articolo contiene link",
    /* Blog and print footers: where and when the post was filed. */
    "Questa voce è stata pubblicata",
    "Puoi seguire le risposte a questo articolo",
    /* Calls to action and site terms closing a story. */
    "Ti è piaciuto questo articolo",
    NULL,
};

static const char *const byline_prefixes[] = {
    "Di", "Scritto da", "Pubblicato da", "A cura di", NULL,
};

static const char *const name_conjunctions[] = {
    "e", NULL,
};

/* No stopword table yet: language identification leaves this language
 * to libexttextcat's n-grams, as before the table existed. */
static const char *const stopwords[] = {NULL};

static const char *const photo_words[] = {
    "Foto", NULL,
};

static const char *const copyright_prefixes[] = {
    "Riproduzione riservata", "Tutti i diritti riservati",
    "Riproduzione vietata", NULL,
};

static const char *const rights_phrases[] = {
    "Tutti i diritti riservati", "Riproduzione riservata", NULL,
};

static const char *const browser_notices[] = {
    "abilitare JavaScript", "abilita JavaScript", "JavaScript è disabilitato",
    "aggiorna il tuo browser", "aggiornare il browser", "il tuo browser non supporta",
    "visualizzazione ottimale", "sito ottimizzato per", NULL,
};

static const char *const teaser_tails[] = {
    "Leggi tutto", "Continua a leggere", NULL,
};

static const char *const place_prepositions[] = {
    "a", NULL,
};

const struct warta_lang warta_lang_it = {
    .code = "it",
    .name = "Italian",
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
