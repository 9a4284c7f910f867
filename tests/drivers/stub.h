/* stub.h - do-nothing driver functions shared by the loader tests' broken
 * drivers, so each case file shows only what is wrong with it. */
#ifndef STRATA_TEST_STUB_H
#define STRATA_TEST_STUB_H

#include <stddef.h>

#include "strata/driver.h"

#define STUB static __attribute__((unused))

STUB int stub_connect(strata_conn *c, const char *url, const strata_kv *o)
{
    (void)c, (void)url, (void)o;
    return STRATA_OK;
}
STUB void stub_disconnect(strata_conn *c) { (void)c; }
STUB int stub_exec(strata_conn *c, const char *sql)
{
    (void)c, (void)sql;
    return STRATA_OK;
}
STUB int stub_query(strata_conn *c, const char *sql, strata_row_cb cb,
                    void *payload)
{
    (void)c, (void)sql, (void)cb, (void)payload;
    return STRATA_OK;
}
STUB int stub_txn(strata_conn *c)
{
    (void)c;
    return STRATA_OK;
}
STUB int stub_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    (void)c, (void)key, (void)wait_ms;
    return STRATA_OK;
}
STUB int stub_unlock(strata_conn *c, const char *key)
{
    (void)c, (void)key;
    return STRATA_OK;
}
STUB int stub_split(strata_conn *c, const char *sql, size_t len,
                    strata_stmt_list *out)
{
    (void)c, (void)sql, (void)len;
    out->items = NULL;
    out->count = 0;
    out->err_offset = 0;
    return STRATA_OK;
}
STUB int stub_quote(strata_conn *c, const char *s, strata_buf *out)
{
    (void)c, (void)s, (void)out;
    return STRATA_OK;
}

/* Every required ABI 1.0 function, as designated initialisers; a case
 * overrides one by naming it again after this (the last one wins, which
 * is the point here: no warning for it). */
#pragma GCC diagnostic ignored "-Woverride-init"
#define STUB_FUNCTIONS                                                    \
    .connect = stub_connect, .disconnect = stub_disconnect,               \
    .exec = stub_exec, .query = stub_query, .begin = stub_txn,            \
    .commit = stub_txn, .rollback = stub_txn, .lock = stub_lock,          \
    .unlock = stub_unlock, .split = stub_split, .quote_ident = stub_quote, \
    .quote_literal = stub_quote

/* The exported entry point, returning table (a const strata_driver *);
 * written with a ';' after it, as STRATA_DRIVER_DEFINE is. */
#define STUB_ENTRY(table)                                                 \
    __attribute__((visibility("default"))) const strata_driver *          \
    strata_driver_init(const strata_host *host);                          \
    const strata_driver *strata_driver_init(const strata_host *host)      \
    {                                                                     \
        (void)host;                                                       \
        return (table);                                                   \
    }                                                                     \
    extern int strata_stub_entry_end_

/* A broken driver's whole table and entry point: ABI 1.0 named name_
 * (its one scheme too), version 0.0.1, every required function stubbed,
 * then the fields the case gets wrong, which win; a ';' after it. */
#define STUB_DRIVER(name_, ...)                                           \
    static const char *const stub_schemes[] = {name_, NULL};              \
    static const strata_driver stub_table = {                             \
        .struct_size = sizeof(strata_driver),                             \
        .abi_major = STRATA_ABI_MAJOR,                                    \
        .abi_minor = 0,                                                   \
        .name = name_,                                                    \
        .version = "0.0.1",                                               \
        .schemes = stub_schemes,                                          \
        .conn_size = sizeof(strata_conn),                                 \
        STUB_FUNCTIONS,                                                   \
        __VA_ARGS__};                                                     \
    STUB_ENTRY(&stub_table)

#endif
