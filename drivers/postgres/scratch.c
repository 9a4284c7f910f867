/* scratch.c - the objects of a PostgreSQL schema for a schema dump, and
 * scratch databases created and dropped on the configured server. */
#include <stdlib.h>
#include <string.h>

#include "pg.h"
#include "../common/conn.h"
#include "../common/scratch.h"

/* Views (CREATE VIEW with pg_get_viewdef's text) and sequences
 * no column owns (serial and identity columns show theirs). */
#define OBJECTS                                                           \
    "SELECT CASE WHEN c.relkind IN ('v', 'm') THEN 'view' "               \
    "WHEN c.relkind = 'S' THEN 'sequence' ELSE 'table' END, c.relname, "  \
    "CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.format("           \
    "'CREATE %sVIEW %I AS %s', CASE c.relkind WHEN 'm' THEN "              \
    "'MATERIALIZED ' ELSE '' END, c.relname, pg_catalog.rtrim("           \
    "pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid, true)), ';')) "    \
    "WHEN c.relkind = 'S' THEN pg_catalog.format('CREATE SEQUENCE %I AS " \
    "%s INCREMENT %s MINVALUE %s MAXVALUE %s START %s CACHE %s%s', "      \
    "c.relname, pg_catalog.format_type(s.seqtypid, NULL), "               \
    "s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache, "        \
    "CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END) END "                \
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "          \
    "ON n.oid = c.relnamespace "                                          \
    "LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid "           \
    "WHERE n.nspname = current_schema() "                                 \
    "AND c.relkind IN ('r', 'p', 'v', 'm', 'S') "                         \
    "AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM "                 \
    "pg_catalog.pg_depend d WHERE d.classid = "                           \
    "'pg_catalog.pg_class'::regclass AND d.objid = c.oid "                \
    "AND d.deptype IN ('a', 'i')))"

int pg_schema_objects(strata_conn *c, strata_object **out, size_t *n)
{
    if (!((pg_conn *)c)->pg)
        return drv_not_connected(c, PG_SERVER);
    return drv_objects(c, pg_query, OBJECTS, out, n);
}

/* CREATE or DROP DATABASE name; a refusal for want of the right is the
 * user's to settle (a URL of a user who may create databases). */
static int database_ddl(strata_conn *c, const char *verb, const char *name)
{
    strata_buf b = {0};
    int rc;

    if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
                      strlen(name))
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "not a scratch database name: '%s'", name);
    if (pg_host->buf_printf(&b, "%s DATABASE %s\"%s\"", verb,
                            strcmp(verb, "DROP") == 0 ? "IF EXISTS " : "",
                            name)) {
        pg_host->buf_free(&b);
        return drv_nomem(c);
    }
    rc = pg_exec(c, b.data);
    pg_host->buf_free(&b);
    if (rc == STRATA_ERR_DB && strcmp(c->sqlstate, "42501") == 0)
        rc = pg_host->error(c, STRATA_ERR_POLICY, "42501",
                            "cannot %s a scratch database (%s): the user "
                            "may not create databases; give a URL of one "
                            "who may (CREATEDB)",
                            strcmp(verb, "DROP") == 0 ? "drop" : "create",
                            name);
    return rc;
}

int pg_scratch_create(strata_conn *c, const char *url, const char *name,
                      char **out)
{
    int rc;

    *out = NULL;
    if (!((pg_conn *)c)->pg)
        return drv_not_connected(c, PG_SERVER);
    if ((rc = drv_url_with_db(c, url, name, out)) != STRATA_OK)
        return rc;
    if ((rc = database_ddl(c, "CREATE", name)) != STRATA_OK) {
        pg_host->free(*out);
        *out = NULL;
    }
    return rc;
}

int pg_scratch_drop(strata_conn *c, const char *url)
{
    char *db = drv_url_db(pg_host, url);
    int rc;

    DRV_ALLOC_CHECK(db, c);
    rc = database_ddl(c, "DROP", db);
    pg_host->free(db);
    return rc;
}
