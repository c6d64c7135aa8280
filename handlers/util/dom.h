/*
 * DOM walking shared by the HTML extractor and the structured-metadata
 * reader. Walks are iterative so a page's nesting depth costs no stack.
 */
#ifndef WARTA_UTIL_DOM_H
#define WARTA_UTIL_DOM_H

#include <libxml/tree.h>
#include <stdbool.h>

/* The node after n in document order inside root's subtree: n's first child
 * when `descend` and it has one, else the next sibling of n or of its
 * nearest ancestor below root; NULL when the subtree is done. */
static inline xmlNode *warta_dom_next(xmlNode *n, const xmlNode *root,
                                      bool descend)
{
    if (descend && n->children)
        return n->children;
    while (n && n != root && !n->next)
        n = n->parent;
    if (!n || n == root)
        return NULL;
    return n->next;
}

#endif
