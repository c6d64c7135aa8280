/* The second reading of the clean stage (handlers/clean/reading.c) on
 * invented block sequences, and the function-word table it counts with
 * (handlers/lang/function_words.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "clean/clean.h"
#include "warta/lang.h"

/* Blocks by shape: prose (long, a third function words), a link line, a
 * short line, and a heading the page's title repeats. */
static struct warta_rblock prose(unsigned chars, bool first)
{
    return (struct warta_rblock){.chars = chars, .words = chars / 5,
                                 .function_words = chars / 12, .group = -1,
                                 .first = first};
}

static struct warta_rblock links(unsigned chars, bool first)
{
    return (struct warta_rblock){.chars = chars, .link = chars, .words = chars / 6,
                                 .function_words = chars / 40, .group = -1,
                                 .first = first};
}

static struct warta_rblock line(unsigned chars, bool first)
{
    return (struct warta_rblock){.chars = chars, .words = chars / 5,
                                 .function_words = 1, .group = -1, .first = first};
}

static struct warta_rblock titled(void)
{
    struct warta_rblock b = line(35, false);
    b.heading = b.titled = true;
    return b;
}

static void function_words_are_sorted_and_found(void **state)
{
    (void)state;
    for (size_t i = 1; warta_function_words[i]; i++)
        if (strcmp(warta_function_words[i - 1], warta_function_words[i]) >= 0)
            fail_msg("'%s' before '%s'", warta_function_words[i - 1],
                     warta_function_words[i]);
    assert_true(warta_is_function_word("the", 3));
    assert_true(warta_is_function_word("und", 3));
    assert_true(warta_is_function_word("yang", 4));
    assert_false(warta_is_function_word("th", 2));
    assert_false(warta_is_function_word("thee", 4));
    assert_false(warta_is_function_word("bakery", 6));
    assert_false(warta_is_function_word("", 0));
}

static void classify_uses_shape_and_neighbours(void **state)
{
    (void)state;
    struct warta_rblock b[] = {
        links(80, false), /* a menu line */
        prose(300, false),
        line(30, false),  /* a subheading between prose: kept */
        prose(300, false),
        line(30, false),  /* a date line after the story: dropped */
        links(80, false),
    };
    warta_reading_classify(b, 6);
    assert_int_equal(b[0].cls, WARTA_RB_BAD);
    assert_int_equal(b[1].cls, WARTA_RB_GOOD);
    assert_int_equal(b[2].cls, WARTA_RB_GOOD);
    assert_int_equal(b[3].cls, WARTA_RB_GOOD);
    assert_int_equal(b[4].cls, WARTA_RB_BAD);
    assert_int_equal(b[5].cls, WARTA_RB_BAD);
}

/* The container pick took the comment thread (first), longer than the
 * story under the headline: the run holding the lead wins, and it stops
 * where the thread starts. */
static void run_under_headline_beats_longer_thread(void **state)
{
    (void)state;
    struct warta_rblock b[] = {
        links(60, false), titled(), line(20, false),
        prose(400, false), prose(300, false),
        line(12, true), prose(500, true), prose(400, true), prose(300, true),
    };
    struct warta_reading r = {0};
    assert_true(warta_second_reading(b, 9, &r));
    assert_int_equal(r.lead, 3);
    assert_true(b[3].kept && b[4].kept);
    for (size_t i = 5; i < 9; i++)
        assert_false(b[i].kept);
}

/* The first reading starts right under the headline: kept, however much
 * longer prose stands elsewhere. */
static void pick_under_headline_is_kept(void **state)
{
    (void)state;
    struct warta_rblock b[] = {
        titled(), line(20, false), line(50, true), links(40, true),
        prose(900, false), prose(900, false),
    };
    struct warta_reading r = {0};
    assert_false(warta_second_reading(b, 6, &r));
    for (size_t i = 0; i < 6; i++)
        assert_false(b[i].kept);
}

/* Without a headline, prose replaces a pick of links only. */
static void without_headline_only_links_are_replaced(void **state)
{
    (void)state;
    struct warta_rblock teasers[] = {
        prose(300, false), prose(300, false),
        links(70, true), links(70, true), links(70, true),
    };
    struct warta_reading r = {0};
    assert_true(warta_second_reading(teasers, 5, &r));
    assert_true(teasers[0].kept && teasers[1].kept && !teasers[2].kept);

    struct warta_rblock short_post[] = {
        line(50, true), line(50, true),
        prose(600, false), prose(600, false),
    };
    assert_false(warta_second_reading(short_post, 4, &r));
}

/* A run never crosses into another furniture box. */
static void run_stays_in_its_box(void **state)
{
    (void)state;
    struct warta_rblock b[] = {
        prose(300, false), prose(300, false), prose(300, false),
        links(70, true),
    };
    b[2].group = 7;
    struct warta_reading r = {0};
    assert_true(warta_second_reading(b, 4, &r));
    assert_true(b[0].kept && b[1].kept);
    assert_false(b[2].kept);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(function_words_are_sorted_and_found),
        cmocka_unit_test(classify_uses_shape_and_neighbours),
        cmocka_unit_test(run_under_headline_beats_longer_thread),
        cmocka_unit_test(pick_under_headline_is_kept),
        cmocka_unit_test(without_headline_only_links_are_replaced),
        cmocka_unit_test(run_stays_in_its_box),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
