/* good.c - a correct minimal driver for the loader tests: it loads, is
 * found by its name and by the alias "goodalias", and does nothing. */
#include "strata/driver.h"

static const strata_host *good_host;

static const char *const good_schemes[] = {"good", "goodalias", NULL};

static int good_connect(strata_conn *c, const char *url,
                        const strata_kv *opts)
{
    (void)url;
    (void)opts;
    return good_host->error(c, STRATA_ERR_CONN, NULL,
                            "good: there is no database to connect to");
}

static void good_disconnect(strata_conn *c) { (void)c; }

static int good_exec(strata_conn *c, const char *sql)
{
    (void)c;
    (void)sql;
    return STRATA_OK;
}

static int good_query(strata_conn *c, const char *sql, strata_row_cb cb,
                      void *payload)
{
    (void)c;
    (void)sql;
    (void)cb;
    (void)payload;
    return STRATA_OK;
}

static int good_txn(strata_conn *c)
{
    (void)c;
    return STRATA_OK;
}

static int good_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    (void)key;
    (void)wait_ms;
    return good_host->error(c, STRATA_ERR_BUSY, NULL,
                            "good: lock not obtained");
}

static int good_unlock(strata_conn *c, const char *key)
{
    (void)c;
    (void)key;
    return STRATA_OK;
}

static int good_split(strata_conn *c, const char *sql, size_t len,
                      strata_stmt_list *out)
{
    (void)c;
    (void)sql;
    (void)len;
    out->items = NULL;
    out->count = 0;
    out->err_offset = 0;
    return STRATA_OK;
}

static int good_quote(strata_conn *c, const char *s, strata_buf *out)
{
    (void)c;
    (void)s;
    (void)out;
    return STRATA_OK;
}

static int good_server_version(strata_conn *c, char **out)
{
    *out = NULL;
    return good_host->error(c, STRATA_ERR_NOTSUP, "0A000",
                            "good: no server version");
}

STRATA_DRIVER_DEFINE(good_host,
    .name = "good",
    .version = "1.2.3",
    .schemes = good_schemes,
    .caps = STRATA_CAP_SAVEPOINT,
    .conn_size = sizeof(strata_conn),
    .connect = good_connect,
    .disconnect = good_disconnect,
    .exec = good_exec,
    .query = good_query,
    .begin = good_txn,
    .commit = good_txn,
    .rollback = good_txn,
    .lock = good_lock,
    .unlock = good_unlock,
    .split = good_split,
    .quote_ident = good_quote,
    .quote_literal = good_quote,
    .server_version = good_server_version);
