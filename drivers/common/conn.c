/* conn.c - connect options and the common connection errors (conn.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"

const char *drv_opt(const strata_kv *opts, const char *key)
{
    for (; opts && opts->key; opts++)
        if (strcmp(opts->key, key) == 0)
            return opts->value;
    return NULL;
}

int drv_nomem(strata_conn *c)
{
    if (!c || !c->host)
        return STRATA_ERR_NOMEM;
    return c->host->error(c, STRATA_ERR_NOMEM, NULL, "out of memory");
}

int drv_not_connected(strata_conn *c, const char *server)
{
    return c->host->error(c, STRATA_ERR_CONN, NULL, "not connected to %s",
                          server);
}

int drv_names_given(strata_conn *c, const char *verb,
                    const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!names[i])
            return c->host->error(c, STRATA_ERR_INVALID, NULL,
                                  "%s: table %zu has no name", verb, i);
    return STRATA_OK;
}

int drv_table_exists_one(strata_conn *c,
                         int (*many)(strata_conn *c, const char *const *t,
                                     size_t n, unsigned char *out),
                         const char *table, int *out)
{
    unsigned char there = 0;
    int rc;

    *out = 0;
    if (!table)
        return c->host->error(c, STRATA_ERR_INVALID, NULL, "no table name");
    rc = many(c, &table, 1, &there);
    *out = there;
    return rc;
}

int drv_opt_ms(strata_conn *c, const strata_kv *opts, const char *key,
               long dflt, long *out)
{
    const char *s = drv_opt(opts, key);
    char *end;
    long v;

    *out = dflt;
    if (!s || !*s)
        return STRATA_OK;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > 0x7fffffffL)
        return c->host->error(c, STRATA_ERR_CONFIG, NULL,
                              "%s must be a number of milliseconds, not "
                              "'%s'", key, s);
    *out = v;
    return STRATA_OK;
}
