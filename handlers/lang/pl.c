/* Polish: the Polish-language press. */
#include "warta/lang.h"

static const struct warta_month_name months[] = {
    {"styczeń", 1}, {"stycznia", 1}, {"luty", 2}, {"lutego", 2}, {"marzec", 3},
    {"marca", 3}, {"kwiecień", 4}, {"kwietnia", 4}, {"maj", 5}, {"maja", 5},
    {"czerwiec", 6}, {"czerwca", 6}, {"lipiec", 7}, {"lipca", 7},
    {"sierpień", 8}, {"sierpnia", 8}, {"wrzesień", 9}, {"września", 9},
    {"październik", 10}, {"października", 10}, {"listopad", 11},
    {"listopada", 11}, {"grudzień", 12}, {"grudnia", 12}, {"gru", 12},
    {NULL, 0},
};

static const char *const weekdays[] = {
    "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota",
    "niedziela", NULL,
};

static const struct warta_zone_name zones[] = {
    {NULL, 0},
};

static const struct warta_label labels[] = {
    {"Autor", WARTA_LABEL_AUTHOR},
    {"Autorka", WARTA_LABEL_AUTHOR},
    {"Redakcja", WARTA_LABEL_EDITOR},
    {"Fot", WARTA_LABEL_PHOTOGRAPHER},
    {"Zdjęcie", WARTA_LABEL_PHOTOGRAPHER},
    {"Tagi", WARTA_LABEL_TAGS},
    {"Tematy", WARTA_LABEL_TAGS},
    {"Źródło", WARTA_LABEL_SOURCE},
    {"Tłumaczenie", WARTA_LABEL_TRANSLATOR},
    {NULL, 0},
};

static const struct warta_date_label date_labels[] = {
    {"Opublikowano", WARTA_DATE_LABEL_PUBLISHED},
    {"Data publikacji", WARTA_DATE_LABEL_PUBLISHED},
    {"Publikacja", WARTA_DATE_LABEL_PUBLISHED},
    {"Aktualizacja", WARTA_DATE_LABEL_MODIFIED},
    {"Zaktualizowano", WARTA_DATE_LABEL_MODIFIED},
    {"Data aktualizacji", WARTA_DATE_LABEL_MODIFIED},
    {NULL, 0},
};

/* Section labels that head listing pages, never an article's title. */
static const char *const generic_titles[] = {
    "Komunikaty prasowe", "Archiwum", "Wiadomości", "Najnowsze", NULL,
};

static const char *const time_words[] = {
    "o", NULL,
};

static const char *const related_prefixes[] = {
    "Czytaj też", "Czytaj także", "Zobacz też", "Zobacz także",
    "Przeczytaj też", "Przeczytaj także", "Czytaj więcej", "Zobacz również",
    "Czytaj również", "Przeczytaj również", "Polecamy", "Warto przeczytać",
    "Powiązane", NULL,
};

static const char *const furniture_lines[] = {
    "Reklama", "Udostępnij", "Komentarze", "Newsletter", "Najczęściej czytane",
    "Czytaj też", "Czytaj także", "Zobacz też", "Zobacz także",
    "Zobacz również", "Polecamy", "Warto przeczytać", "Powiązane artykuły",
    "Podobne artykuły", "Najpopularniejsze", "Najnowsze",
    "Najnowsze wiadomości", "Drukuj", "Wesprzyj nas", "Spis treści",
    "Artykuł sponsorowany", "Materiał sponsorowany", "Materiał partnera",
    "Obserwuj nas", "Może Cię zainteresować", "To może Cię zainteresować", NULL,
};

static const char *const furniture_prefixes[] = {
    "Zapisz się", "Subskrybuj", "Obserwuj nas", "Kliknij tutaj",
    "Czas czytania", "Zamów newsletter", "Wesprzyj nas", "Dołącz do nas",
    "Dołącz do naszego", "Oceń artykuł", "Masz już subskrypcję",
    "Masz już konto", "Kategoria:", "Kategorie:", "Artykuł zawiera linki",
    /* Blog and print footers: where and when the post was filed. */
    "Ten wpis został opublikowany",
    /* Calls to action and site terms closing a story. */
    "Podobał ci się ten artykuł", "Podobał Ci się artykuł",
    NULL,
};

static const char *const byline_prefixes[] = {
    NULL,
};

static const char *const name_conjunctions[] = {
    "i", "oraz", NULL,
};

/* No stopword table yet: language identification leaves this language
 * to libexttextcat's n-grams, as before the table existed. */
static const char *const stopwords[] = {NULL};

static const char *const photo_words[] = {
    "Fot", "Zdjęcie", NULL,
};

static const char *const copyright_prefixes[] = {
    "Wszelkie prawa zastrzeżone", "Kopiowanie i rozpowszechnianie", NULL,
};

static const char *const rights_phrases[] = {
    "Wszelkie prawa zastrzeżone", NULL,
};

static const char *const browser_notices[] = {
    "włącz JavaScript", "włączyć JavaScript", "JavaScript jest wyłączony",
    "zaktualizuj przeglądarkę", "przeglądarka nie obsługuje", "najlepiej oglądać w",
    NULL,
};

static const char *const teaser_tails[] = {
    "Czytaj więcej", "Czytaj dalej", NULL,
};

static const char *const place_prepositions[] = {
    "w", NULL,
};

const struct warta_lang warta_lang_pl = {
    .code = "pl",
    .name = "Polish",
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
