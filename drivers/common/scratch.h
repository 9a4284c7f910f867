/* scratch.h - what every driver's schema_objects and scratch databases
 * share: the object rows a catalog query returns, server URLs with
 * another database in them, and creating and dropping that database. */
#ifndef STRATA_DRV_SCRATCH_H
#define STRATA_DRV_SCRATCH_H

#include <stddef.h>

#include "strata/driver.h"
#include "hidden.h"

/* The driver's query entry, as the table has it. */
typedef int (*drv_query_fn)(strata_conn *c, const char *sql,
                            strata_row_cb cb, void *payload);

/* Run sql, whose rows are (kind, name, sql), through query and collect
 * them as schema_objects answers: *out a host array of *n objects. */
int drv_objects(strata_conn *c, drv_query_fn query, const char *sql,
                strata_object **out, size_t *n) DRV_HIDDEN;

/* *out = url ("scheme://user@host:port/db?query") with its database
 * replaced by name, in host memory.  STRATA_ERR_INVALID naming the URL
 * form when url has no "//" authority. */
int drv_url_with_db(strata_conn *c, const char *url, const char *name,
                    char **out) DRV_HIDDEN;
/* The database of such a URL, in host memory ("" when none). */
char *drv_url_db(const strata_host *host, const char *url) DRV_HIDDEN;

/* The driver's exec entry, as the table has it. */
typedef int (*drv_exec_fn)(strata_conn *c, const char *sql);

/* scratch_create and scratch_drop of a server engine: CREATE DATABASE
 * name (quoted with q, the engine's identifier quote) through exec, and
 * *out = url with the database replaced; DROP DATABASE IF EXISTS that
 * URL's database.  A refusal for want of the right (SQLSTATE 42501, or
 * a message saying "denied") is STRATA_ERR_POLICY naming grant, the
 * right the user lacks. */
int drv_scratch_create(strata_conn *c, drv_exec_fn exec, char q,
                       const char *grant, const char *url, const char *name,
                       char **out) DRV_HIDDEN;
int drv_scratch_drop(strata_conn *c, drv_exec_fn exec, char q,
                     const char *grant, const char *url) DRV_HIDDEN;

#endif
