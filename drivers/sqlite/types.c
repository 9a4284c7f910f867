/* types.c - portable types as SQLite declares them (docs/dialects.md §9) and
 * the type family the core compares: SQLite's column affinity
 * (sqlite.org/datatype3.html §3.1), since two declared types with one
 * affinity store the same values. */
#include <string.h>
#include <strings.h>

#include "sqlite.h"

/* Portable names whose SQLite type is fixed, with or without a
 * parenthesised modifier (varchar(20), numeric(10,2), timestamp(3)). */
static const struct {
    const char *name;
    const char *sqlite;
    int serial; /* auto id: INTEGER PRIMARY KEY, the rowid alias */
} portable[] = {
    {"text", "TEXT", 0},        {"varchar", "TEXT", 0},
    {"date", "TEXT", 0},        {"timestamp", "TEXT", 0},
    {"timestamptz", "TEXT", 0}, {"json", "TEXT", 0},
    {"uuid", "TEXT", 0},        {"smallint", "INTEGER", 0},
    {"integer", "INTEGER", 0},  {"bigint", "INTEGER", 0},
    {"boolean", "INTEGER", 0},  {"serial", "INTEGER", 1},
    {"bigserial", "INTEGER", 1}, {"numeric", "NUMERIC", 0},
    {"real", "REAL", 0},        {"double", "REAL", 0},
    {"double precision", "REAL", 0}, {"blob", "BLOB", 0},
};

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
           ch == '\f';
}

/* Does type (already trimmed, n bytes) spell name, with runs of blanks
 * matching one space, optionally followed by "(...)"? */
static int spells(const char *type, size_t n, const char *name)
{
    size_t i = 0;

    while (*name) {
        if (*name == ' ') {
            if (i >= n || !is_blank(type[i]))
                return 0;
            while (i < n && is_blank(type[i]))
                i++;
            name++;
            continue;
        }
        if (i >= n || (type[i] | 0x20) != *name)
            return 0;
        i++;
        name++;
    }
    while (i < n && is_blank(type[i]))
        i++;
    return i == n || (type[i] == '(' && type[n - 1] == ')');
}

const char *sq_type_map(const char *type, size_t *len, int *serial)
{
    size_t n;

    *serial = 0;
    if (!type)
        type = "";
    while (is_blank(*type))
        type++;
    n = strlen(type);
    while (n && is_blank(type[n - 1]))
        n--;
    for (size_t i = 0; i < sizeof portable / sizeof portable[0]; i++)
        if (spells(type, n, portable[i].name)) {
            *serial = portable[i].serial;
            *len = strlen(portable[i].sqlite);
            return portable[i].sqlite;
        }
    *len = n;
    return type;
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
    const char *t;
    size_t n;
    int serial;

    if (!out)
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "type_family: no output buffer");
    t = sq_type_map(type, &n, &serial);
    if (sq_host->buf_printf(out, "%s", sq_affinity(t, n)))
        return drv_nomem(c);
    return STRATA_OK;
}
