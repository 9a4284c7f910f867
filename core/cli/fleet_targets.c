/* fleet_targets.c - a fleet's targets from a list file or a database's
 * schemas, and the stable share of them one --shard takes. */
#include "cli/fleet_targets.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/config.h"
#include "util/digest.h"
#include "util/output.h"

static void target_free(strata_fleet_target *e)
{
    free(e->spec);
    free(e->url);
    free(e->schema);
    free(e->shown);
}

void strata__fleet_targets_free(strata_fleet_targets *t)
{
    for (size_t i = 0; i < t->n; i++)
        target_free(&t->v[i]);
    free(t->v);
    t->v = NULL;
    t->n = 0;
}

/* Append a target: spec is taken; url and schema are spec's parts, or
 * given apart (schema of the configured URL). */
static int add(strata_fleet_targets *t, char *spec, const char *url,
               const char *schema, strata_error *err)
{
    strata_fleet_target *v = realloc(t->v, (t->n + 1) * sizeof *v), *e;

    if (!v) {
        free(spec);
        return strata__nomem(err);
    }
    t->v = v;
    e = &v[t->n];
    memset(e, 0, sizeof *e);
    e->spec = spec;
    t->n++;
    if ((url && !(e->url = strdup(url))) ||
        (schema && !(e->schema = strdup(schema))) ||
        !(e->shown = strata__mask(spec)))
        return strata__nomem(err);
    return STRATA_OK;
}

/* SCHEMA@URL when the '@' comes before the scheme's ':' (a URL's own
 * '@' ends its userinfo, after "scheme://"). */
static int add_line(strata_fleet_targets *t, char *spec, strata_error *err)
{
    char *at = strchr(spec, '@'), *colon = strchr(spec, ':');
    char *schema;
    int rc;

    if (!at || !colon || at > colon)
        return add(t, spec, spec, NULL, err);
    schema = strndup(spec, (size_t)(at - spec));
    STRATA_ALLOC_CHECK(schema, err);
    rc = add(t, spec, at + 1, schema, err);
    free(schema);
    return rc;
}

static char *trim(char *s)
{
    char *end = s + strlen(s);

    while (*s == ' ' || *s == '\t')
        s++;
    while (end > s && strchr(" \t\r\n", end[-1]))
        *--end = '\0';
    return s;
}

/* One line of the list: NULL (skipped), or the target as written. */
static const char *line_target(char *line, const char *section,
                               int *inside)
{
    char *s = trim(line), *eq;

    if (!*s || *s == '#' || *s == ';')
        return NULL;
    if (*s == '[') {
        size_t n = strlen(s);

        *inside = !section || (s[n - 1] == ']' && n - 2 == strlen(section) &&
                               strncmp(s + 1, section, n - 2) == 0);
        return NULL;
    }
    if (!*inside)
        return NULL;
    /* "target = URL", as an ini section lists values */
    eq = strchr(s, '=');
    if (eq && strcspn(s, ":@") > (size_t)(eq - s)) {
        *eq = '\0';
        if (strcmp(trim(s), "target") == 0)
            return trim(eq + 1);
        *eq = '=';
    }
    return s;
}

static int read_lines(FILE *f, const char *path, const char *section,
                      strata_fleet_targets *out, int *seen,
                      strata_error *err)
{
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int inside = section == NULL, rc = STRATA_OK;

    while (rc == STRATA_OK && getline(&line, &cap, f) >= 0) {
        char *missing = NULL, *spec;
        const char *s;

        lineno++;
        if (!(s = line_target(line, section, &inside))) {
            *seen |= section && inside;
            continue;
        }
        spec = strata__expand_env(s, &missing);
        if (!spec && missing)
            rc = strata__error_set(err, STRATA_ERR_CONFIG,
                                   "%s:%ld: ${%s} is not set", path, lineno,
                                   missing);
        else if (!spec)
            rc = strata__nomem(err);
        else
            rc = add_line(out, spec, err);
        free(missing);
    }
    free(line);
    return rc;
}

int strata__fleet_read(const char *arg, strata_fleet_targets *out,
                       strata_error *err)
{
    const char *colon = strrchr(arg, ':');
    char *path = colon ? strndup(arg, (size_t)(colon - arg)) : strdup(arg);
    FILE *f;
    int seen = 0, rc;

    memset(out, 0, sizeof *out);
    STRATA_ALLOC_CHECK(path, err);
    if (!(f = fopen(path, "r"))) {
        rc = strata__error_set(err, STRATA_ERR_CONFIG,
                               "--targets: cannot read %s: %s", path,
                               strerror(errno));
        free(path);
        return rc;
    }
    rc = read_lines(f, path, colon ? colon + 1 : NULL, out, &seen, err);
    fclose(f);
    if (rc == STRATA_OK && colon && !seen)
        rc = strata__error_set(err, STRATA_ERR_CONFIG,
                               "--targets: %s has no section [%s]", path,
                               colon + 1);
    else if (rc == STRATA_OK && !out->n)
        rc = strata__error_set(err, STRATA_ERR_CONFIG,
                               "--targets: %s%s%s lists no target", arg,
                               colon ? " " : "", colon ? "section" : "");
    free(path);
    return rc;
}

