/* layout.h - readers of other tools' migration folders (docs/adopting.md):
 * what a reader is given and gives back, and the table of readers. */
#ifndef STRATA_CORE_LAYOUT_H
#define STRATA_CORE_LAYOUT_H

#include <stddef.h>

#include "chain/migration.h"
#include "util/error.h"

/* One *.sql file of the migrations folder, read whole. */
typedef struct strata_layout_file {
    char *path;       /* folder/rel, as shown to the user; owned */
    const char *rel;  /* relative to the folder ("sub/1_a.up.sql"); in path */
    const char *name; /* the base name; in path */
    char *text;       /* the bytes, NUL-terminated; owned */
    size_t len;
} strata_layout_file;

/* What a reader may need besides its files. */
typedef struct strata_layout_ctx {
    const char *dir;  /* the migrations folder, for files such as
                       * Drizzle's meta/_journal.json */
    size_t max_size;  /* max_file_size: the limit for files it reads */
} strata_layout_ctx;

/* Revisions a reader made, in the tool's order; owned. */
typedef struct strata_revlist {
    strata_revision **v;
    size_t n, cap;
} strata_revlist;

/* detect() answers, per file. */
enum {
    STRATA_LAYOUT_NO = 0,     /* not one of this layout's files */
    STRATA_LAYOUT_NAME = 1,   /* its name fits the layout */
    STRATA_LAYOUT_MARKED = 2  /* its content carries the layout's marker
                               * (dbmate "-- migrate:up", goose "-- +goose
                               * Up"), or its name is the layout's alone */
};

typedef struct strata_layout {
    const char *name;  /* as written in format = NAME */
    const char *files; /* the file names it reads, for messages */
    /* How well file f fits this layout (STRATA_LAYOUT_*); no errors. */
    int (*detect)(const strata_layout_ctx *ctx, const strata_layout_file *f);
    /* Turn files (every file detect() claimed, sorted by rel) into
     * revisions in the tool's order, appended to out; a linear chain
     * (strata__adopt_link).  Errors name file:line, STRATA_ERR_PARSE. */
    int (*read)(const strata_layout_ctx *ctx,
                const strata_layout_file *const *files, size_t n,
                strata_revlist *out, strata_error *err);
} strata_layout;

/* The readers, in detection order (a tie goes to the earlier one). */
const strata_layout *const *strata__layouts(size_t *n);
/* The reader called name, NULL when there is none. */
const strata_layout *strata__layout_find(const char *name);

/* Which files a folder's chain is read from, and by which reader. */
typedef struct strata_layout_choice {
    const strata_layout *adopted; /* NULL: strata's own files only */
    int with_strata;     /* format = strata+NAME */
    int detected;        /* format = auto */
    unsigned char *own;  /* per file: 1 = a strata file; owned */
} strata_layout_choice;

/* Decide, for format ("auto" or NULL, "strata", NAME, "strata+NAME"),
 * how files are read.  auto: the reader whose marker or names fit best;
 * strata's files alone when none fits; a folder that mixes layouts is
 * refused naming a file of each (STRATA_ERR_PARSE).  A forced NAME
 * refuses files it does not read.  Unknown format: STRATA_ERR_CONFIG. */
int strata__layout_choose(const char *format, const strata_layout_ctx *ctx,
                          strata_layout_file *files, size_t n,
                          strata_layout_choice *out, strata_error *err);

/* Append r to l, which takes it over (freed on failure). */
int strata__revlist_push(strata_revlist *l, strata_revision *r,
                         strata_error *err);
void strata__revlist_free(strata_revlist *l);

#endif
