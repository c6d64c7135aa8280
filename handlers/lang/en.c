/* English: international wires (AP, Reuters, AFP) and ASEAN English press. */
#include "warta/lang.h"

static const struct warta_month_name months[] = {
    {"January", 1}, {"Jan", 1}, {"February", 2}, {"Feb", 2}, {"March", 3},
    {"Mar", 3}, {"April", 4}, {"Apr", 4}, {"May", 5}, {"June", 6},
    {"Jun", 6}, {"July", 7}, {"Jul", 7}, {"August", 8}, {"Aug", 8},
    {"September", 9}, {"Sept", 9}, {"Sep", 9}, {"October", 10}, {"Oct", 10},
    {"November", 11}, {"Nov", 11}, {"December", 12}, {"Dec", 12}, {NULL, 0},
};

static const char *const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
    "Sat", "Sun", NULL,
};

/* Zones English-language wires print after times. Ambiguous ones (IST,
 * CST) are left out on purpose: a wrong offset is worse than none. */
static const struct warta_zone_name zones[] = {
    {"GMT", 0},         {"UTC", 0},         {"BST", 60},
    {"CET", 60},        {"CEST", 120},      {"EST", -5 * 60},
    {"EDT", -4 * 60},   {"PST", -8 * 60},   {"PDT", -7 * 60},
    {"ICT", 7 * 60},    {"PHT", 8 * 60},    {"PHST", 8 * 60},
    {"SGT", 8 * 60},    {"MYT", 8 * 60},    {"HKT", 8 * 60},
    {"JST", 9 * 60},    {"KST", 9 * 60},    {"AEST", 10 * 60},
    {"AEDT", 11 * 60},  {"MMT", 6 * 60 + 30}, {NULL, 0},
};

static const struct warta_label labels[] = {
    {"Reporting by", WARTA_LABEL_AUTHOR},
    {"Additional reporting by", WARTA_LABEL_AUTHOR},
    {"Writing by", WARTA_LABEL_AUTHOR},
    {"Written by", WARTA_LABEL_AUTHOR},
    {"Reporter", WARTA_LABEL_AUTHOR},
    {"Author", WARTA_LABEL_AUTHOR},
    {"Editing by", WARTA_LABEL_EDITOR},
    {"Edited by", WARTA_LABEL_EDITOR},
    {"Editor", WARTA_LABEL_EDITOR},
    {"Photo", WARTA_LABEL_PHOTOGRAPHER},
    {"Photos", WARTA_LABEL_PHOTOGRAPHER},
    {"Photographer", WARTA_LABEL_PHOTOGRAPHER},
    {"Tags", WARTA_LABEL_TAGS},
    {"Topics", WARTA_LABEL_TAGS},
    /* A blog post's footer: the categories it was filed in. */
    {"Posted in", WARTA_LABEL_TAGS},
    {"Filed under", WARTA_LABEL_TAGS},
    {"Related topics", WARTA_LABEL_TAGS},
    {"Source", WARTA_LABEL_SOURCE},
    {"Translated by", WARTA_LABEL_TRANSLATOR},
    {NULL, 0},
};

static const struct warta_date_label date_labels[] = {
    {"Published", WARTA_DATE_LABEL_PUBLISHED},
    {"Date", WARTA_DATE_LABEL_PUBLISHED},
    {"Posted", WARTA_DATE_LABEL_PUBLISHED},
    {"Posted on", WARTA_DATE_LABEL_PUBLISHED},
    {"First published", WARTA_DATE_LABEL_PUBLISHED},
    {"Published on", WARTA_DATE_LABEL_PUBLISHED},
    {"Updated", WARTA_DATE_LABEL_MODIFIED},
    {"Last updated", WARTA_DATE_LABEL_MODIFIED},
    {"Updated on", WARTA_DATE_LABEL_MODIFIED},
    {"Modified", WARTA_DATE_LABEL_MODIFIED},
    {"Last modified", WARTA_DATE_LABEL_MODIFIED},
    {"This page was last updated", WARTA_DATE_LABEL_MODIFIED},
    {"This page last updated", WARTA_DATE_LABEL_MODIFIED},
    {"Page last updated", WARTA_DATE_LABEL_MODIFIED},
    {"This page was last modified", WARTA_DATE_LABEL_MODIFIED},
    {"This page last modified", WARTA_DATE_LABEL_MODIFIED},
    {"Page last modified", WARTA_DATE_LABEL_MODIFIED},
    {NULL, 0},
};

/* Section labels that head listing pages, never an article's title. */
static const char *const generic_titles[] = {
    "Press releases", "Press release", "Archive", "Archives", "Blog", "News",
    "Latest news", "Breaking news", "Home", "Top stories", "Opinion", NULL,
};

static const char *const time_words[] = {"at", NULL};

static const char *const related_prefixes[] = {
    "Read also", "Also read", "Read more", "Related", "See also",
    "Related story", "Related article", "Related stories", "Related articles", NULL,
};

