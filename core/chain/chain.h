/* chain.h - the migrations directory as a whole: every file parsed, the
 * graph validated, and statements split per dialect with file:line. */
#ifndef STRATA_CORE_CHAIN_H
#define STRATA_CORE_CHAIN_H

#include <stddef.h>

#include "chain/checksum.h"
#include "util/error.h"
#include "chain/graph.h"
#include "db/loader.h"
#include "chain/migration.h"

/* A driver used only for its splitter, with a scratch connection. */
typedef struct strata_splitter {
    char *dialect;          /* owned */
    strata_loaded *owned;   /* loaded here, or NULL when borrowed */
    const strata_driver *drv; /* borrowed from owned or the caller */
    strata_conn *conn;      /* calloc(conn_size), never connected; owned */
} strata_splitter;

typedef struct strata_chain {
    char *dir;                 /* the migrations directory; owned */
    strata_revision **revs;    /* sorted by path; owned */
    size_t n;
    strata_graph *graph;       /* owned */
    const strata_driver_path *dpath; /* borrowed, for loading splitters */
    strata_splitter *splitters; /* owned */
    size_t nsplitters;
    char *layout;  /* how the folder was read: "strata", a reader's name
                    * ("golang-migrate") or "strata+NAME"; owned */
    int layout_detected; /* format = auto chose it */
} strata_chain;

/* Read every *.sql file under dir (subdirectories too, dot-entries
 * skipped), in path order; refuse the whole chain on any parse error,
 * unknown dialect name (known: the extra names in dialects, the name of
 * drv when given, the drivers strata ships and those installed in
 * dpath, which may be NULL), or graph error.  drv,
 * when not NULL, is registered as its dialect's splitter (borrowed). */
int strata__chain_load(strata_chain *out, const char *dir, size_t max_size,
                       char *const *dialects, size_t ndialects,
                       const strata_driver_path *dpath,
                       const strata_driver *drv, strata_error *err);
/* The same, reading the folder as format says (docs/adopting.md):
 * NULL or "auto" detects the layout, "strata" reads strata's own files,
 * a reader's name ("golang-migrate") forces that layout, "strata+NAME"
 * reads files with a strata header as strata's and the rest as NAME's.
 * Revisions come in the tool's order, then strata's files in path order.
 * A folder mixing layouts is refused naming a file of each. */
int strata__chain_load_as(strata_chain *out, const char *dir,
                          const char *format, size_t max_size,
                          char *const *dialects, size_t ndialects,
                          const strata_driver_path *dpath,
                          const strata_driver *drv, strata_error *err);
void strata__chain_free(strata_chain *c);

/* Split section sec of r for execution or checksums: with dialect's
 * driver, or the standard lexer when dialect is NULL or its driver is
 * not installed; a section with pieces (an adopted tool's own statement
 * boundaries) gives one statement per whole piece.  Offsets are in r's
 * text and lines in the section's own file; errors name that file:line.
 * An adopted revision's leading BEGIN and trailing COMMIT are dropped:
 * strata owns the transaction those files wrote out. */
int strata__chain_split(strata_chain *c, const char *dialect,
                        const strata_revision *r, const strata_section *sec,
                        strata_stmt_list *out, strata_error *err);

/* The driver (and a scratch, unconnected connection) of dialect, for
 * work that needs no database; STRATA_ERR_NOTFOUND when not installed. */
int strata__chain_driver(strata_chain *c, const char *dialect,
                         const strata_driver **drv, strata_conn **conn);

/* Checksum of revision r (docs/design.md §2.5). */
int strata__chain_checksum(strata_chain *c, const strata_revision *r,
                           char out[STRATA_CHECKSUM_SIZE], strata_error *err);

#endif
