/* lines.h - walking a file line by line for the readers whose tools
 * mark sections with comment lines (dbmate, goose, Liquibase). */
#ifndef STRATA_CORE_LAYOUTS_LINES_H
#define STRATA_CORE_LAYOUTS_LINES_H

#include <stddef.h>

#include "chain/layout.h"

/* One line of a file: [start, end) without its newline (and without a
 * '\r' before it), next the start of the following line. */
typedef struct strata_line {
    size_t start, end, next;
    unsigned no; /* 1-based */
} strata_line;

/* The first line of f (no = 1); 0 when f is empty. */
int strata__line_first(const strata_layout_file *f, strata_line *l);
/* The line after l; 0 at the end of the file. */
int strata__line_next(const strata_layout_file *f, strata_line *l);

/* When line l is "--" then blanks then word (case-insensitive), 1 and
 * *rest = where the text after word starts (in f); else 0. */
int strata__line_comment(const strata_layout_file *f, const strata_line *l,
                         const char *word, size_t *rest);
/* 1 when line l holds only blanks or a "--" comment. */
int strata__line_blank(const strata_layout_file *f, const strata_line *l);

#endif
