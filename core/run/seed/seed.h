/* seed.h - reference data for `strata seed`: the rows of YAML, CSV and
 * JSON files (each naming its table), checked against the live catalog,
 * then upserted in one transaction (docs/design.md §9.10). */
#ifndef STRATA_CORE_SEED_H
#define STRATA_CORE_SEED_H

#include <stdarg.h>
#include <stddef.h>

#include "strata/driver.h"
#include "util/error.h"

/* One row as the file gives it: names[i] = values[i] (NULL value: SQL
 * NULL).  canon[i] is the value in the column's canonical form, set by
 * the check (NULL until then, and for SQL NULL). */
typedef struct strata_seed_row {
    char **names;
    char **values;
    char **canon;
    size_t n;
    unsigned line; /* where the row starts, 1-based */
} strata_seed_row;

typedef struct strata_seed_file {
    char *path;            /* as given */
    char *table;           /* "table:" in the file, else the file name */
    char **key;            /* "key:" in the file; nkey 0 = none declared */
    size_t nkey;
    strata_seed_row *rows;
    size_t nrows;
} strata_seed_file;

/* Read path (its format from the extension: .yaml/.yml, .csv, .json;
 * at most max_size bytes).  A file that does not read is
 * STRATA_ERR_PARSE naming path:line. */
int strata__seed_read(const char *path, size_t max_size,
                      strata_seed_file *out, strata_error *err);
/* The same from len bytes of text already in memory (unit tests, the
 * fuzz target); path names the file and its format. */
int strata__seed_parse(const char *path, const char *text, size_t len,
                       strata_seed_file *out, strata_error *err);
void strata__seed_file_free(strata_seed_file *f);

/* The readers, one per format, filling f (path set, table from the file
 * name set; a reader may replace table and set key). */
int strata__seed_yaml(const char *text, size_t len, strata_seed_file *f,
                      strata_error *err);
int strata__seed_csv(const char *text, size_t len, strata_seed_file *f,
                     strata_error *err);
int strata__seed_json(const char *text, size_t len, strata_seed_file *f,
                      strata_error *err);

/* Shared by the readers: a new empty row at line; a value appended to it
 * (name and value copied; value NULL = SQL NULL); the key list "a, b"
 * or one name set on f.  STRATA_ERR_NOMEM. */
strata_seed_row *strata__seed_row_new(strata_seed_file *f, unsigned line,
                                      strata_error *err);
int strata__seed_row_set(strata_seed_row *r, const char *name, size_t nlen,
                         const char *value, size_t vlen, strata_error *err);
int strata__seed_key_add(strata_seed_file *f, const char *name, size_t len,
                         strata_error *err);
/* "path:line: " + message: malloc'd (NULL out of memory), or set as
 * STRATA_ERR_PARSE. */
char *strata__seed_vsay(const strata_seed_file *f, unsigned line,
                        const char *fmt, va_list ap);
int strata__seed_fail(const strata_seed_file *f, unsigned line,
                      strata_error *err, const char *fmt, ...)
    STRATA_PRINTF(4, 5);

/* --- values: what a column's live type reads (seed_coerce.c) ----------- */
typedef enum strata_seed_kind {
    STRATA_SEED_TEXT,
    STRATA_SEED_CHAR,        /* char(n): trailing blanks do not count */
    STRATA_SEED_INT,
    STRATA_SEED_DECIMAL,
    STRATA_SEED_FLOAT,
    STRATA_SEED_BOOL,
    STRATA_SEED_DATE,
    STRATA_SEED_TIMESTAMP,   /* without time zone: kept as UTC */
    STRATA_SEED_TIMESTAMPTZ  /* written with +00 */
} strata_seed_kind;

/* The kind of a live type ("character varying(20)", "tinyint(1)",
 * "timestamp with time zone"), and its length limit in characters for
 * char/varchar (0: none). */
strata_seed_kind strata__seed_kind(const char *type);
size_t strata__seed_maxlen(const char *type);
/* "an integer", "a date", ...: what the message says could not be read. */
const char *strata__seed_kind_name(strata_seed_kind k);
/* v in k's canonical form, appended to out (one form for every spelling
 * a file or an engine gives: 't', 'true', 'yes' and 1 are "1"; 1.50 is
 * 1.5; a timestamp is UTC "YYYY-MM-DD HH:MM:SS[.ffffff]").  1 when v
 * does not read as k (out then holds no useful text), 0 when done,
 * STRATA_ERR_NOMEM. */
int strata__seed_coerce(strata_seed_kind k, const char *v, strata_buf *out);
/* Characters (UTF-8 code points) of s. */
size_t strata__seed_chars(const char *s);

/* The values a CHECK constraint allows one column of t, when it reads
 * as "col IN ('a', 'b')" (or PostgreSQL's "col = ANY (ARRAY[...])"):
 * *column = t's column (borrowed), *values host array of nvalues
 * strings (free with strata__seed_strings_free).  0 with *column NULL
 * when the check is not such a list. */
int strata__seed_check_enum(const strata_table *t, const char *check,
                            const char **column, char ***values,
                            size_t *nvalues);
void strata__seed_strings_free(char **v, size_t n);


/* --- a run: the files checked against the database, then written ------ */
typedef struct strata_seed_table {
    const char *name;          /* the catalog's spelling */
    const strata_table *cat;   /* borrowed from the run */
    const char **key;          /* the key columns (catalog's names) */
    size_t nkey;
    const char *key_from;      /* "primary key", "key:", a constraint */
    strata_seed_row **rows;    /* borrowed from the files, in order */
    const strata_seed_file **from; /* the file of each row */
    size_t nrows;
    size_t inserted, updated, unchanged, skipped;
    char **skips;              /* "file:line: reason", one per skip */
    size_t nskips;
} strata_seed_table;

typedef struct strata_seed_run {
    const strata_driver *drv;  /* borrowed */
    strata_conn *conn;         /* borrowed, connected */
    strata_seed_file *files;   /* borrowed */
    size_t nfiles;
    strata_table *cats;        /* introspect's answer, one per table */
    strata_seed_table *tables; /* in foreign-key order: referenced first */
    size_t ntables;
    char **problems;           /* "file:line: what is wrong" */
    size_t nproblems;
    char **sql;                /* the statements of the run, in order */
    size_t nsql;
} strata_seed_run;

/* Read the catalog of every table the files name, check each row (file
 * and database), compare with the rows there and build the statements.
 * Bad rows are listed in problems and the result is STRATA_ERR_PARSE
 * (exit 2), nothing written; a database error is its own. */
int strata__seed_prepare(strata_seed_run *r, strata_error *err);
/* Check the rows against the catalog alone (seed_check.c); problems
 * listed.  Then the keys within the files and the foreign keys. */
int strata__seed_check(strata_seed_run *r, strata_error *err);
/* Compare with the database and build the statements (seed_plan.c). */
int strata__seed_plan(strata_seed_run *r, strata_error *err);
/* Add "file:line: message" to r's problems. */
int strata__seed_problem(strata_seed_run *r, const strata_seed_file *f,
                         unsigned line, strata_error *err, const char *fmt,
                         ...) STRATA_PRINTF(5, 6);
/* values[0..n) as one string into b (\x1f between, \x1e for NULL):
 * what keys are compared by.  STRATA_ERR_NOMEM. */
int strata__seed_tuple(char *const *values, size_t n, strata_buf *b);
/* The index of column name in row, or -1. */
long strata__seed_find(const strata_seed_row *row, const char *name);
void strata__seed_run_free(strata_seed_run *r);

#endif
