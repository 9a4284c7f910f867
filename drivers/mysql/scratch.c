/* scratch.c - the objects of a MySQL/MariaDB schema for a schema dump,
 * and scratch databases created and dropped on the configured server. */
#include <stdlib.h>
#include <string.h>

#include "my.h"
#include "../common/conn.h"
#include "../common/scratch.h"

/* A view's text without its database's qualifier (the server writes
 * `db`.`t` everywhere), so that two databases built alike dump alike;
 * MariaDB's sequences by name. */
#define OBJECTS                                                           \
    "SELECT CASE t.TABLE_TYPE WHEN 'VIEW' THEN 'view' "                   \
    "WHEN 'SEQUENCE' THEN 'sequence' ELSE 'table' END, t.TABLE_NAME, "    \
    "CASE t.TABLE_TYPE WHEN 'VIEW' THEN CONCAT('CREATE VIEW `', "         \
    "t.TABLE_NAME, '` AS ', REPLACE(v.VIEW_DEFINITION, "                   \
    "CONCAT('`', DATABASE(), '`.'), '')) "                                \
    "WHEN 'SEQUENCE' THEN CONCAT('CREATE SEQUENCE `', t.TABLE_NAME, '`') " \
    "END FROM information_schema.TABLES t "                               \
    "LEFT JOIN information_schema.VIEWS v "                               \
    "ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME " \
    "WHERE t.TABLE_SCHEMA = DATABASE()"

int my_schema_objects(strata_conn *c, strata_object **out, size_t *n)
{
    if (!((my_conn *)c)->m)
        return drv_not_connected(c, MY_SERVER);
    return drv_objects(c, my_query, OBJECTS, out, n);
}

/* CREATE or DROP DATABASE name; a refusal for want of the right is the
 * user's to settle (a URL of a user who may create databases). */
static int database_ddl(strata_conn *c, const char *verb, const char *name)
{
    strata_buf b = {0};
    int rc;

    if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
                      strlen(name))
        return my_host->error(c, STRATA_ERR_INVALID, NULL,
                              "not a scratch database name: '%s'", name);
    if (my_host->buf_printf(&b, "%s DATABASE %s`%s`", verb,
                            strcmp(verb, "DROP") == 0 ? "IF EXISTS " : "",
                            name)) {
        my_host->buf_free(&b);
        return drv_nomem(c);
    }
    rc = my_exec(c, b.data);
    my_host->buf_free(&b);
    if (rc == STRATA_ERR_DB && strstr(c->errmsg, "denied"))
        rc = my_host->error(c, STRATA_ERR_POLICY, c->sqlstate,
                            "cannot %s a scratch database (%s): the user "
                            "may not create databases; give a URL of one "
                            "who may (GRANT CREATE, DROP)",
                            strcmp(verb, "DROP") == 0 ? "drop" : "create",
                            name);
    return rc;
}

int my_scratch_create(strata_conn *c, const char *url, const char *name,
                      char **out)
{
    int rc;

    *out = NULL;
    if (!((my_conn *)c)->m)
        return drv_not_connected(c, MY_SERVER);
    if ((rc = drv_url_with_db(c, url, name, out)) != STRATA_OK)
        return rc;
    if ((rc = database_ddl(c, "CREATE", name)) != STRATA_OK) {
        my_host->free(*out);
        *out = NULL;
    }
    return rc;
}

int my_scratch_drop(strata_conn *c, const char *url)
{
    char *db = drv_url_db(my_host, url);
    int rc;

    DRV_ALLOC_CHECK(db, c);
    rc = database_ddl(c, "DROP", db);
    my_host->free(db);
    return rc;
}
