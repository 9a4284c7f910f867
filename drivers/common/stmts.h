/* stmts.h - the statement list each driver's split() builds: arguments
 * checked, statements added with their line, freed on failure. */
#ifndef STRATA_DRV_STMTS_H
#define STRATA_DRV_STMTS_H

#include <stddef.h>
#include <stdint.h>

#include "strata/driver.h"
#include "hidden.h"

typedef struct drv_stmts {
    const strata_host *host;
    const char *sql;  /* the text being split */
    strata_stmt *items;
    size_t count, cap;
    size_t line_pos;  /* lines counted up to here ... */
    uint32_t line;    /* ... giving this 1-based line */
} drv_stmts;

/* Check split()'s arguments, empty *out and start *s.  *scan is set when
 * there is text to split.  A NUL byte is refused: every client library
 * reads the statement as NUL-terminated text, and the server would
 * silently stop reading at it. */
int drv_stmts_start(drv_stmts *s, const strata_host *host, strata_conn *c,
                    const char *sql, size_t len, strata_stmt_list *out,
                    int *scan) DRV_HIDDEN;

/* Add sql[start, end) with norm (taken, freed on failure) and flags. */
int drv_stmts_add(drv_stmts *s, size_t start, size_t end, char *norm,
                  uint32_t flags) DRV_HIDDEN;

/* Hand the statements to *out when rc is STRATA_OK, else free them;
 * returns rc. */
int drv_stmts_finish(drv_stmts *s, int rc, strata_stmt_list *out)
    DRV_HIDDEN;

/* A splitter's lexer: the end of the token at s[i] (i < len), its kind
 * in *kind. */
typedef size_t (*drv_lex_fn)(const char *s, size_t len, size_t i,
                             int *kind);

/* Checksum text of s[start, end) (abi/norm.h) from lex, whose tokens of
 * kind space or comment are blanks.  Host memory; NULL out of memory. */
char *drv_stmts_norm(const strata_host *host, const char *s, size_t start,
                     size_t end, drv_lex_fn lex, int space, int comment)
    DRV_HIDDEN;

/* Report a split error at byte at: "out of memory" for
 * STRATA_ERR_NOMEM, msg otherwise. */
int drv_stmts_fail(const strata_host *host, strata_conn *c,
                   strata_stmt_list *out, int code, size_t at,
                   const char *msg) DRV_HIDDEN;

#endif
