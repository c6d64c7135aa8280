/* Sentences and tags in the text layer (handlers/text/words.c): the lead
 * that becomes a description, and what may be a tag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "warta/text.h"

static void expect_lead(const char *text, size_t max, const char *want)
{
    struct warta_arena a;
    warta_arena_init(&a);
    const char *got = warta_lead_sentences(&a, text, strlen(text), max);
    if (!want ? got != NULL : (!got || strcmp(got, want)))
        fail_msg("'%s': expected %s, got %s", text, want ? want : "NULL",
                 got ? got : "NULL");
    warta_arena_free(&a);
}

static void lead_takes_two_sentences_that_fit(void **state)
{
    (void)state;
    expect_lead("The storm hit at night. Power was cut. Crews came.", 300,
                "The storm hit at night. Power was cut.");
    /* The second sentence would pass the cap: the first alone. */
    expect_lead("The storm hit at night. Power was cut to most of the valley.", 30,
                "The storm hit at night.");
    /* No end at all: the paragraph as it is. */
    expect_lead("  A line without a stop  ", 300, "A line without a stop");
    expect_lead("", 300, NULL);
}

static void lead_skips_abbreviations_and_decimals(void **state)
{
    (void)state;
    expect_lead("Dr. Ani Suryani and J. Smith met U.S. officials on 3.5 issues. "
                "They agreed. Then left.",
                300, "Dr. Ani Suryani and J. Smith met U.S. officials on 3.5 issues. They agreed.");
    /* A stop before a lower-case word is no end ("e.g. this"). */
    expect_lead("Rates rose, e.g. in May. Prices fell. More.", 300,
                "Rates rose, e.g. in May. Prices fell.");
    /* Quotes close the sentence with it. */
    expect_lead("\"We won.\" The crowd cheered! Later, silence.", 300,
                "\"We won.\" The crowd cheered!");
}

static void lead_cut_at_a_word_with_ellipsis(void **state)
{
    (void)state;
    expect_lead("One very long sentence that goes on and on without a stop", 20,
                "One very long\xE2\x80\xA6");
    /* The cap counts characters, not bytes. */
    expect_lead("Łódź żółć gęślą jaźń, aż tu nagle koniec", 12,
                "Łódź żółć\xE2\x80\xA6");
}

static bool tag(const char *s)
{
    return warta_is_tag_text(warta_str_from(s));
}

static void tags_are_subjects_not_codes_or_phrases(void **state)
{
    (void)state;
    assert_true(tag("Pemilu 2024"));
    assert_true(tag("COVID-19"));
    assert_true(tag("G20"));
    assert_true(tag("5G"));
    assert_true(tag("Node.js"));
    assert_true(tag("black-lives-matter"));
    assert_true(tag("Russia's invasion of Ukraine"));
    /* Search phrases: too many words or characters. */
    assert_false(tag("harga emas hari ini di jakarta terbaru"));
    assert_false(tag("Everything you need to know about the tax filing deadline"));
    /* Machine codes: wire desk slugs, CMS keys, ids. */
    assert_false(tag("US-USA-ELECTION"));
    assert_false(tag("BC-EU--Brexit"));
    assert_false(tag("section:news"));
    assert_false(tag("pageType=article"));
    assert_false(tag("US/POLITICS"));
    assert_false(tag("ID20230514"));
    assert_false(tag("887412"));
    assert_false(tag("58"));
    assert_false(tag("Category: News"));
    assert_false(tag("stats-reach-team-all-articles"));
    assert_false(tag("& Economics"));
    assert_false(tag(""));
    assert_false(tag("   "));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lead_takes_two_sentences_that_fit),
        cmocka_unit_test(lead_skips_abbreviations_and_decimals),
        cmocka_unit_test(lead_cut_at_a_word_with_ellipsis),
        cmocka_unit_test(tags_are_subjects_not_codes_or_phrases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