typedef struct schema_rows {
    strata_fleet_targets *out;
    const char *url_shown;
    strata_error *err;
    int rc;
} schema_rows;

static int schema_row(void *payload, int ncols, const char *const *v,
                      const char *const *names)
{
    schema_rows *r = payload;
    char *spec;

    (void)ncols;
    (void)names;
    spec = strata__sprintf("%s@%s", v[0], r->url_shown);
    if (!spec)
        r->rc = strata__nomem(r->err);
    else
        r->rc = add(r->out, spec, NULL, v[0], r->err);
    return r->rc != STRATA_OK;
}

int strata__fleet_schemas(strata_ctx *x, const char *pattern,
                          strata_fleet_targets *out)
{
    strata_buf sql = {0};
    schema_rows r = {out, NULL, &x->err, STRATA_OK};
    const strata_driver *d;
    int rc;

    memset(out, 0, sizeof *out);
    rc = strata__ctx_connect(x, 0, 0);
    if (rc != STRATA_OK)
        return rc;
    d = x->sess.drv;
    if (x->absent || strcmp(d->name, "postgres") != 0)
        return strata__error_set(
            &x->err, STRATA_ERR_INVALID,
            "--schemas lists the schemas of a PostgreSQL database; %s %s",
            x->sess.url_masked,
            x->absent ? "does not exist" : "is not one (use --targets)");
    r.url_shown = x->sess.url_masked;
    rc = strata__buf_puts(&sql, "SELECT nspname FROM pg_catalog.pg_namespace"
                                " WHERE nspname LIKE ");
    if (rc == STRATA_OK)
        rc = d->quote_literal(x->sess.conn, pattern, &sql);
    if (rc == STRATA_OK)
        rc = strata__buf_puts(&sql, " ORDER BY nspname");
    if (rc != STRATA_OK) {
        strata__buf_free(&sql);
        return strata__nomem(&x->err);
    }
    rc = d->query(x->sess.conn, sql.data, schema_row, &r);
    strata__buf_free(&sql);
    if (r.rc != STRATA_OK)
        return r.rc;
    if (rc != STRATA_OK)
        return strata__session_fail(&x->sess, rc, &x->err,
                                    "--schemas: listing the schemas");
    if (!out->n)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "--schemas: no schema of %s is LIKE '%s'",
                                 x->sess.url_masked, pattern);
    return STRATA_OK;
}

/* The share (0-based, of n) a spec falls in: the first 64 bits of its
 * SHA-256, the same on every machine and every run. */
static int share_of(const char *spec, unsigned long n, unsigned long *out)
{
    char hex[97], head[17];

    if (strata__digest_hex("sha256", spec, strlen(spec), hex, sizeof hex))
        return -1;
    memcpy(head, hex, 16);
    head[16] = '\0';
    *out = (unsigned long)(strtoull(head, NULL, 16) % n);
    return 0;
}

int strata__fleet_shard(strata_fleet_targets *t, const char *arg,
                        strata_error *err)
{
    unsigned long k, n, share;
    char *end;
    size_t kept = 0;

    errno = 0;
    k = strtoul(arg, &end, 10);
    if (*end == '/' && end > arg)
        n = strtoul(end + 1, &end, 10);
    else
        n = 0;
    if (errno || *end || arg[0] == '-' || !n || !k || k > n)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "--shard %s: give K/N with 1 <= K <= N "
                                 "(2/4: the second of four shares)",
                                 arg);
    for (size_t i = 0; i < t->n; i++) {
        if (share_of(t->v[i].spec, n, &share) != 0) {
            /* the rest stay for strata__fleet_targets_free */
            memmove(t->v + kept, t->v + i, (t->n - i) * sizeof *t->v);
            t->n = kept + (t->n - i);
            return strata__error_set(err, STRATA_ERR_NOTSUP,
                                     "--shard: SHA-256 is not available");
        }
        if (share == k - 1)
            t->v[kept++] = t->v[i];
        else
            target_free(&t->v[i]);
    }
    t->n = kept;
    return STRATA_OK;
}
