/* types.c - portable types as SQLite declares them (docs/dialects.md §9)
 * and the type family the core compares: SQLite's column affinity
 * (sqlite.org/datatype3.html §3.1), since two declared types with one
 * affinity store the same values.  A declared name is kept wherever its
 * affinity fits its meaning: applications read it (Diesel's
 * print-schema, go-sqlite3's time parsing, SQLAlchemy's reflection). */
#include <string.h>
#include <strings.h>

#include "sqlite.h"

#define MOD_KEEP 0 /* the "(n)" or "(p,s)" written stays */
#define MOD_DROP 1 /* dropped: readers match the bare name */

/* Portable names mapped in a generic section; name is the base before
 * any "(...)" with blanks folded to one space (the "with time zone"
 * written after a precision counts as part of it).  A STRICT table
 * takes only INT, INTEGER, REAL, TEXT, BLOB and ANY: strict is the
 * name there. */
static const struct {
    const char *name;
    const char *sqlite;
    const char *strict;
    int mod;
    int serial; /* auto id: INTEGER PRIMARY KEY, the rowid alias */
} portable[] = {
    {"text", "TEXT", "TEXT", MOD_KEEP, 0},
    {"varchar", "VARCHAR", "TEXT", MOD_KEEP, 0},
    {"smallint", "SMALLINT", "INTEGER", MOD_KEEP, 0},
    {"integer", "INTEGER", "INTEGER", MOD_KEEP, 0},
    {"bigint", "BIGINT", "INTEGER", MOD_KEEP, 0},
    {"serial", "INTEGER", "INTEGER", MOD_DROP, 1},
    {"bigserial", "INTEGER", "INTEGER", MOD_DROP, 1},
    {"smallserial", "INTEGER", "INTEGER", MOD_DROP, 1},
    {"boolean", "BOOLEAN", "INTEGER", MOD_KEEP, 0},
    {"numeric", "NUMERIC", "ANY", MOD_KEEP, 0},
    {"real", "REAL", "REAL", MOD_KEEP, 0},
    {"double", "DOUBLE", "REAL", MOD_KEEP, 0},
    {"double precision", "DOUBLE PRECISION", "REAL", MOD_KEEP, 0},
    {"date", "DATE", "TEXT", MOD_DROP, 0},
    {"timestamp", "TIMESTAMP", "TEXT", MOD_DROP, 0},
    {"timestamp without time zone", "TIMESTAMP", "TEXT", MOD_DROP, 0},
    {"timestamptz", "DATETIME", "TEXT", MOD_DROP, 0},
    {"timestamp with time zone", "DATETIME", "TEXT", MOD_DROP, 0},
    {"json", "TEXT", "TEXT", MOD_DROP, 0},
    {"jsonb", "TEXT", "TEXT", MOD_DROP, 0},
    {"uuid", "TEXT", "TEXT", MOD_DROP, 0},
    {"blob", "BLOB", "BLOB", MOD_DROP, 0},
};

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
           ch == '\f';
}

/* The base name of type[0,n) folded into out (lowercase, one space
 * between words; the words after a "(...)" appended); *open and *close
 * bound the modifier (both n when none).  0 when it does not fit. */
static int base_name(const char *type, size_t n, char *out, size_t size,
                     size_t *open, size_t *close)
{
    size_t o = 0;
    int gap = 0;

    *open = *close = n;
    for (size_t i = 0; i < n; i++) {
        char ch = type[i];

        if (ch == '(' && *open == n) {
            const char *e = memchr(type + i, ')', n - i);

            if (!e)
                return 0;
            *open = i;
            *close = (size_t)(e - type) + 1;
            i = *close - 1;
            gap = o > 0;
            continue;
        }
        if (is_blank(ch)) {
            gap = o > 0;
            continue;
        }
        if (o + 2 >= size)
            return 0;
        if (gap)
            out[o++] = ' ';
        gap = 0;
        out[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
    }
    out[o] = '\0';
    return 1;
}

int sq_type_put(strata_buf *out, const char *type, int how, int *serial)
{
    char base[48];
    size_t n, open, close;

    *serial = 0;
    if (!type)
        type = "";
    while (is_blank(*type))
        type++;
    n = strlen(type);
    while (n && is_blank(type[n - 1]))
        n--;
    if (how != SQ_TYPE_WRITTEN &&
        base_name(type, n, base, sizeof base, &open, &close))
        for (size_t i = 0; i < sizeof portable / sizeof portable[0]; i++) {
            const char *s = how == SQ_TYPE_STRICT ? portable[i].strict
                                                  : portable[i].sqlite;

            if (strcmp(base, portable[i].name) != 0)
                continue;
            *serial = portable[i].serial;
            if (sq_host->buf_append(out, s, strlen(s)))
                return STRATA_ERR_NOMEM;
            if (how != SQ_TYPE_STRICT && portable[i].mod == MOD_KEEP &&
                open < n &&
                sq_host->buf_append(out, type + open, close - open))
                return STRATA_ERR_NOMEM;
            return STRATA_OK;
        }
    return n ? sq_host->buf_append(out, type, n) : STRATA_OK;
}

/* Case-insensitive substring test over n bytes of s. */
static int has(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);

    for (size_t i = 0; i + w <= n; i++)
        if (strncasecmp(s + i, word, w) == 0)
            return 1;
    return 0;
}

const char *sq_affinity(const char *type, size_t n)
{
    if (has(type, n, "INT"))
        return "INTEGER";
    if (has(type, n, "CHAR") || has(type, n, "CLOB") ||
        has(type, n, "TEXT"))
        return "TEXT";
    if (n == 0 || has(type, n, "BLOB"))
        return "BLOB";
    if (has(type, n, "REAL") || has(type, n, "FLOA") ||
        has(type, n, "DOUB"))
        return "REAL";
    return "NUMERIC";
}

int sq_type_family(strata_conn *c, const char *type, strata_buf *out)
{
    strata_buf t = {0};
    int serial, rc;

    if (!out)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "type_family: no output buffer");
    rc = sq_type_put(&t, type, SQ_TYPE_GENERIC, &serial);
    if (!rc && sq_host->buf_printf(out, "%s",
                                   sq_affinity(t.data ? t.data : "", t.len)))
        rc = STRATA_ERR_NOMEM;
    sq_host->buf_free(&t);
    return rc ? drv_nomem(c) : STRATA_OK;
}
