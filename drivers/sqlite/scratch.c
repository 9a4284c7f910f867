/* scratch.c - the objects of a SQLite schema for a schema dump, and
 * scratch databases: temporary files that a chain is applied to. */
#define _GNU_SOURCE /* mkstemps */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sqlite.h"
#include "../common/scratch.h"

int sq_schema_objects(strata_conn *c, strata_object **out, size_t *n)
{
    if (!((sq_conn *)c)->db)
        return drv_not_connected(c, SQ_SERVER);
    return drv_objects(c, sq_query,
                       "SELECT type, name, CASE type WHEN 'view' THEN sql "
                       "END FROM main.sqlite_schema WHERE type IN "
                       "('table', 'view') AND name NOT LIKE 'sqlite\\_%' "
                       "ESCAPE '\\'",
                       out, n);
}

#define SQ_URL_ABS "sqlite:///" /* + "/abs/path" */

int sq_scratch_create(strata_conn *c, const char *url, const char *name,
                      char **out)
{
    const char *tmp = getenv("TMPDIR");
    strata_buf b = {0};
    int fd;

    (void)url;
    *out = NULL;
    if (!tmp || tmp[0] != '/')
        tmp = "/tmp";
    if (sq_host->buf_printf(&b, "%s%s/strata-%s-XXXXXX.db", SQ_URL_ABS, tmp,
                            name)) {
        sq_host->buf_free(&b);
        return drv_nomem(c);
    }
    fd = mkstemps(b.data + strlen(SQ_URL_ABS), 3);
    if (fd < 0) {
        sq_host->buf_free(&b);
        return sq_host->error(c, STRATA_ERR_DB, NULL,
                              "cannot create a scratch database in %s",
                              tmp);
    }
    close(fd); /* an empty file is an empty database */
    *out = b.data;
    return STRATA_OK;
}

int sq_scratch_drop(strata_conn *c, const char *url)
{
    static const char *const tails[] = {"", "-journal", "-wal", "-shm",
                                        ".lock"};
    size_t k = strlen(SQ_URL_ABS);
    strata_buf b = {0};

    if (!url || strncmp(url, SQ_URL_ABS, k) != 0 || url[k] != '/')
        return sq_host->error(c, STRATA_ERR_INVALID, NULL,
                              "not a scratch database: %s", url ? url : "");
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        b.len = 0;
        if (sq_host->buf_printf(&b, "%s%s", url + k, tails[i])) {
            sq_host->buf_free(&b);
            return drv_nomem(c);
        }
        unlink(b.data);
    }
    sq_host->buf_free(&b);
    return STRATA_OK;
}
