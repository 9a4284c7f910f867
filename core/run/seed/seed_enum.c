/* seed_enum.c - the enumerations CHECK constraints hold: "col IN ('a',
 * 'b')" as written or as MySQL keeps it, and PostgreSQL's "(col)::text =
 * ANY ((ARRAY['a'::character varying, ...])::text[])".  Any other check
 * is left to the engine (it still refuses the row, and the run with it). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "run/seed/seed.h"
#include "sql/catalog.h"

typedef struct scan {
    const char *p;
    const char *column; /* the one column named */
    int in, eq, any, array;
    char **values;
    size_t n;
} scan;

static int add_value(scan *s, const char *v, size_t n)
{
    char **w = realloc(s->values, (s->n + 1) * sizeof *w);
    char *c;

    if (!w)
        return STRATA_ERR_NOMEM;
    s->values = w;
    if (!(c = malloc(n + 1)))
        return STRATA_ERR_NOMEM;
    /* '' inside a literal is one quote. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        c[k++] = v[i];
        if (v[i] == '\'' && i + 1 < n && v[i + 1] == '\'')
            i++;
    }
    c[k] = '\0';
    s->values[s->n++] = c;
    return STRATA_OK;
}

/* One token; 0 done, 1 not an enumeration, STRATA_ERR_NOMEM. */
static int token(scan *s, const strata_table *t)
{
    const char *p = s->p, *start;
    char q;

    if (*p == '(' || *p == ')' || *p == '[' || *p == ']' || *p == ',' ||
        isspace((unsigned char)*p)) {
        s->p++;
        return 0;
    }
    if (p[0] == ':' && p[1] == ':') { /* a cast: its type goes */
        for (p += 2; isalnum((unsigned char)*p) || *p == '_' || *p == ' ';
             p++)
            if (*p == ' ' && strncasecmp(p + 1, "varying", 7) != 0 &&
                strncasecmp(p + 1, "precision", 9) != 0)
                break;
        while (p[0] == '[' && p[1] == ']')
            p += 2;
        s->p = p;
        return 0;
    }
    if (*p == '=') {
        s->eq++;
        s->p++;
        return 0;
    }
    if (*p == '\'') {
        for (start = ++p; *p; p++) {
            if (*p == '\'' && p[1] == '\'')
                p++;
            else if (*p == '\'')
                break;
        }
        if (!*p)
            return 1;
        s->p = p + 1;
        return add_value(s, start, (size_t)(p - start));
    }
    if (isdigit((unsigned char)*p) || *p == '-') {
        for (start = p++; isdigit((unsigned char)*p) || *p == '.'; p++)
            ;
        s->p = p;
        return add_value(s, start, (size_t)(p - start));
    }
    if (*p == '"' || *p == '`') {
        q = *p;
        start = ++p;
        while (*p && *p != q)
            p++;
        if (!*p)
            return 1;
        s->p = p + 1;
    } else if (isalpha((unsigned char)*p) || *p == '_') {
        start = p;
        while (isalnum((unsigned char)*p) || *p == '_')
            p++;
        s->p = p;
        if (p - start == 2 && strncasecmp(start, "in", 2) == 0)
            return s->in++, 0;
        if (p - start == 3 && strncasecmp(start, "any", 3) == 0)
            return s->any++, 0;
        if (p - start == 5 && strncasecmp(start, "array", 5) == 0)
            return s->array++, 0;
    } else {
        return 1; /* an operator of another kind */
    }
    {
        char name[128];
        size_t n = (size_t)(p - start);
        const strata_column *c;

        if (n >= sizeof name || s->column)
            return 1;
        memcpy(name, start, n);
        name[n] = '\0';
        c = strata__table_column(t, name);
        if (!c)
            return 1;
        s->column = c->name;
    }
    return 0;
}

int strata__seed_check_enum(const strata_table *t, const char *check,
                            const char **column, char ***values,
                            size_t *nvalues)
{
    scan s = {check, NULL, 0, 0, 0, 0, NULL, 0};
    int rc = 0;

    *column = NULL;
    *values = NULL;
    *nvalues = 0;
    while (check && *s.p && rc == 0)
        rc = token(&s, t);
    if (rc == STRATA_ERR_NOMEM) {
        strata__seed_strings_free(s.values, s.n);
        return rc;
    }
    if (rc == 0 && s.column && s.n &&
        ((s.in == 1 && !s.eq && !s.any && !s.array) ||
         (!s.in && s.eq == 1 && s.any == 1 && s.array == 1))) {
        *column = s.column;
        *values = s.values;
        *nvalues = s.n;
        return STRATA_OK;
    }
    strata__seed_strings_free(s.values, s.n);
    return STRATA_OK;
}
