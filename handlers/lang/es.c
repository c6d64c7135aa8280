/* Spanish: the Spanish-language press (ES and the Americas). */
#include "warta/lang.h"

static const struct warta_month_name months[] = {
    {"enero", 1}, {"ene", 1}, {"febrero", 2}, {"feb", 2}, {"marzo", 3},
    {"abril", 4}, {"abr", 4}, {"mayo", 5}, {"junio", 6}, {"julio", 7},
    {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12}, {"dic", 12}, {NULL, 0},
};

static const char *const weekdays[] = {
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado",
    "sabado", "domingo", NULL,
};

static const struct warta_zone_name zones[] = {
    {NULL, 0},
};

static const struct warta_label labels[] = {
    {"Autor", WARTA_LABEL_AUTHOR},
    {"Autora", WARTA_LABEL_AUTHOR},
    {"Redacción", WARTA_LABEL_EDITOR},
    {"Editado por", WARTA_LABEL_EDITOR},
    {"Foto", WARTA_LABEL_PHOTOGRAPHER},
    {"Fotografía", WARTA_LABEL_PHOTOGRAPHER},
    {"Etiquetas", WARTA_LABEL_TAGS},
    {"Temas", WARTA_LABEL_TAGS},
    {"Archivado en", WARTA_LABEL_TAGS},
    {"Fuente", WARTA_LABEL_SOURCE},
    {"Traducción", WARTA_LABEL_TRANSLATOR},
    {NULL, 0},
};

static const struct warta_date_label date_labels[] = {
    {"Publicado", WARTA_DATE_LABEL_PUBLISHED},
    {"Publicado el", WARTA_DATE_LABEL_PUBLISHED},
    {"Fecha de publicación", WARTA_DATE_LABEL_PUBLISHED},
    {"Actualizado", WARTA_DATE_LABEL_MODIFIED},
    {"Actualizado el", WARTA_DATE_LABEL_MODIFIED},
    {"Modificado", WARTA_DATE_LABEL_MODIFIED},
    {"Última actualización", WARTA_DATE_LABEL_MODIFIED},
    {NULL, 0},
};

/* Section labels that head listing pages, never an article's title. */
static const char *const generic_titles[] = {
    "Notas de prensa", "Archivo", "Noticias", "Últimas noticias", "Portada",
    NULL,
};

/* "3 de mayo de 2023", "1 de enero del 2024". */
static const char *const date_connectors[] = {
    "de", "del", NULL,
};

static const char *const time_words[] = {
    "de", "del", "a las", NULL,
};

static const char *const related_prefixes[] = {
    "Lee también", "Leer también", "Lea también", "Te puede interesar",
    "Le puede interesar", "Más información", "Ver también",
    "Noticias relacionadas", "Lea además", "Lee además", "Leer más", "Lee más",
    "También te puede interesar", "Quizá te interese", "Puede interesarte",
    "Relacionado", "Relacionada", "Te recomendamos", "Más noticias",
    "Vea también", "Mira también", "Contenido relacionado", NULL,
};

static const char *const furniture_lines[] = {
    "Publicidad", "Compartir", "Comentarios", "Newsletter", "Lo más leído",
    "Más leídas", "Suscríbete", "Lee también", "Te puede interesar",
    "Le puede interesar", "También te puede interesar", "Noticias relacionadas",
    "Contenido relacionado", "Artículos relacionados", "Te recomendamos",
    "Lo más visto", "Más vistas", "Lo último", "Últimas noticias", "Imprimir",
    "Haz una donación", "Índice", "Tabla de contenidos",
    "Contenido patrocinado", "Patrocinado", "Síguenos", NULL,
};

static const char *const furniture_prefixes[] = {
    "Suscríbete", "Regístrate", "Síguenos", "Haz clic", "Tiempo de lectura",
    "Recibe nuestra newsletter", "Recibe las noticias", "Únete a nuestro canal",
    "Únete a nuestra comunidad", "Haz una donación", "Dona ahora",
    "Apoya el periodismo", "Califica este artículo", "Valora este artículo",
    "Ya eres suscriptor", "¿Ya eres suscriptor", "Este contenido es exclusivo",
    "Contenido exclusivo para suscriptores", "Categoría:", "Categorías:",
    "Archivado en", "Este artículo contiene enlaces",
    /* Blog and print footers: where and when the post was filed. */
    "Esta entrada fue publicada", "Puedes seguir las respuestas a esta entrada",
    /* Calls to action and site terms closing a story. */
    "Te ha gustado este artículo",
    NULL,
};

static const char *const byline_prefixes[] = {
    "Por", "Escrito por", "Publicado por", NULL,
};

static const char *const name_conjunctions[] = {
    "y", NULL,
};

/* No stopword table yet: language identification leaves this language
 * to libexttextcat's n-grams, as before the table existed. */
static const char *const stopwords[] = {NULL};

static const char *const photo_words[] = {
    "Foto", "Fotografía", NULL,
};

static const char *const copyright_prefixes[] = {
    "Todos los derechos reservados", "Queda prohibida la reproducción",
    "Prohibida su reproducción", NULL,
};

static const char *const rights_phrases[] = {
    "Todos los derechos reservados", NULL,
};

static const char *const browser_notices[] = {
    "habilitar JavaScript", "habilite JavaScript", "activar JavaScript",
    "active JavaScript", "JavaScript está desactivado", "JavaScript está deshabilitado",
    "actualice su navegador", "actualiza tu navegador", "su navegador no soporta",
    "tu navegador no soporta", "su navegador no admite", "se visualiza mejor con",
    "sitio optimizado para", NULL,
};

static const char *const teaser_tails[] = {
    "Leer más", "Seguir leyendo", "Sigue leyendo", NULL,
};

static const char *const place_prepositions[] = {
    "en", NULL,
};

const struct warta_lang warta_lang_es = {
    .code = "es",
    .name = "Spanish",
    .months = months,
    .weekdays = weekdays,
    .zones = zones,
    .labels = labels,
    .date_labels = date_labels,
    .generic_titles = generic_titles,
    .date_connectors = date_connectors,
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
