/* stmts.c - the statement list each driver's split() builds. */
#include <string.h>

#include "abi/free.h"
#include "abi/norm.h"
#include "conn.h"
#include "stmts.h"

int drv_stmts_fail(const strata_host *host, strata_conn *c,
                   strata_stmt_list *out, int code, size_t at,
                   const char *msg)
{
    out->err_offset = at;
    if (code == STRATA_ERR_NOMEM)
        return drv_nomem(c);
    return host->error(c, code, NULL, "%s", msg);
}

int drv_stmts_start(drv_stmts *s, const strata_host *host, strata_conn *c,
                    const char *sql, size_t len, strata_stmt_list *out,
                    int *scan)
{
    const char *nul;

    memset(s, 0, sizeof *s);
    s->host = host;
    s->sql = sql;
    s->line = 1;
    *scan = 0;
    if (!out)
        return host->error(c, STRATA_ERR_INVALID, NULL,
                           "split: no output list");
    out->items = NULL;
    out->count = 0;
    out->err_offset = 0;
    if (!len)
        return STRATA_OK;
    if (!sql)
        return host->error(c, STRATA_ERR_INVALID, NULL,
                           "split: no SQL text");
    if ((nul = memchr(sql, '\0', len)) != NULL)
        return drv_stmts_fail(host, c, out, STRATA_ERR_PARSE,
                              (size_t)(nul - sql), "NUL byte in SQL text");
    *scan = 1;
    return STRATA_OK;
}

static uint32_t line_at(drv_stmts *s, size_t pos)
{
    for (; s->line_pos < pos; s->line_pos++)
        if (s->sql[s->line_pos] == '\n')
            s->line++;
    return s->line;
}

int drv_stmts_add(drv_stmts *s, size_t start, size_t end, char *norm,
                  uint32_t flags)
{
    strata_stmt *st;

    if (!norm)
        return STRATA_ERR_NOMEM;
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        strata_stmt *grown = s->host->realloc(s->items, cap * sizeof *grown);

        if (!grown) {
            s->host->free(norm);
            return STRATA_ERR_NOMEM;
        }
        s->items = grown;
        s->cap = cap;
    }
    st = &s->items[s->count];
    memset(st, 0, sizeof *st);
    if (!(st->sql = s->host->strndup(s->sql + start, end - start))) {
        s->host->free(norm);
        return STRATA_ERR_NOMEM;
    }
    st->norm = norm;
    st->offset = start;
    st->line = line_at(s, start);
    st->flags = flags;
    s->count++;
    return STRATA_OK;
}

int drv_stmts_finish(drv_stmts *s, int rc, strata_stmt_list *out)
{
    if (rc == STRATA_OK) {
        out->items = s->items;
        out->count = s->count;
    } else {
        strata_stmt_list partial = {s->items, s->count, 0};

        strata_abi_stmt_list_free(s->host, &partial);
    }
    s->items = NULL;
    s->count = s->cap = 0;
    return rc;
}

/* A kind lexer as abi/norm.h reads one. */
typedef struct kind_lex {
    drv_lex_fn lex;
    int space, comment;
} kind_lex;

static size_t blank_lex(void *ctx, const char *s, size_t end, size_t i,
                        int *blank)
{
    const kind_lex *k = ctx;
    int kind;
    size_t next = k->lex(s, end, i, &kind);

    *blank = kind == k->space || kind == k->comment;
    return next;
}

char *drv_stmts_norm(const strata_host *host, const char *s, size_t start,
                     size_t end, drv_lex_fn lex, int space, int comment)
{
    kind_lex k = {lex, space, comment};

    return strata_abi_norm(host, s, start, end, blank_lex, &k, NULL);
}
