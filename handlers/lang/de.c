/* German: the German-language press (DE, AT, CH). */
#include "warta/lang.h"

static const struct warta_month_name months[] = {
    {"Januar", 1}, {"Jan", 1}, {"Jänner", 1}, {"Februar", 2}, {"Feb", 2},
    {"März", 3}, {"Mär", 3}, {"April", 4}, {"Apr", 4}, {"Mai", 5}, {"Juni", 6},
    {"Jun", 6}, {"Juli", 7}, {"Jul", 7}, {"August", 8}, {"Aug", 8},
    {"September", 9}, {"Sept", 9}, {"Sep", 9}, {"Oktober", 10}, {"Okt", 10},
    {"November", 11}, {"Nov", 11}, {"Dezember", 12}, {"Dez", 12}, {NULL, 0},
};

static const char *const weekdays[] = {
    "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",
    "Sonnabend", "Sonntag", NULL,
};

static const struct warta_zone_name zones[] = {
    {"MEZ", 60},
    {"MESZ", 120},
    {NULL, 0},
};

static const struct warta_label labels[] = {
    {"Autor", WARTA_LABEL_AUTHOR},
    {"Autorin", WARTA_LABEL_AUTHOR},
    {"Redaktion", WARTA_LABEL_EDITOR},
    {"Bearbeitet von", WARTA_LABEL_EDITOR},
    {"Foto", WARTA_LABEL_PHOTOGRAPHER},
    {"Fotos", WARTA_LABEL_PHOTOGRAPHER},
    {"Bild", WARTA_LABEL_PHOTOGRAPHER},
    {"Schlagworte", WARTA_LABEL_TAGS},
    {"Schlagwörter", WARTA_LABEL_TAGS},
    {"Themen", WARTA_LABEL_TAGS},
    {"Abgelegt unter", WARTA_LABEL_TAGS},
    {"Quelle", WARTA_LABEL_SOURCE},
    {"Übersetzung", WARTA_LABEL_TRANSLATOR},
    {NULL, 0},
};

static const struct warta_date_label date_labels[] = {
    {"Veröffentlicht", WARTA_DATE_LABEL_PUBLISHED},
    {"Datum", WARTA_DATE_LABEL_PUBLISHED},
    {"Veröffentlicht am", WARTA_DATE_LABEL_PUBLISHED},
    {"Erschienen", WARTA_DATE_LABEL_PUBLISHED},
    {"Erschienen am", WARTA_DATE_LABEL_PUBLISHED},
    {"Publiziert", WARTA_DATE_LABEL_PUBLISHED},
    {"Erstellt", WARTA_DATE_LABEL_PUBLISHED},
    {"Erstellt am", WARTA_DATE_LABEL_PUBLISHED},
    {"Aktualisiert", WARTA_DATE_LABEL_MODIFIED},
    {"Aktualisiert am", WARTA_DATE_LABEL_MODIFIED},
    {"Zuletzt aktualisiert", WARTA_DATE_LABEL_MODIFIED},
    {"Geändert", WARTA_DATE_LABEL_MODIFIED},
    {"Zuletzt geändert", WARTA_DATE_LABEL_MODIFIED},
    {NULL, 0},
};

/* Section labels that head listing pages, never an article's title. */
static const char *const generic_titles[] = {
    "Pressemitteilungen", "Pressemitteilung", "Archiv", "Nachrichten",
    "Aktuelles", "Aktuelle Nachrichten", "Startseite", NULL,
};

static const char *const time_words[] = {
    "um", NULL,
};

static const char *const related_prefixes[] = {
    "Lesen Sie auch", "Lesen Sie mehr", "Mehr zum Thema", "Auch interessant",
    "Das könnte Sie auch interessieren", "Weitere Artikel", "Siehe auch",
    "Lesen Sie dazu", "Mehr dazu", "Passend zum Thema", "Zum Thema",
    "Auch lesenswert", "Empfehlung der Redaktion", NULL,
};

