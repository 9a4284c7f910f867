/* names.c - the names MariaDB and MySQL give what a statement leaves
 * unnamed, for the statements render must name it in (a foreign key's
 * undo), and MariaDB's column-level CHECKs (my.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "my.h"

/* Is name an index of the catalog's, or a name added in this call? */
static int taken(const strata_table *cat, const my_added *added,
                 size_t nadded, const char *name)
{
    for (size_t i = 0; cat && i < cat->nindexes; i++)
        if (cat->indexes[i].name &&
            strcasecmp(cat->indexes[i].name, name) == 0)
            return 1;
    for (size_t i = 0; i < nadded; i++)
        if (added[i].name && strcasecmp(added[i].name, name) == 0)
            return 1;
    return 0;
}

/* The number of a name <table>_ibfk_<n>, or 0. */
static unsigned long ibfk_number(const char *name, const char *table)
{
    size_t n = strlen(table);
    char *end;
    unsigned long v;

    if (!name || strncmp(name, table, n) != 0 ||
        strncmp(name + n, "_ibfk_", 6) != 0 || !name[n + 6] ||
        name[n + 6] < '0' || name[n + 6] > '9')
        return 0;
    v = strtoul(name + n + 6, &end, 10);
    return *end ? 0 : v;
}

int my_fk_auto_name(const strata_table *cat, const my_added *added,
                    size_t nadded, const char *table, char **out)
{
    unsigned long top = 0, v;
    char num[24];

    /* InnoDB numbers on from the highest it finds
     * (dict_table_get_highest_foreign_id) */
    for (size_t i = 0; cat && i < cat->nconstraints; i++)
        if ((v = ibfk_number(cat->constraints[i].name, table)) > top)
            top = v;
    for (size_t i = 0; i < nadded; i++)
        if ((v = ibfk_number(added[i].name, table)) > top)
            top = v;
    snprintf(num, sizeof num, "%lu", top + 1);
    *out = my_host->alloc(strlen(table) + strlen(num) + 7);
    if (!*out)
        return STRATA_ERR_NOMEM;
    sprintf(*out, "%s_ibfk_%s", table, num);
    return STRATA_OK;
}

int my_key_auto_name(const strata_table *cat, const my_added *added,
                     size_t nadded, const char *column, char **out)
{
    size_t n = strlen(column);

    /* make_unique_key_name: the column, else column_2 ... column_99 */
    *out = my_host->alloc(n + 4);
    if (!*out)
        return STRATA_ERR_NOMEM;
    memcpy(*out, column, n + 1);
    for (int i = 2; i < 100 && (strcasecmp(*out, "PRIMARY") == 0 ||
                                taken(cat, added, nadded, *out));
         i++)
        sprintf(*out + n, "_%d", i);
    return STRATA_OK;
}

int my_column_check(const strata_constraint *k, const char *column)
{
    return k->kind == STRATA_CON_CHECK && !k->named && k->ncolumns == 1 &&
           k->columns[0] && column && strcasecmp(k->columns[0], column) == 0;
}
