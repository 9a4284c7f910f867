/* progress.c - the SQLite driver's progress(): how far the copy of a
 * table rebuild (docs/design.md §6) has come.  The engine has no view of
 * a running statement, but the driver runs the copy: a progress handler
 * on its own thread notes the last rowid inserted, against the source's
 * row count (or its largest rowid, when the rowid is copied). */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "sqlite.h"

/* VM instructions between two looks at the last rowid: a few thousand
 * rows apart, nothing measurable beside the copy itself. */
#define LOOK_EVERY 20000

static int look(void *arg)
{
    sq_conn *q = arg;

    atomic_store(&q->copy_done, (long long)sqlite3_last_insert_rowid(q->db));
    return 0;
}

/* The first value of a one-row query with ?1 bound to bind (or none);
 * -1 when it fails. */
static long long first_value(sq_conn *q, const char *sql, const char *bind)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;

    if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) == SQLITE_OK &&
        (!bind || sqlite3_bind_text(st, 1, bind, -1, SQLITE_TRANSIENT) ==
                      SQLITE_OK) &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The end of the quoted identifier that starts at s ("a""b"); NULL when
 * it does not close. */
static const char *quoted_end(const char *s)
{
    for (s++; *s; s++)
        if (*s == '"' && *++s != '"')
            return s;
    return NULL;
}

/* The opening quote of the quoted identifier sql ends with; NULL when
 * it ends otherwise. */
static const char *quoted_start(const char *sql)
{
    const char *p = sql + strlen(sql);

    if (p == sql || p[-1] != '"')
        return NULL;
    for (p -= 2; p >= sql; p--) {
        if (*p != '"')
            continue;
        if (p > sql && p[-1] == '"') { /* a doubled quote */
            p--;
            continue;
        }
        return p;
    }
    return NULL;
}

void sq_copy_begin(sq_conn *q, const char *sql)
{
    static const char head[] = "INSERT INTO \"" SQ_NEW_PREFIX;
    const char *end, *src;
    char query[96 + 2 * 256], name[256];
    size_t n = 0;
    long long alias, total;

    if (!q->progress || strncmp(sql, head, sizeof head - 1) != 0)
        return;
    /* the new table, unquoted, and the source: the quoted name the
     * statement ends with */
    if (!(end = quoted_end(sql + 12)))
        return;
    for (const char *p = sql + 13; p < end - 1 && n < sizeof name - 1; p++) {
        name[n++] = *p;
        if (*p == '"')
            p++;
    }
    name[n] = '\0';
    if (!(src = quoted_start(sql)) || strlen(src) > 256)
        return;
    /* Copied rowids (an INTEGER PRIMARY KEY) come in rowid order; else
     * the new table numbers its rows 1, 2, ... */
    alias = first_value(q,
                        "SELECT (SELECT count(*) FROM pragma_table_info(?1) "
                        "WHERE pk > 0) = 1 AND EXISTS (SELECT 1 FROM "
                        "pragma_table_info(?1) WHERE pk = 1 AND "
                        "upper(type) = 'INTEGER')",
                        name);
    snprintf(query, sizeof query, "SELECT %s FROM %s",
             alias == 1 ? "max(rowid)" : "count(*)", src);
    if ((total = first_value(q, query, NULL)) <= 0)
        return;
    atomic_store(&q->copy_done, 0);
    atomic_store(&q->copy_total, total);
    sqlite3_progress_handler(q->db, LOOK_EVERY, look, q);
}

void sq_copy_end(sq_conn *q)
{
    if (!atomic_load(&q->copy_total))
        return;
    sqlite3_progress_handler(q->db, 0, NULL, NULL);
    atomic_store(&q->copy_total, 0);
}

int sq_progress(strata_conn *c, strata_progress *out)
{
    sq_conn *q = (sq_conn *)c;
    long long total = atomic_load(&q->copy_total);
    long long done = atomic_load(&q->copy_done);

    if (total <= 0)
        return STRATA_OK;
    snprintf(out->phase, sizeof out->phase, "rebuilding the table: "
                                            "copying rows");
    snprintf(out->unit, sizeof out->unit, "rows");
    out->done = (uint64_t)(done < 0 ? 0 : done > total ? total : done);
    out->total = (uint64_t)total;
    return STRATA_OK;
}
