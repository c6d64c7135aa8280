/* Bahasa Melayu (Malaysia, Brunei, Singapore). */
#include "warta/lang.h"

static const struct warta_month_name months[] = {
    {"Januari", 1}, {"Jan", 1}, {"Februari", 2}, {"Feb", 2}, {"Mac", 3},
    {"April", 4}, {"Apr", 4}, {"Mei", 5}, {"Jun", 6}, {"Julai", 7},
    {"Jul", 7}, {"Ogos", 8}, {"Ogo", 8}, {"September", 9}, {"Sep", 9},
    {"Sept", 9}, {"Oktober", 10}, {"Okt", 10}, {"November", 11}, {"Nov", 11},
    {"Disember", 12}, {"Dis", 12}, {NULL, 0},
};

static const char *const weekdays[] = {
    "Isnin", "Selasa", "Rabu", "Khamis", "Jumaat", "Sabtu", "Ahad", NULL,
};

/* Malaysia Time and Singapore/Brunei standard time. */
static const struct warta_zone_name zones[] = {
    {"MYT", 8 * 60}, {"SGT", 8 * 60}, {"BNT", 8 * 60}, {NULL, 0},
};

static const struct warta_label labels[] = {
    {"Penulis", WARTA_LABEL_AUTHOR},
    {"Wartawan", WARTA_LABEL_AUTHOR},
    {"Oleh", WARTA_LABEL_AUTHOR},
    {"Disunting oleh", WARTA_LABEL_EDITOR},
    {"Penyunting", WARTA_LABEL_EDITOR},
    {"Editor", WARTA_LABEL_EDITOR},
    {"Gambar", WARTA_LABEL_PHOTOGRAPHER},
    {"Jurugambar", WARTA_LABEL_PHOTOGRAPHER},
    {"Tag", WARTA_LABEL_TAGS},
    {"Topik", WARTA_LABEL_TAGS},
    {"Sumber", WARTA_LABEL_SOURCE},
    {NULL, 0},
};

static const struct warta_date_label date_labels[] = {
    {"Diterbitkan", WARTA_DATE_LABEL_PUBLISHED},
    {"Disiarkan", WARTA_DATE_LABEL_PUBLISHED},
    {"Terbit", WARTA_DATE_LABEL_PUBLISHED},
    {"Dikemaskini", WARTA_DATE_LABEL_MODIFIED},
    {"Kemaskini", WARTA_DATE_LABEL_MODIFIED},
    {"Dikemas kini", WARTA_DATE_LABEL_MODIFIED},
    {NULL, 0},
};

/* Section labels that head listing pages, never an article's title. */
static const char *const generic_titles[] = {
    "Berita Terkini", "Berita", "Arkib", "Kenyataan Media", NULL,
};

static const char *const time_words[] = {"pukul", "jam", NULL};

static const char *const related_prefixes[] = {
    "Baca juga", "Berita berkaitan", "Artikel berkaitan", "Lihat juga", NULL,
};

static const char *const furniture_lines[] = {
    "IKLAN", "Kongsi", "Komen", "Berita Berkaitan", "Artikel Berkaitan",
    "Video Berkaitan", "Terkini", "Jangan lepaskan",
    "Pilihan Editor", NULL,
};

static const char *const furniture_prefixes[] = {
    "Ikuti kami di", "Langgan", "Tonton juga", "Tonton video",
    "Klik di sini untuk", "Muat turun aplikasi", "Ikuti*Telegram",
    "Ikuti*WhatsApp", "Sertai*Telegram", "Sertai*WhatsApp",
    /* Calls to action and site terms closing a story. */
    "Suka artikel ini",
    NULL,
};

static const char *const byline_prefixes[] = {"Oleh", "Ditulis oleh", NULL};

static const char *const name_conjunctions[] = {"dan", NULL};

/* Frequent Malay function words; bahawa, kerana, iaitu, ialah, sahaja,
 * selepas, beliau-heavy prose separate it from Indonesian. */
static const char *const stopwords[] = {
    "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam",
    "tidak", "akan", "pada", "juga", "ke", "kerana", "bahawa", "oleh",
    "ketika", "sudah", "telah", "adalah", "ialah", "iaitu", "boleh", "kata",
    "mereka", "kami", "kita", "atau", "tersebut", "seperti", "namun", "masih",
    "lebih", "menjadi", "hingga", "sebagai", "para", "hal", "saya", "tahun",
    "serta", "kepada", "bagi", "agar", "tetapi", "beliau", "selepas",
    "sahaja", "sebelum", "daripada", "manakala", "turut", "semasa", "kerajaan",
    "berkata", "katanya", "negara", "pihak", "dapat", "mahu", "tiada", NULL,
};

static const char *const textcat_neighbours[] = {"ms", "id", "ace", "ban", "tl", NULL};

static const char *const photo_words[] = {"Gambar", "Foto", NULL};

static const char *const copyright_prefixes[] = {"Hak cipta", NULL};

static const char *const rights_phrases[] = {
    "Hak cipta terpelihara", NULL,
};

static const char *const browser_notices[] = {
    "dayakan JavaScript", "aktifkan JavaScript", "kemas kini pelayar",
    "pelayar anda tidak menyokong", "paling baik dilihat", "terbaik dilihat",
    NULL,
};

static const char *const teaser_tails[] = {
    "Baca lagi", "Baca seterusnya", NULL,
};

static const char *const place_prepositions[] = {"di", NULL};

const struct warta_lang warta_lang_ms = {
    .code = "ms",
    .name = "Malay",
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
    .textcat_neighbours = textcat_neighbours,
    .photo_words = photo_words,
    .copyright_prefixes = copyright_prefixes,
    .place_prepositions = place_prepositions,
    .rights_phrases = rights_phrases,
    .browser_notices = browser_notices,
    .teaser_tails = teaser_tails,
    /* Malaysia, Brunei and Singapore all keep UTC+8. */
    .default_offset_minutes = 8 * 60,
    .has_default_offset = true,
};
