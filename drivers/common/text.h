/* text.h - blanks around type names and expressions, as PostgreSQL and
 * MySQL read them (SQLite, which takes '\v' for no blank, keeps its own). */
#ifndef STRATA_DRV_TEXT_H
#define STRATA_DRV_TEXT_H

#include <stddef.h>

#include "hidden.h"

/* ' ', '\t', '\n', '\v', '\f', '\r': isspace() of the "C" locale,
 * whatever the process's locale. */
int drv_is_blank(char ch) DRV_HIDDEN;

/* s (NULL is "") without its blanks at either end: the first byte kept,
 * *n the length kept. */
const char *drv_trim(const char *s, size_t *n) DRV_HIDDEN;

#endif
