/* scratch.c - the objects of a PostgreSQL schema for a schema dump, and
 * scratch databases created and dropped on the configured server. */
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

int pg_scratch_create(strata_conn *c, const char *url, const char *name,
                      char **out)
{
    *out = NULL;
    if (!((pg_conn *)c)->pg)
        return drv_not_connected(c, PG_SERVER);
    return drv_scratch_create(c, pg_exec, '"', "CREATEDB", url, name, out);
}

int pg_scratch_drop(strata_conn *c, const char *url)
{
    return drv_scratch_drop(c, pg_exec, '"', "CREATEDB", url);
}
