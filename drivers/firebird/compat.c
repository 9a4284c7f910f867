/* compat.c - CREATE TABLE IF NOT EXISTS, which Firebird 3 lacks (it came
 * with Firebird 5) and the core's history tables use: the table is looked
 * up in RDB$RELATIONS and created without the words when absent; the
 * statement's `text` columns become BLOB SUB_TYPE TEXT (Firebird has no
 * type of that name).  Other statements pass through untouched. */
#include <string.h>
#include <strings.h>

#include "fb.h"
#include "../common/conn.h"

#define PREFIX "CREATE TABLE IF NOT EXISTS "

static int word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '$';
}

/* The table name at *p as the engine stores it, into b; *p moves past. */
static int table_name(const char **p, strata_buf *b)
{
    const char *s = *p;
    int rc = STRATA_OK;

    if (*s == '"') {
        for (s++; *s && rc == STRATA_OK; s++) {
            if (*s == '"' && s[1] != '"')
                break;
            if (*s == '"')
                s++;
            rc = fb_host->buf_append(b, s, 1);
        }
        if (*s == '"')
            s++;
    } else {
        for (; word_char(*s) && rc == STRATA_OK; s++) {
            char up = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;

            rc = fb_host->buf_append(b, &up, 1);
        }
    }
    *p = s;
    return rc;
}

/* The statement without IF NOT EXISTS, `text` outside quotes mapped. */
static int rewrite(const char *sql, strata_buf *out)
{
    const char *s = sql + strlen(PREFIX);
    int rc = fb_host->buf_printf(out, "CREATE TABLE ");

    while (*s && rc == STRATA_OK) {
        if (*s == '\'' || *s == '"') {
            const char *e = s + 1;

            while (*e && !(*e == *s && e[1] != *s))
                e += *e == *s ? 2 : 1;
            if (*e)
                e++;
            rc = fb_host->buf_append(out, s, (size_t)(e - s));
            s = e;
        } else if (word_char(*s)) {
            const char *e = s;

            while (word_char(*e))
                e++;
            if (e - s == 4 && strncasecmp(s, "text", 4) == 0)
                rc = fb_host->buf_printf(out, "BLOB SUB_TYPE TEXT");
            else
                rc = fb_host->buf_append(out, s, (size_t)(e - s));
            s = e;
        } else {
            rc = fb_host->buf_append(out, s++, 1);
        }
    }
    return rc;
}

static int count_cb(void *p, int nc, const char *const *v,
                    const char *const *names)
{
    (void)nc;
    (void)names;
    *(int *)p = v[0] && v[0][0] != '0';
    return 0;
}

int fb_exec_compat(fb_conn *f, const char *sql, int *handled)
{
    strata_buf name = {0}, q = {0}, stmt = {0};
    const char *p = sql;
    int exists = 0, rc;

    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
    *handled = 0;
    if (strncasecmp(p, PREFIX, strlen(PREFIX)) != 0)
        return STRATA_OK;
    *handled = 1;
    sql = p;
    p += strlen(PREFIX);
    if (table_name(&p, &name) ||
        fb_host->buf_printf(&q, "SELECT COUNT(*) FROM rdb$relations "
                                "WHERE rdb$relation_name = ") ||
        fb_put_literal(&q, name.data ? name.data : "") ||
        rewrite(sql, &stmt)) {
        rc = drv_nomem(&f->base);
        goto out;
    }
    rc = fb_query_in(f, &f->tr, q.data, count_cb, &exists);
    if (rc == STRATA_OK && !exists)
        rc = fb_exec_in(f, &f->tr, stmt.data);
out:
    fb_host->buf_free(&name);
    fb_host->buf_free(&q);
    fb_host->buf_free(&stmt);
    return rc;
}
