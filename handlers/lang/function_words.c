/*
 * Function words of the tabled languages in one list: articles,
 * prepositions, pronouns, conjunctions and auxiliaries. Running prose is
 * about a third function words in any of these languages, while menus,
 * teaser headlines, tags and captions are mostly nouns; the second reading
 * of the clean stage (handlers/clean/reading.c) tells prose from the rest
 * by this share, as jusText does with its stop-lists. One list for all
 * languages: the page's language is not known yet when the clean stage
 * runs, and a word of one language that is a noun in another ("die",
 * "set") moves the share of a block by little.
 *
 * Lowercase, sorted by byte value (strcmp) for bsearch; a unit test keeps
 * the order.
 */
#include <stdlib.h>
#include <string.h>

#include "warta/lang.h"

const char *const warta_function_words[] = {
    "a", "aan", "aber", "about", "above", "ada", "adalah", "after", "again", "against",
    "akan", "al", "ale", "algo", "all", "alla", "alle", "als", "also", "am", "an",
    "anche", "and", "any", "ao", "aos", "are", "as", "at", "atau", "au", "auch", "auf",
    "aus", "aussi", "aux", "avait", "avec", "bagi", "bahwa", "be", "because", "been",
    "before", "bei", "being", "below", "between", "bij", "bin", "bis", "bisa", "bist",
    "bo", "both", "but", "by", "być", "can", "ce", "ces", "cette", "che", "chi", "ci",
    "com", "come", "comme", "como", "con", "could", "cuando", "czy", "da", "dal",
    "dalam", "dalla", "damit", "dan", "dann", "dans", "dari", "das", "dass", "dat",
    "de", "degli", "dei", "del", "della", "delle", "dem", "den", "dengan", "denn",
    "der", "des", "desde", "deze", "di", "did", "die", "dies", "diese", "dieser", "dit",
    "dla", "do", "doch", "does", "doing", "donde", "door", "dort", "dos", "down", "du",
    "durch", "during", "e", "each", "een", "ein", "eine", "einem", "einen", "einer",
    "eines", "el", "ela", "ele", "ella", "elle", "ellos", "em", "en", "entre", "er",
    "era", "es", "esa", "ese", "essa", "esse", "essere", "est", "esta", "este", "está",
    "et", "eux", "few", "foi", "for", "from", "fue", "further", "für", "gli", "go",
    "ha", "had", "han", "hanno", "has", "hat", "hatte", "have", "having", "hay", "he",
    "heb", "heeft", "her", "here", "hers", "het", "hij", "him", "his", "hoe", "how",
    "hun", "há", "i", "ia", "ich", "if", "ihr", "ik", "il", "ils", "im", "in", "ini",
    "into", "io", "is", "isso", "ist", "it", "its", "itself", "itu", "ja", "jak",
    "jako", "je", "jednak", "jego", "jej", "jest", "juga", "just", "już", "já", "kami",
    "kan", "kann", "karena", "kata", "ke", "kein", "kepada", "la", "las", "le", "lebih",
    "les", "leur", "lo", "los", "lub", "lui", "ma", "maar", "mais", "man", "mas",
    "masih", "me", "mereka", "mes", "met", "mi", "mij", "mit", "mnie", "mon", "more",
    "most", "muito", "muy", "my", "más", "même", "na", "naar", "nach", "nad", "nas",
    "ne", "nel", "nella", "nicht", "nie", "niet", "niż", "no", "noch", "nog", "non",
    "nor", "nos", "not", "notre", "nous", "now", "nu", "nur", "não", "o", "ob", "od",
    "oder", "of", "off", "oleh", "om", "on", "once", "only", "ons", "ook", "op", "or",
    "os", "other", "ou", "our", "ours", "out", "over", "own", "où", "pada", "par",
    "para", "pas", "pela", "pelo", "per", "pero", "più", "plus", "po", "pod", "por",
    "porque", "pour", "przez", "przy", "qu", "quando", "que", "questa", "questo", "qui",
    "sa", "saat", "same", "schon", "se", "sebagai", "sein", "sem", "ser", "ses",
    "setelah", "seu", "she", "should", "si", "sich", "sie", "sin", "sind", "się", "so",
    "sobre", "some", "son", "sono", "sont", "su", "sua", "such", "sudah", "sul", "suo",
    "sur", "sus", "são", "ta", "tak", "także", "también", "também", "te", "tego", "tej",
    "telah", "tersebut", "tes", "than", "that", "the", "their", "theirs", "them",
    "then", "there", "these", "they", "this", "those", "through", "tidak", "tiene",
    "to", "todo", "ton", "too", "tot", "tra", "tu", "tylko", "uit", "um", "uma", "un",
    "una", "und", "under", "une", "uno", "uns", "unter", "until", "untuk", "up", "van",
    "very", "vom", "von", "voor", "vor", "vos", "votre", "vous", "w", "war", "was",
    "wat", "we", "wel", "wenn", "wer", "werd", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "wie", "wij", "will", "wir", "wird", "with", "więc",
    "worden", "would", "wurde", "y", "ya", "yang", "you", "your", "yours", "z", "za",
    "zal", "ze", "zich", "zij", "zijn", "zu", "zum", "zur", "è", "é", "était", "été",
    "être", "über", "że",
    NULL,
};

#define N_WORDS (sizeof(warta_function_words) / sizeof(warta_function_words[0]) - 1)

struct key {
    const char *p;
    size_t n;
};

static int cmp(const void *k, const void *e)
{
    const struct key *key = k;
    const char *w = *(const char *const *)e;
    int c = strncmp(key->p, w, key->n);
    if (c)
        return c;
    return w[key->n] ? -1 : 0;
}

bool warta_is_function_word(const char *lower, size_t n)
{
    struct key k = {lower, n};
    return n && bsearch(&k, warta_function_words, N_WORDS,
                        sizeof(warta_function_words[0]), cmp) != NULL;
}
