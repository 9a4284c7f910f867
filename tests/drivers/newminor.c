/* newminor.c - a driver for the loader tests built against a newer minor
 * (ABI 1.99) whose table has a field the core does not know: it loads. */
#include "strata/driver.h"

/* The table of ABI 1.99: 1.0's fields plus one appended. */
typedef struct nm_driver {
    strata_driver base;
    int (*future_op)(strata_conn *c, const char *arg);
} nm_driver;

static const char *const nm_schemes[] = {"newminor", NULL};

static int nm_connect(strata_conn *c, const char *url,
                      const strata_kv *opts)
{
    (void)c;
    (void)url;
    (void)opts;
    return STRATA_OK;
}

static void nm_disconnect(strata_conn *c) { (void)c; }

static int nm_exec(strata_conn *c, const char *sql)
{
    (void)c;
    (void)sql;
    return STRATA_OK;
}

static int nm_query(strata_conn *c, const char *sql, strata_row_cb cb,
                    void *payload)
{
    (void)c;
    (void)sql;
    (void)cb;
    (void)payload;
    return STRATA_OK;
}

static int nm_txn(strata_conn *c)
{
    (void)c;
    return STRATA_OK;
}

static int nm_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    (void)c;
    (void)key;
    (void)wait_ms;
    return STRATA_OK;
}

static int nm_unlock(strata_conn *c, const char *key)
{
    (void)c;
    (void)key;
    return STRATA_OK;
}

static int nm_split(strata_conn *c, const char *sql, size_t len,
                    strata_stmt_list *out)
{
    (void)c;
    (void)sql;
    (void)len;
    (void)out;
    return STRATA_OK;
}

static int nm_quote(strata_conn *c, const char *s, strata_buf *out)
{
    (void)c;
    (void)s;
    (void)out;
    return STRATA_OK;
}

static int nm_future_op(strata_conn *c, const char *arg)
{
    (void)c;
    (void)arg;
    return STRATA_OK;
}

/* server_version, table_exists and in_transaction are optional: left
 * NULL, they must read NULL in the core's copy. */
static const nm_driver nm_table = {
    .base = {
        .struct_size = sizeof(nm_driver),
        .abi_major = STRATA_ABI_MAJOR,
        .abi_minor = 99,
        .name = "newminor",
        .version = "1.99.0",
        .schemes = nm_schemes,
        .caps = STRATA_CAP_TRANSACTIONAL_DDL,
        .conn_size = sizeof(strata_conn) + 16,
        .connect = nm_connect,
        .disconnect = nm_disconnect,
        .exec = nm_exec,
        .query = nm_query,
        .begin = nm_txn,
        .commit = nm_txn,
        .rollback = nm_txn,
        .lock = nm_lock,
        .unlock = nm_unlock,
        .split = nm_split,
        .quote_ident = nm_quote,
        .quote_literal = nm_quote,
    },
    .future_op = nm_future_op,
};

__attribute__((visibility("default"))) const strata_driver *
strata_driver_init(const strata_host *host);

const strata_driver *strata_driver_init(const strata_host *host)
{
    if (!host || host->abi_major != STRATA_ABI_MAJOR)
        return NULL;
    return &nm_table.base;
}
