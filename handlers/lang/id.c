/* Bahasa Indonesia: the words Warta recognises in Indonesian copy. */
#include "warta/lang.h"

static const struct warta_month_name months[] = {
    {"Januari", 1}, {"Jan", 1}, {"Februari", 2}, {"Feb", 2}, {"Pebruari", 2},
    {"Maret", 3}, {"Mar", 3}, {"April", 4}, {"Apr", 4}, {"Mei", 5},
    {"Juni", 6}, {"Jun", 6}, {"Juli", 7}, {"Jul", 7}, {"Agustus", 8},
    {"Agu", 8}, {"Agt", 8}, {"Ags", 8}, {"Agst", 8}, {"September", 9},
    {"Sep", 9}, {"Sept", 9}, {"Oktober", 10}, {"Okt", 10}, {"November", 11},
    {"Nopember", 11}, {"Nov", 11}, {"Nop", 11}, {"Desember", 12}, {"Des", 12},
    {NULL, 0},
};

static const char *const weekdays[] = {
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu",
    "Ahad", NULL,
};

static const struct warta_zone_name zones[] = {
    {"WIB", 7 * 60}, {"WITA", 8 * 60}, {"WIT", 9 * 60}, {NULL, 0},
};

static const struct warta_label labels[] = {
    {"Pewarta", WARTA_LABEL_AUTHOR},
    {"Penulis", WARTA_LABEL_AUTHOR},
    {"Reporter", WARTA_LABEL_AUTHOR},
    {"Wartawan", WARTA_LABEL_AUTHOR},
    {"Kontributor", WARTA_LABEL_AUTHOR},
    {"Laporan", WARTA_LABEL_AUTHOR},
    {"Editor", WARTA_LABEL_EDITOR},
    {"Penyunting", WARTA_LABEL_EDITOR},
    {"Redaktur", WARTA_LABEL_EDITOR},
    {"Foto", WARTA_LABEL_PHOTOGRAPHER},
    {"Fotografer", WARTA_LABEL_PHOTOGRAPHER},
    {"Pewarta Foto", WARTA_LABEL_PHOTOGRAPHER},
    {"Tags", WARTA_LABEL_TAGS},
    {"Tag", WARTA_LABEL_TAGS},
    {"Topik", WARTA_LABEL_TAGS},
    {"Kata kunci", WARTA_LABEL_TAGS},
    {"Sumber", WARTA_LABEL_SOURCE},
    {"Penerjemah", WARTA_LABEL_TRANSLATOR},
    {NULL, 0},
};

static const struct warta_date_label date_labels[] = {
    {"Diterbitkan", WARTA_DATE_LABEL_PUBLISHED},
    {"Dipublikasikan", WARTA_DATE_LABEL_PUBLISHED},
    {"Terbit", WARTA_DATE_LABEL_PUBLISHED},
    {"Dipublikasi", WARTA_DATE_LABEL_PUBLISHED},
    {"Diperbarui", WARTA_DATE_LABEL_MODIFIED},
    {"Diperbaharui", WARTA_DATE_LABEL_MODIFIED},
    {"Pembaruan", WARTA_DATE_LABEL_MODIFIED},
    {"Diupdate", WARTA_DATE_LABEL_MODIFIED},
    {"Dimutakhirkan", WARTA_DATE_LABEL_MODIFIED},
    {NULL, 0},
};

/* Section labels that head listing pages, never an article's title. */
static const char *const generic_titles[] = {
    "Berita Terkini", "Berita Terbaru", "Berita", "Arsip", "Terpopuler",
    "Siaran Pers", NULL,
};

static const char *const time_words[] = {"pukul", "pkl", "jam", NULL};

static const char *const related_prefixes[] = {
    "Baca juga", "Baca Juga", "Simak juga", "Lihat juga", "Berita terkait",
    "Artikel terkait", "Terkait", NULL,
};

/* Headings of the boxes pages set beside a story (besides the "read
 * also" ones above), and widget labels. */
static const char *const furniture_lines[] = {
    "ADVERTISEMENT", "SCROLL TO RESUME CONTENT", "Iklan", "Bagikan",
    "Komentar", "Berita Terkait", "Artikel Terkait", "Berita Lainnya",
    "Terpopuler", "Berita Terpopuler",
    "Foto Terpopuler", "Video Terpopuler", "Jangan Lewatkan",
    "Pilihan Redaksi", "Lanjutkan membaca", NULL,
};

/* Invitations to watch, read or follow elsewhere. */
static const char *const furniture_prefixes[] = {
    "Simak video", "Simak juga video", "Lihat video", "Lihat juga video",
    "Saksikan video", "Saksikan live", "Tonton juga", "Tonton video",
    "Dengarkan", "Baca selengkapnya", "Halaman selanjutnya",
    "Halaman berikutnya", "Ikuti berita", "Dapatkan update berita",
    "Ikuti kami di", "Follow akun", "Simak breaking news",
    "Download aplikasi", "Unduh aplikasi", "Cek berita dan artikel",
    "Ikuti*WhatsApp", "Ikuti*Google News", "Ikuti*Telegram",
    "Gabung*WhatsApp", "Gabung*Telegram",
    /* Blog and print footers: where and when the post was filed. */
    "Tulisan ini dipublikasikan di",
    /* Calls to action and site terms closing a story. */
    "Suka artikel ini",
    NULL,
};

static const char *const byline_prefixes[] = {"Oleh", "Ditulis oleh", "Laporan wartawan", NULL};

static const char *const name_conjunctions[] = {"dan", NULL};

/* Frequent Indonesian function words; the ones Malay spells differently
 * (bahwa/bahawa, karena/kerana, saat, sudah, tidak) carry the contrast. */
static const char *const stopwords[] = {
    "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam",
    "tidak", "akan", "pada", "juga", "ke", "karena", "bahwa", "oleh", "saat",
    "sudah", "telah", "adalah", "ada", "bisa", "kata", "mereka", "kami",
    "kita", "atau", "tersebut", "seperti", "namun", "masih", "lebih",
    "menjadi", "hingga", "sebagai", "para", "hal", "saya", "tahun", "serta",
    "kepada", "bagi", "agar", "tetapi", "yakni", "ujarnya", "katanya",
    "tuturnya", "menurut", "nya", "sejumlah", "secara", "kemudian", "banyak",
    "sangat", "belum", "harus", "dapat", "terkait", "usai", "daripada", NULL,
};

static const char *const textcat_neighbours[] = {"id", "ms", "ace", "ban", "tet", "tl", NULL};

static const char *const photo_words[] = {"Foto", "ANTARA FOTO", NULL};

static const char *const copyright_prefixes[] = {"Hak cipta", "Hak Cipta", NULL};

static const char *const rights_phrases[] = {
    "Hak cipta dilindungi undang-undang", NULL,
};

static const char *const browser_notices[] = {
    "aktifkan JavaScript", "JavaScript dinonaktifkan", "perbarui browser Anda",
    "perbarui peramban", "browser Anda tidak mendukung", "peramban Anda tidak mendukung",
    "paling baik dilihat", NULL,
};

static const char *const teaser_tails[] = {
    "Selengkapnya", "Baca selengkapnya", NULL,
};

static const char *const place_prepositions[] = {"di", NULL};

const struct warta_lang warta_lang_id = {
    .code = "id",
    .name = "Indonesian",
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
};
