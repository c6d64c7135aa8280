/* Portuguese: the Portuguese-language press (PT, BR, Africa, Timor-Leste). */
#include "warta/lang.h"

static const struct warta_month_name months[] = {
    {"janeiro", 1}, {"jan", 1}, {"fevereiro", 2}, {"fev", 2}, {"março", 3},
    {"marco", 3}, {"abril", 4}, {"abr", 4}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"agosto", 8}, {"setembro", 9}, {"outubro", 10},
    {"novembro", 11}, {"dezembro", 12}, {"dez", 12}, {NULL, 0},
};

static const char *const weekdays[] = {
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira",
    "sexta-feira", "sábado", "domingo", NULL,
};

static const struct warta_zone_name zones[] = {
    {NULL, 0},
};

static const struct warta_label labels[] = {
    {"Autor", WARTA_LABEL_AUTHOR},
    {"Autora", WARTA_LABEL_AUTHOR},
    {"Redação", WARTA_LABEL_EDITOR},
    {"Foto", WARTA_LABEL_PHOTOGRAPHER},
    {"Fotografia", WARTA_LABEL_PHOTOGRAPHER},
    {"Etiquetas", WARTA_LABEL_TAGS},
    {"Tópicos", WARTA_LABEL_TAGS},
    {"Arquivado em", WARTA_LABEL_TAGS},
    {"Fonte", WARTA_LABEL_SOURCE},
    {"Tradução", WARTA_LABEL_TRANSLATOR},
    {NULL, 0},
};

static const struct warta_date_label date_labels[] = {
    {"Publicado", WARTA_DATE_LABEL_PUBLISHED},
    {"Publicado em", WARTA_DATE_LABEL_PUBLISHED},
    {"Publicado a", WARTA_DATE_LABEL_PUBLISHED},
    {"Atualizado", WARTA_DATE_LABEL_MODIFIED},
    {"Atualizado em", WARTA_DATE_LABEL_MODIFIED},
    {"Actualizado", WARTA_DATE_LABEL_MODIFIED},
    {"Actualizado a", WARTA_DATE_LABEL_MODIFIED},
    {"Modificado", WARTA_DATE_LABEL_MODIFIED},
    {NULL, 0},
};

/* Section labels that head listing pages, never an article's title. */
static const char *const generic_titles[] = {
    "Comunicados de imprensa", "Arquivo", "Notícias", "Últimas notícias", NULL,
};

/* "5 de março de 2021". */
static const char *const date_connectors[] = {
    "de", NULL,
};

static const char *const time_words[] = {
    "de", "às", NULL,
};

static const char *const related_prefixes[] = {
    "Leia também", "Leia mais", "Veja também", "Saiba mais", "Relacionadas",
    "Leia ainda", "Veja mais", "Ler também", "Ler mais", "Relacionado",
    "Relacionados", "Você pode gostar", "Recomendadas", "Confira também",
    "Veja ainda", NULL,
};

static const char *const furniture_lines[] = {
    "Publicidade", "Compartilhar", "Partilhar", "Comentários", "Newsletter",
    "Mais lidas", "Assine", "Leia também", "Leia mais", "Veja também",
    "Saiba mais", "Relacionadas", "Notícias relacionadas",
    "Matérias relacionadas", "Artigos relacionados", "Mais vistas",
    "Mais populares", "Últimas notícias", "Imprimir", "Índice",
    "Conteúdo patrocinado", "Patrocinado", "Siga-nos", "Assine já",
    "Você também pode gostar", "Também pode gostar de", NULL,
};

static const char *const furniture_prefixes[] = {
    "Assine a", "Inscreva-se", "Siga-nos", "Clique aqui", "Tempo de leitura",
    "Assine já", "Assine nossa", "Receba as notícias",
    "Receba nossa newsletter", "Siga o canal", "Entre no canal",
    "Participe do canal", "Faça uma doação", "Apoie o jornalismo",
    "Avalie este artigo", "Avalie esta matéria", "Já é assinante",
    "Conteúdo exclusivo para assinantes", "Este conteúdo é exclusivo",
    "Categoria:", "Categorias:", "Arquivado em", "Este artigo contém links",
    /* Blog and print footers: where and when the post was filed. */
    "Esta entrada foi publicada", "Você pode acompanhar as respostas",
    /* Calls to action and site terms closing a story. */
    "Gostou deste artigo", "Gostou desta matéria",
    NULL,
};

static const char *const byline_prefixes[] = {
    "Por", "Escrito por", "Publicado por", NULL,
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
    "Todos os direitos reservados", "Proibida a reprodução",
    "É proibida a reprodução", NULL,
};

static const char *const rights_phrases[] = {
    "Todos os direitos reservados", NULL,
};

static const char *const browser_notices[] = {
    "ativar o JavaScript", "ative o JavaScript", "habilite o JavaScript",
    "JavaScript está desativado", "atualize seu navegador", "atualize o seu navegador",
    "seu navegador não suporta", "seu navegador não oferece suporte",
    "melhor visualizado", NULL,
};

static const char *const teaser_tails[] = {
    "Leia mais", "Continue lendo", "Ler mais", NULL,
};

static const char *const place_prepositions[] = {
    "em", NULL,
};

const struct warta_lang warta_lang_pt = {
    .code = "pt",
    .name = "Portuguese",
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
