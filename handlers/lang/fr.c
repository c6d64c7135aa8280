/* French: the French-language press (FR, BE, CH, CA, Africa). */
#include "warta/lang.h"

static const struct warta_month_name months[] = {
    {"janvier", 1}, {"janv", 1}, {"février", 2}, {"fevrier", 2}, {"févr", 2},
    {"mars", 3}, {"avril", 4}, {"avr", 4}, {"mai", 5}, {"juin", 6},
    {"juillet", 7}, {"juil", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9},
    {"sept", 9}, {"octobre", 10}, {"oct", 10}, {"novembre", 11}, {"nov", 11},
    {"décembre", 12}, {"decembre", 12}, {"déc", 12}, {NULL, 0},
};

static const char *const weekdays[] = {
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    NULL,
};

static const struct warta_zone_name zones[] = {
    {NULL, 0},
};

static const struct warta_label labels[] = {
    {"Auteur", WARTA_LABEL_AUTHOR},
    {"Autrice", WARTA_LABEL_AUTHOR},
    {"Rédacteur", WARTA_LABEL_AUTHOR},
    {"Rédaction", WARTA_LABEL_EDITOR},
    {"Édité par", WARTA_LABEL_EDITOR},
    {"Photo", WARTA_LABEL_PHOTOGRAPHER},
    {"Crédit photo", WARTA_LABEL_PHOTOGRAPHER},
    {"Mots-clés", WARTA_LABEL_TAGS},
    {"Mots clés", WARTA_LABEL_TAGS},
    {"Sujets", WARTA_LABEL_TAGS},
    {"Classé dans", WARTA_LABEL_TAGS},
    {"Source", WARTA_LABEL_SOURCE},
    {"Traduction", WARTA_LABEL_TRANSLATOR},
    {NULL, 0},
};

static const struct warta_date_label date_labels[] = {
    {"Publié", WARTA_DATE_LABEL_PUBLISHED},
    {"Publié le", WARTA_DATE_LABEL_PUBLISHED},
    {"Paru le", WARTA_DATE_LABEL_PUBLISHED},
    {"Mis à jour", WARTA_DATE_LABEL_MODIFIED},
    {"Mis à jour le", WARTA_DATE_LABEL_MODIFIED},
    {"Modifié", WARTA_DATE_LABEL_MODIFIED},
    {"Modifié le", WARTA_DATE_LABEL_MODIFIED},
    {"Actualisé", WARTA_DATE_LABEL_MODIFIED},
    {NULL, 0},
};

/* Section labels that head listing pages, never an article's title. */
static const char *const generic_titles[] = {
    "Communiqués de presse", "Archives", "Actualités", "Accueil", "À la une",
    NULL,
};

static const char *const time_words[] = {
    "à", NULL,
};

static const char *const related_prefixes[] = {
    "Lire aussi", "À lire aussi", "A lire aussi", "Voir aussi", "Lire la suite",
    "À voir aussi", "Sur le même sujet", "Lire également", "À lire également",
    "A lire également", "À lire", "A lire", "Voir également", "À découvrir",
    "A découvrir", "Pour aller plus loin", "Découvrez aussi", NULL,
};

static const char *const furniture_lines[] = {
    "Publicité", "Partager", "Partager l'article", "Commentaires", "Newsletter",
    "Lire plus tard", "Les plus lus", "Sommaire", "Abonnez-vous", "Lire aussi",
    "À lire aussi", "A lire aussi", "À lire également", "À lire", "A lire",
    "Voir aussi", "Sur le même sujet", "Sur le même thème", "À découvrir",
    "A découvrir", "Articles similaires", "Articles liés", "Les plus partagés",
    "Les plus populaires", "Les plus commentés", "Les plus consultés",
    "Les articles les plus lus", "Le fil info", "Fil info", "Fil d'actualité",
    "Dernières actualités", "Dernières infos", "Imprimer", "Faire un don",
    "Table des matières", "Contenu sponsorisé", "Article sponsorisé",
    "Contenu partenaire", "S'abonner", "Je m'abonne", "Suivez-nous",
    "Notez cet article", "Vous aimerez aussi", "Vous aimerez peut-être aussi",
    NULL,
};

static const char *const furniture_prefixes[] = {
    "Abonnez-vous", "Inscrivez-vous", "Suivez-nous", "Cliquez ici",
    "Cet article est réservé", "Temps de lecture", "Lecture :", "Je m'abonne",
    "S'abonner", "Recevez notre newsletter", "Faites un don", "Soutenez-nous",
    "Soutenez notre journalisme", "Notez cet article", "Rejoignez-nous sur",
    "Rejoignez notre chaîne", "Suivez notre chaîne", "Déjà abonné",
    "Il vous reste", "La suite est réservée", "Cet article vous est offert",
    "Catégorie :", "Catégories :", "Rubrique :", "Classé dans",
    "Cet article contient des liens",
    /* Blog and print footers: where and when the post was filed. */
    "Cette entrée a été publiée",
    "Vous pouvez suivre les réponses à cet article",
    /* Calls to action and site terms closing a story. */
    "Vous avez aimé cet article", "Cet article vous a plu",
    NULL,
};

static const char *const byline_prefixes[] = {
    "Par", "Publié par", "Rédigé par", "Écrit par", NULL,
};

static const char *const name_conjunctions[] = {
    "et", NULL,
};

/* No stopword table yet: language identification leaves this language
 * to libexttextcat's n-grams, as before the table existed. */
static const char *const stopwords[] = {NULL};

static const char *const photo_words[] = {
    "Photo", "Crédit", NULL,
};

static const char *const copyright_prefixes[] = {
    "Tous droits réservés", "Reproduction interdite", NULL,
};

static const char *const rights_phrases[] = {
    "Tous droits réservés", NULL,
};

static const char *const browser_notices[] = {
    "activer JavaScript", "activez JavaScript", "JavaScript est désactivé",
    "mettre à jour votre navigateur", "mettez à jour votre navigateur",
    "votre navigateur ne supporte pas", "votre navigateur ne prend pas en charge",
    "site est optimisé pour", "meilleur affichage", NULL,
};

static const char *const teaser_tails[] = {
    "Lire la suite", "Lire l'article", NULL,
};

static const char *const place_prepositions[] = {
    "à", NULL,
};

const struct warta_lang warta_lang_fr = {
    .code = "fr",
    .name = "French",
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