static const char *const furniture_lines[] = {
    "Advertisement", "Advert", "SCROLL TO CONTINUE WITH CONTENT", "Share",
    "This slideshow requires JavaScript.",
    "Share this article", "Share this", "Sign up", "Subscribe", "Comments",
    "Related Articles", "Related Stories", "Most Read", "Most Popular",
    "Skip to content", "Continue reading", "Story continues below",
    "Story continues below advertisement", "Scroll to continue",
    "Don't miss", "Recommended",
    "Top stories",
    /* Rating widgets, on pages in any language. */
    "Vote", "Rating",
    "Sponsored Links", "Sponsored Link", "Also In The News", "Print article",
    "Print this article", "Email this article", "Refer to a friend", "Font:",
    "Font size", "Have your say", "Have your say on this story",
    "Post a comment", "Leave a comment", "Editor's Choice", "Most Viewed",
    "Most Emailed", "Latest News", "Related Links", "More Stories",
    "Related posts", "Related post", "Related content", "Related to this story",
    "Related internet links", "More articles",
    "Related news", "Our top stories", "Story highlights",
    "Text size", "Smaller | Bigger", "Printer friendly page",
    "Click photo to enlarge", "Play video", "Slideshow", "Video", "Gallery",
    "Search", "Remember me?", "Password", "No comments yet", "Leave a reply",
    "Follow us!", "Subscription deals",
    /* The label of a teaser list whose links were dropped under it. */
    "You may also like", "You might also like", "You may also be interested in",
    "You might also be interested in",
    /* In-page jumps and a photo viewer's button, left where the link or
     * the script was. */
    "Back to top", "Back to the top", "Return to top", "Top of page",
    "Enlarge image",
    /* A date label whose date was dropped with its span, and the desk
     * line of a story pieced together from wire copy. */
    "Posted", "Staff and agencies",
    /* Story tools and account prompts set as loose lines. */
    "Share this story", "Sign in or create an account", "Show full PR text",
    "Get alerts", "Contribute to this story",
    /* A sponsor's or a blog engine's label whose logo or widget was
     * dropped under it. */
    "Brought to you by", "Sponsored by", "Powered by", "Custom Search",
    "Tip jar", NULL,
};

static const char *const furniture_prefixes[] = {
    "Sign up for", "Subscribe to", "Follow us on", "Click here to",
    "Our Standards:", "Get the latest", "Download our app", "Watch:",
    "Listen to this article", "Follow*on WhatsApp", "Join*WhatsApp",
    "Follow*on Google News", "People who read this also read",
    "Like this story?", "This article appeared on page",
    /* Blog and print footers: where and when the post was filed. */
    "This entry was posted", "You can follow any responses to this entry",
    "Trackbacks are closed", "Both comments and pings are",
    "A version of this article appeared", "A version of this review appeared",
    "Registration on or use of this site",
    /* Calls to action and site terms closing a story. */
    "Sign up to", "Sign-up to", "Sign up now", "Subscribe now",
    "Don't miss a post", "Headlines in your inbox", "Click here for free",
    "Free newsletter", "Get our newsletter", "To receive these entries",
    "If you enjoyed this article", "If you liked this article",
    "Enjoyed this article?", "Enjoyed this post?",
    "The opinions expressed in this", "These news feeds are provided",
    "The material on this site may not be", "By providing information about",
    /* A player's fallback telling the reader what it can play. */
    "This video is unavailable", "This video is playable", "This video requires",
    "Send this article to", "Email|Print",
    /* A footnote's way back up to where it is cited. */
    "Return to citation in text", NULL,
};

static const char *const byline_prefixes[] = {
    "By", "Story by", "Posted by", "Written by", "Reported by", "Words by", NULL,
};

static const char *const name_conjunctions[] = {"and", NULL};

static const char *const stopwords[] = {
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "on",
    "was", "with", "he", "as", "at", "by", "said", "from", "his", "an",
    "be", "has", "have", "are", "were", "which", "this", "but", "not",
    "they", "had", "who", "will", "been", "their", "would", "its", "after",
    "also", "more", "than", "about", "over", "when", "into", NULL,
};

static const char *const textcat_neighbours[] = {"en", "sco", NULL};

static const char *const photo_words[] = {"Photo", "File photo", "Reuters", NULL};

static const char *const copyright_prefixes[] = {"All rights reserved", NULL};

static const char *const rights_phrases[] = {
    "All rights reserved", "This material may not be",
    "may not be published, broadcast, rewritten or redistributed",
    "republication or redistribution", NULL,
};

static const char *const browser_notices[] = {
    /* Best viewed: a site saying what it was made for. */
    "site is best viewed", "page is best viewed", "site best viewed",
    "page best viewed", "best viewed at 800", "best viewed at 1024",
    "best viewed in 800", "best viewed in 1024", "best viewed in IE",
    "best viewed with Internet Explorer", "best viewed in Internet Explorer",
    "best viewed with a screen resolution",
    /* What the browser lacks. */
    "upgrade your browser", "update your browser", "upgrade to a modern browser",
    "browser is out of date", "browser has been unable",
    "unable to load the stylesheet", "browser that supports CSS",
    "with CSS turned on", "browser does not support", "browser doesn't support",
    "enable JavaScript", "JavaScript is disabled", "JavaScript is turned off",
    "JavaScript must be enabled", "turn on JavaScript", "have JavaScript disabled",
    "refreshing your browser", "video has failed to load", NULL,
};

static const char *const teaser_tails[] = {
    "Full Story", "Read full story", "Read the full story", "Read more",
    "Continue reading", NULL,
};

static const char *const place_prepositions[] = {"in", NULL};

const struct warta_lang warta_lang_en = {
    .code = "en",
    .name = "English",
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
