/* built.h - the schemas `schema dump`, `diff` and `check` compare: a live
 * database's, and what the chain builds, which is the chain applied to
 * a scratch database of the same engine (docs/design.md §9.9). */
#ifndef STRATA_CORE_BUILT_H
#define STRATA_CORE_BUILT_H

#include "cli/context.h"
#include "sql/schema.h"

/* The schema of x's configured database (strata's own tables left
 * out).  A database that does not exist is STRATA_ERR_NOTFOUND. */
int strata__live_schema(strata_ctx *x, strata_schema *out);

/* The schema the chain builds up to rev (NULL: head) on dialect (NULL:
 * the URL's): a scratch database created through the driver (SQLite: a
 * temporary file; a server: a database created beside the configured
 * one and dropped after), upgraded quietly, read, dropped.  A server
 * the user may not create databases on is STRATA_ERR_POLICY. */
int strata__chain_built(strata_ctx *x, const char *dialect, const char *rev,
                        strata_schema *out);

/* A scratch database made through a driver: what strata__chain_built
 * and `test` build chains in. */
typedef struct strata_scratch {
    const strata_driver *drv; /* borrowed: the session's or the chain's */
    strata_conn *conn;        /* borrowed: the one it was made through */
    char name[64];
    char *url;                /* owned: connects to it */
} strata_scratch;

/* Make one for dialect (NULL: the URL's) beside x's configured database
 * (SQLite: a temporary file).  STRATA_ERR_NOTSUP when the driver cannot
 * (ABI < 1.5); the driver's STRATA_ERR_POLICY when the user may not. */
int strata__scratch_make(strata_ctx *x, const char *dialect,
                         strata_scratch *out);
/* Drop it (after every connection to it is closed); returns rc, or the
 * drop's failure when rc is STRATA_OK. */
int strata__scratch_drop(strata_ctx *x, strata_scratch *s, int rc);


/* A schema named on the command line (diff's operands, revision
 * --against): a database URL, a JSON dump file ('schema dump --format
 * json' or its --json document) or chain:REV. */
int strata__schema_operand(strata_ctx *x, const char *arg,
                           strata_schema *out);

/* s as dump text: JSON (json != 0; indented, one member a line) or SQL
 * quoted by s's dialect's driver.  *out malloc'd. */
int strata__schema_text(strata_ctx *x, const strata_schema *s, int json,
                        char **out);
/* 1 when path names a JSON dump (it ends in ".json"). */
int strata__schema_path_json(const char *path);
/* Replace path with text (a temporary file renamed over it). */
int strata__schema_write(const char *path, const char *text,
                         strata_error *err);
/* The whole of path; *text malloc'd.  A missing file is
 * STRATA_ERR_NOTFOUND. */
int strata__schema_file(const char *path, char **text, strata_error *err);

/* ini dump_schema: write the live schema to that file (JSON when it
 * ends in ".json", else SQL). */
int strata__dump_schema(strata_ctx *x);

#endif
