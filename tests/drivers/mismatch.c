/* mismatch.c - a broken driver for the loader tests: the file is
 * strata_mismatch.so but the table says its name is "other". */
#include <stddef.h>

#include "strata/driver.h"

static const char *const x_schemes[] = {"other", NULL};

static int x_connect(strata_conn *c, const char *url,
                     const strata_kv *opts)
{
    (void)c;
    (void)url;
    (void)opts;
    return STRATA_OK;
}

static void x_disconnect(strata_conn *c) { (void)c; }

static int x_exec(strata_conn *c, const char *sql)
{
    (void)c;
    (void)sql;
    return STRATA_OK;
}

static int x_query(strata_conn *c, const char *sql, strata_row_cb cb,
                   void *payload)
{
    (void)c;
    (void)sql;
    (void)cb;
    (void)payload;
    return STRATA_OK;
}

static int x_txn(strata_conn *c)
{
    (void)c;
    return STRATA_OK;
}

static int x_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    (void)c;
    (void)key;
    (void)wait_ms;
    return STRATA_OK;
}

static int x_unlock(strata_conn *c, const char *key)
{
    (void)c;
    (void)key;
    return STRATA_OK;
}

static int x_split(strata_conn *c, const char *sql, size_t len,
                   strata_stmt_list *out)
{
    (void)c;
    (void)sql;
    (void)len;
    (void)out;
    return STRATA_OK;
}

static int x_quote(strata_conn *c, const char *s, strata_buf *out)
{
    (void)c;
    (void)s;
    (void)out;
    return STRATA_OK;
}

static const strata_driver x_table = {
    .struct_size = sizeof(strata_driver),
    .abi_major = 1,
    .abi_minor = 0,
    .name = "other",
    .version = "0.0.1",
    .schemes = x_schemes,
    .conn_size = sizeof(strata_conn),
    .connect = x_connect,
    .disconnect = x_disconnect,
    .exec = x_exec,
    .query = x_query,
    .begin = x_txn,
    .commit = x_txn,
    .rollback = x_txn,
    .lock = x_lock,
    .unlock = x_unlock,
    .split = x_split,
    .quote_ident = x_quote,
    .quote_literal = x_quote,
};

__attribute__((visibility("default"))) const strata_driver *
strata_driver_init(const strata_host *host);

const strata_driver *strata_driver_init(const strata_host *host)
{
    (void)host;
    return &x_table;
}
