/* setting.c - which statements change only the session (the driver
 * table's is_session_setting): a PRAGMA of the connection that writes
 * nothing to the file, so that session_sql runs on read-only verbs only
 * as far as it changes settings (docs/design.md §10.6). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "sqlite.h"

/* The pragmas that only configure the connection (sqlite.org/pragma):
 * not user_version, journal_mode, page_size, auto_vacuum, optimize,
 * wal_checkpoint, incremental_vacuum, writable_schema and the like,
 * which write the file or touch the schema. */
static const char *const session_pragmas[] = {
    "analysis_limit",       "automatic_index",
    "busy_timeout",         "cache_size",
    "cache_spill",          "case_sensitive_like",
    "cell_size_check",      "checkpoint_fullfsync",
    "defer_foreign_keys",   "foreign_keys",
    "fullfsync",            "ignore_check_constraints",
    "legacy_alter_table",   "mmap_size",
    "query_only",           "read_uncommitted",
    "recursive_triggers",   "reverse_unordered_selects",
    "secure_delete",        "synchronous",
    "temp_store",           "threads",
    "trusted_schema",
};

/* The length of the bare word at p (letters, digits, '_'), 0 if none. */
static size_t word(const char *p)
{
    size_t n = 0;

    while (isalnum((unsigned char)p[n]) || p[n] == '_')
        n++;
    return n;
}

/* Past one value: a signed number or word, or a quoted string ('' and
 * "" inside doubled); NULL when there is none. */
static const char *value(const char *p)
{
    if (*p == '+' || *p == '-')
        p = sq_skip_blank(p + 1);
    if (*p == '\'' || *p == '"') {
        char quote = *p++;

        for (;; p++) {
            if (!*p)
                return NULL;
            if (*p == quote && p[1] == quote)
                p++;
            else if (*p == quote)
                return p + 1;
        }
    }
    return word(p) ? p + word(p) : NULL;
}

static int session_pragma(const char *name, size_t n)
{
    for (size_t i = 0;
         i < sizeof session_pragmas / sizeof session_pragmas[0]; i++)
        if (strlen(session_pragmas[i]) == n &&
            strncasecmp(session_pragmas[i], name, n) == 0)
            return 1;
    return 0;
}

/* PRAGMA [schema.]name [= value | (value)], name one of the list.
 * Blanks and comments as the splitter and exec() read them: an empty
 * statement's ';' among them too, since exec() runs only the first
 * statement and refuses any text after it. */
int sq_is_session_setting(strata_conn *c, const char *sql, int *out)
{
    const char *p = sql ? sq_skip_blank(sql) : "", *name;
    size_t n;

    (void)c;
    *out = 0;
    if (word(p) != 6 || strncasecmp(p, "pragma", 6) != 0)
        return STRATA_OK;
    p = sq_skip_blank(p + 6);
    if (!(n = word(p)))
        return STRATA_OK;
    name = p;
    p = sq_skip_blank(p + n);
    if (*p == '.') { /* what came first was the schema */
        p = sq_skip_blank(p + 1);
        if (!(n = word(p)))
            return STRATA_OK;
        name = p;
        p = sq_skip_blank(p + n);
    }
    if (!session_pragma(name, n))
        return STRATA_OK;
    if (*p == '=' || *p == '(') {
        char open = *p;

        p = value(sq_skip_blank(p + 1));
        p = p ? sq_skip_blank(p) : NULL;
        if (p && open == '(')
            p = *p == ')' ? sq_skip_blank(p + 1) : NULL;
    }
    *out = p && !*p;
    return STRATA_OK;
}
