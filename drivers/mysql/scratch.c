/* scratch.c - the objects of a MySQL/MariaDB schema for a schema dump,
 * and scratch databases created and dropped on the configured server. */
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

int my_scratch_create(strata_conn *c, const char *url, const char *name,
                      char **out)
{
    *out = NULL;
    if (!((my_conn *)c)->m)
        return drv_not_connected(c, MY_SERVER);
    return drv_scratch_create(c, my_exec, '`', "GRANT CREATE, DROP", url,
                              name, out);
}

int my_scratch_drop(strata_conn *c, const char *url)
{
    return drv_scratch_drop(c, my_exec, '`', "GRANT CREATE, DROP", url);
}