static const char *const furniture_lines[] = {
    "Anzeige", "Werbung", "Teilen", "Artikel teilen", "Kommentare",
    "Newsletter", "Zum Newsletter", "Mehr anzeigen", "Weiterlesen",
    "Meistgelesen", "Das Wichtigste in Kürze", "Inhaltsverzeichnis",
    "Lesen Sie auch", "Lesen Sie mehr", "Auch interessant",
    "Das könnte Sie auch interessieren", "Das könnte Sie interessieren",
    "Weitere Artikel", "Siehe auch", "Passend zum Thema", "Mehr zum Thema",
    "Empfehlungen der Redaktion", "Unsere Empfehlungen",
    "Meistgelesene Artikel", "Am meisten gelesen", "Beliebteste Artikel",
    "Neueste Artikel", "Neueste Nachrichten", "Newsticker", "Top-Themen",
    "Weitere Nachrichten", "Mehr aus dem Ressort", "Artikel drucken", "Drucken",
    "Artikel bewerten", "Artikel merken", "Merken", "Jetzt spenden", "Spenden",
    "Newsletter abonnieren", "Kommentieren", "Zur Startseite", "Inhalt",
    "Gesponsert", "Sponsored Content", "Affiliate-Link", "Affiliate-Links",
    NULL,
};

static const char *const furniture_prefixes[] = {
    "Jetzt abonnieren", "Abonnieren Sie", "Melden Sie sich", "Folgen Sie uns",
    "Hier geht es zum", "Hier geht's zum", "Zum Artikel", "Mehr zum Thema",
    "Jetzt weiterlesen", "Sie haben bereits ein Abo", "Lesezeit",
    "Newsletter abonnieren", "Jetzt Newsletter", "Zum Newsletter",
    "Jetzt spenden", "Unterstützen Sie unseren Journalismus",
    "Unterstützen Sie unabhängigen Journalismus", "Folge uns",
    "Bewerten Sie diesen Artikel", "Wie hat Ihnen der Artikel gefallen",
    "Wie gefällt Ihnen dieser Artikel", "Dieser Artikel ist exklusiv",
    "Exklusiv für Abonnenten", "Weiterlesen mit", "Bereits Abonnent",
    "Sie sind bereits Abonnent", "Jetzt unseren WhatsApp-Kanal",
    "Unser WhatsApp-Kanal", "Lesedauer", "Kategorie:", "Rubrik:", "Ressort:",
    "Abgelegt unter", "Gepostet in", "Dieser Artikel enthält Affiliate-Links",
    "Dieser Beitrag enthält Affiliate-Links", "Mehr Nachrichten", "Mehr News",
    /* Blog and print footers: where and when the post was filed. */
    "Dieser Eintrag wurde veröffentlicht",
    "Sie können alle Antworten zu diesem Eintrag",
    /* Calls to action and site terms closing a story. */
    "Hat Ihnen dieser Artikel gefallen", "Hat dir dieser Artikel gefallen",
    "Abonniere", "Folgst du*WhatsApp",
    NULL,
};

static const char *const byline_prefixes[] = {
    "Von", "Veröffentlicht von", "Ein Beitrag von", "Geschrieben von",
    "Zeige alle Beiträge von", NULL,
};

static const char *const name_conjunctions[] = {
    "und", NULL,
};

/* No stopword table yet: language identification leaves this language
 * to libexttextcat's n-grams, as before the table existed. */
static const char *const stopwords[] = {NULL};

static const char *const photo_words[] = {
    "Foto", "Bild", NULL,
};

static const char *const copyright_prefixes[] = {
    "Alle Rechte vorbehalten", "Nachdruck nur mit",
    "Dieser Text ist lizenziert", "Dieser Artikel ist lizenziert", NULL,
};

static const char *const rights_phrases[] = {
    "Alle Rechte vorbehalten", NULL,
};

static const char *const browser_notices[] = {
    "JavaScript aktivieren", "aktivieren Sie JavaScript", "JavaScript ist deaktiviert",
    "JavaScript ist ausgeschaltet", "Ihr Browser unterstützt", "Dein Browser unterstützt",
    "aktualisieren Sie Ihren Browser", "aktualisiere deinen Browser",
    "Stylesheet nicht geladen", "am besten mit Internet Explorer",
    "optimiert für eine Auflösung", NULL,
};

static const char *const teaser_tails[] = {
    "mehr", "Weiterlesen", "Mehr lesen", NULL,
};

static const char *const place_prepositions[] = {
    "in", NULL,
};

const struct warta_lang warta_lang_de = {
    .code = "de",
    .name = "German",
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
