/* placeholder */
#include "clean.h"
void warta_assign_roles(struct warta_doc *doc, bool head_rules) { (void)doc; (void)head_rules; }
