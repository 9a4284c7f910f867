/* fixture_driver.c - the drivers' unit-test fixture: a driver loaded with
 * dlopen as the core loads it, and the checks its tests share. */
#include "fixture_driver.h"

#include <dlfcn.h>
#include <time.h>

#include "sql/catalog.h"
#include "sql/parser.h"

const strata_driver *drv;

static void *so;             /* the driver's handle */
static strata_conn *fx_main; /* fx_open's connection, if asked for */

/* The driver's entry point (POSIX lets a data pointer from dlsym become
 * a function pointer; memcpy says so without a cast ISO C frowns on). */
static strata_driver_init_fn entry_point(void)
{
    strata_driver_init_fn init = NULL;
    void *sym = dlsym(so, STRATA_DRIVER_INIT_SYMBOL);

    if (sym)
        memcpy(&init, &sym, sizeof init);
    else
        fprintf(stderr, "dlsym: %s\n", dlerror());
    return init;
}

int fx_open(const char *dialect, strata_conn **conn)
{
    const char *build = getenv("STRATA_BUILD");
    strata_driver_init_fn init;
    char path[4096];

    snprintf(path, sizeof path, "%s/drivers/strata_%s.so",
             build ? build : "build", dialect);
    if (!(so = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
        fprintf(stderr, "dlopen %s: %s\n", path, dlerror());
        return -1;
    }
    if (!(init = entry_point()))
        return -1;
    if (!(drv = init(strata__host()))) {
        fprintf(stderr, "strata_driver_init returned NULL\n");
        return -1;
    }
    if (conn) {
        if (!(fx_main = calloc(1, drv->conn_size)))
            return -1;
        fx_main->host = strata__host();
        *conn = fx_main;
    }
    return 0;
}

int fx_close(void **state)
{
    (void)state;
    if (drv && fx_main)
        drv->disconnect(fx_main);
    free(fx_main);
    fx_main = NULL;
    if (so)
        dlclose(so);
    so = NULL;
    return 0;
}

strata_conn *fx_conn(void)
{
    strata_conn *c = calloc(1, drv->conn_size);

    assert_non_null(c);
    c->host = strata__host();
    return c;
}

void fx_conn_free(strata_conn *c)
{
    if (c)
        drv->disconnect(c);
    free(c);
}

int fx_split(strata_conn *c, const char *sql, strata_stmt_list *l)
{
    memset(l, 0xa5, sizeof *l);
    return drv->split(c, sql, strlen(sql), l);
}

strata_stmt_list fx_split_ok(const char *sql, size_t n)
{
    strata_conn *c = fx_conn();
    strata_stmt_list l;

    if (fx_split(c, sql, &l) != STRATA_OK)
        fail_msg("split failed: %s", c->errmsg);
    if (l.count != n) {
        for (size_t i = 0; i < l.count; i++)
            fprintf(stderr, "  [%zu] %s\n", i, l.items[i].sql);
        fail_msg("%zu statements, expected %zu", l.count, n);
    }
    if (n == 0)
        assert_null(l.items);
    fx_conn_free(c);
    return l;
}

/* s as a C string literal, on stderr. */
static void print_literal(const char *s)
{
    fputc('"', stderr);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(stderr, "\\%c", *s);
        else if (*s == '\n')
            fputs("\\n", stderr);
        else if (*s == '\t')
            fputs("\\t", stderr);
        else if (*s == '\r')
            fputs("\\r", stderr);
        else
            fputc(*s, stderr);
    }
    fputc('"', stderr);
}

static int stmt_is(const strata_stmt *got, const fx_stmt *w)
{
    return strcmp(got->sql, w->sql) == 0 && got->offset == w->offset &&
           got->line == w->line && got->flags == w->flags &&
           (!w->norm || strcmp(got->norm, w->norm) == 0);
}

void fx_split_expect(const char *sql, size_t len, const fx_stmt *want,
                     size_t n)
{
    strata_conn *c = fx_conn();
    strata_stmt_list l;
    size_t same = 0;

    memset(&l, 0xa5, sizeof l); /* split() must set every field */
    if (drv->split(c, sql, len, &l) != STRATA_OK)
        fail_msg("split failed: %s", c->errmsg);
    while (same < l.count && same < n && stmt_is(&l.items[same], &want[same]))
        same++;
    if (same < l.count || same < n) {
        fprintf(stderr, "  split gave %zu statements (%zu expected), "
                        "differing from [%zu]:\n", l.count, n, same);
        for (size_t i = 0; i < l.count; i++) {
            fputs("    {", stderr);
            print_literal(l.items[i].sql);
            fprintf(stderr, ", %zu, %u, ", l.items[i].offset,
                    l.items[i].line);
            print_literal(l.items[i].norm);
            fprintf(stderr, ", %#x},\n", l.items[i].flags);
        }
    }
    assert_int_equal(l.count, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(l.items[i].sql, want[i].sql);
        assert_int_equal(l.items[i].offset, want[i].offset);
        assert_int_equal(l.items[i].line, want[i].line);
        if (want[i].norm)
            assert_string_equal(l.items[i].norm, want[i].norm);
        assert_int_equal(l.items[i].flags, want[i].flags);
    }
    strata__stmt_list_free(&l);
    fx_conn_free(c);
}

void fx_split_fails_n(const char *sql, size_t len, size_t at,
                      const char *msg)
{
    strata_conn *c = fx_conn();
    strata_stmt_list l;

    memset(&l, 0xa5, sizeof l);
    assert_int_equal(drv->split(c, sql, len, &l), STRATA_ERR_PARSE);
    assert_null(l.items);
    assert_int_equal(l.count, 0);
    assert_int_equal(l.err_offset, at);
    assert_int_equal(c->code, STRATA_ERR_PARSE);
    assert_string_equal(c->errmsg, msg);
    fx_conn_free(c);
}

void fx_split_common(void **state)
{
    (void)state;
    FX_SPLIT("UPDATE a SET x = 2;\n"
             "INSERT INTO a VALUES (1);\n"
             "\n"
             "  SELECT x\n  FROM a;\n",
             {"UPDATE a SET x = 2", 0, 1},
             {"INSERT INTO a VALUES (1)", 20, 2},
             {"SELECT x\n  FROM a", 49, 4, "SELECT x FROM a"});
    FX_SPLIT("SELECT 1;\nSELECT 2 -- end",
             {"SELECT 1", 0, 1}, {"SELECT 2", 10, 2});
    (void)fx_split_ok("", 0);
    (void)fx_split_ok(" ;; ; ", 0);
    fx_split_fails_n("SELECT 1;\0SELECT 2", 19, 9, "NUL byte in SQL text");
}

void fx_quote(int literal, const char *in, const char *want)
{
    strata_conn *c = fx_conn();
    strata_buf b = {0};

    assert_int_equal((literal ? drv->quote_literal : drv->quote_ident)(
                         c, in, &b),
                     STRATA_OK);
    assert_string_equal(b.data, want);
    strata__buf_free(&b);
    fx_conn_free(c);
}

void fx_run(strata_conn *c, const char *script)
{
    strata_stmt_list l;

    if (drv->split(c, script, strlen(script), &l) != STRATA_OK)
        fail_msg("split: %s", c->errmsg);
    for (size_t i = 0; i < l.count; i++)
        if (drv->exec(c, l.items[i].sql) != STRATA_OK)
            fail_msg("%s: %s", l.items[i].sql, c->errmsg);
    strata__stmt_list_free(&l);
}

strata_op fx_op(int kind, const char *table, const char *name)
{
    strata_op o;

    memset(&o, 0, sizeof o);
    o.kind = kind;
    o.table = S(table);
    o.name = S(name);
    return o;
}

strata_sql_list fx_render(strata_conn *c, const strata_op *ops, size_t n,
                          const strata_table *cat)
{
    strata_sql_list l;

    memset(&l, 0xa5, sizeof l); /* render() must set every field */
    if (drv->render(c, ops, n, cat, &l) != STRATA_OK)
        fail_msg("render failed: %s", c->errmsg);
    return l;
}

void fx_list_free(strata_sql_list *l)
{
    strata_abi_sql_list_free(strata__host(), l);
}

void fx_expect(strata_sql_list *l, const char *const *want)
{
    size_t n = 0;

    while (want[n])
        n++;
    for (size_t i = 0; i < l->count && i < n; i++)
        assert_string_equal(l->items[i].sql, want[i]);
    if (l->count != n) {
        for (size_t i = 0; i < l->count; i++)
            fprintf(stderr, "  [%zu] %s\n", i, l->items[i].sql);
        fail_msg("%zu statements, expected %zu", l->count, n);
    }
    fx_list_free(l);
}

void fx_refused(strata_conn *c, const strata_op *ops, size_t n,
                const strata_table *cat, int code, const char *msg)
{
    strata_sql_list l;

    memset(&l, 0xa5, sizeof l);
    assert_int_equal(drv->render(c, ops, n, cat, &l), code);
    assert_int_equal(l.count, 0);
    assert_null(l.items);
    if (!strstr(c->errmsg, msg))
        fail_msg("message \"%s\" lacks \"%s\"", c->errmsg, msg);
}

/* ---- a host whose allocations fail after a budget ------------------- */

static strata_host fhost;
static long budget = -1; /* allocations left; -1 = no limit */

static int spend(void)
{
    if (budget == 0)
        return 0;
    if (budget > 0)
        budget--;
    return 1;
}

static void *f_alloc(size_t n)
{
    return spend() ? strata__host()->alloc(n) : NULL;
}

static void *f_realloc(void *p, size_t n)
{
    return spend() ? strata__host()->realloc(p, n) : NULL;
}

static char *f_strdup(const char *s)
{
    return spend() ? strata__host()->strdup(s) : NULL;
}

static char *f_strndup(const char *s, size_t n)
{
    return spend() ? strata__host()->strndup(s, n) : NULL;
}

static int f_buf_append(strata_buf *b, const char *s, size_t n)
{
    return spend() ? strata__buf_append(b, s, n) : STRATA_ERR_NOMEM;
}

static int f_buf_printf(strata_buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;

    if (!spend())
        return STRATA_ERR_NOMEM;
    va_start(ap, fmt);
    rc = strata__buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

/* The driver keeps the host its entry point was given: calling it again
 * swaps the host (the driver's table stays the same). */
static void give_host(const strata_host *host)
{
    strata_driver_init_fn init = entry_point();

    assert_non_null(init);
    assert_ptr_equal(init(host), drv);
}

void fx_host_budget(long k)
{
    fhost = *strata__host();
    fhost.alloc = f_alloc;
    fhost.realloc = f_realloc;
    fhost.strdup = f_strdup;
    fhost.strndup = f_strndup;
    fhost.buf_append = f_buf_append;
    fhost.buf_printf = f_buf_printf;
    budget = -1; /* the entry point may allocate */
    give_host(&fhost);
    budget = k;
}

void fx_host_restore(void)
{
    budget = -1;
    give_host(strata__host());
}

void fx_oom_render(strata_conn *c, const strata_op *ops, size_t n,
                   const strata_table *cat)
{
    strata_sql_list l;
    long k;
    int rc;

    for (k = 0;; k++) {
        fx_host_budget(k);
        memset(&l, 0xa5, sizeof l);
        rc = drv->render(c, ops, n, cat, &l);
        fx_host_restore();
        if (rc == STRATA_OK)
            break;
        if (rc != STRATA_ERR_NOMEM)
            fail_msg("budget %ld: %d %s", k, rc, c->errmsg);
        assert_string_equal(c->errmsg, "out of memory");
        assert_int_equal(l.count, 0);
        assert_null(l.items);
    }
    assert_true(k > 0);
    fx_list_free(&l);
}

/* ---- the catalog ---------------------------------------------------- */

strata_table *fx_introspect(strata_conn *c, const char *const *names,
                            size_t n)
{
    strata_table *t = NULL;

    if (drv->introspect(c, names, n, &t) != STRATA_OK)
        fail_msg("introspect %s: %s", n ? names[0] : "", c->errmsg);
    assert_non_null(t);
    return t;
}

void fx_table_is(const strata_table *t, const char *name, int exists)
{
    assert_string_equal(t->name, name);
    assert_int_equal(t->exists, exists);
    if (!exists) {
        assert_int_equal(t->ncolumns, 0);
        assert_null(t->sql);
    }
}

/* The next item of the list at *p (up to ", " or the end), into out;
 * 0 at the end of the list. */
static int next_item(const char **p, char *out, size_t size)
{
    size_t len = strcspn(*p, ",");

    if (!**p)
        return 0;
    snprintf(out, size, "%.*s", (int)len, *p);
    *p += len;
    *p += strspn(*p, ", ");
    return 1;
}

void fx_names_are(char *const *v, size_t n, const char *csv)
{
    char name[256];
    size_t i = 0;

    while (next_item(&csv, name, sizeof name)) {
        assert_true(i < n);
        assert_string_equal(v[i++], name);
    }
    assert_int_equal(n, i);
}

void fx_fk_is(const strata_constraint *c, const char *columns,
              const char *ref_table, const char *ref_columns)
{
    assert_int_equal(c->kind, STRATA_CON_FOREIGN_KEY);
    fx_names_are(c->columns, c->ncolumns, columns);
    assert_string_equal(c->ref_table, ref_table);
    fx_names_are(c->ref_columns, c->nref_columns, ref_columns);
}

void fx_keys_are(const strata_index *ix, const char *spec)
{
    char key[256];
    size_t i = 0;

    while (next_item(&spec, key, sizeof key)) {
        char *desc = strstr(key, " DESC");

        if (desc)
            *desc = '\0';
        assert_true(i < ix->nkeys);
        assert_string_equal(ix->keys[i].column ? ix->keys[i].column : "",
                            key);
        assert_null(ix->keys[i].expr);
        assert_int_equal(ix->keys[i].desc, desc != NULL);
        i++;
    }
    assert_int_equal(ix->nkeys, i);
}

/* The index of the item in items[0..n) (each size bytes) whose char *
 * member at name_off is name; the test fails when there is none. */
static size_t find(const void *items, size_t n, size_t size,
                   size_t name_off, const char *what,
                   const strata_table *t, const char *name)
{
    const char *p = items;

    for (size_t i = 0; i < n; i++, p += size) {
        const char *s;

        memcpy(&s, p + name_off, sizeof s);
        if (s && strcmp(s, name) == 0)
            return i;
    }
    fail_msg("no %s %s in %s", what, name, t->name);
    return 0;
}

const strata_column *fx_col(const strata_table *t, const char *name)
{
    return &t->columns[find(t->columns, t->ncolumns, sizeof *t->columns,
                            offsetof(strata_column, name), "column", t,
                            name)];
}

const strata_constraint *fx_con(const strata_table *t, const char *name)
{
    return &t->constraints[find(t->constraints, t->nconstraints,
                                sizeof *t->constraints,
                                offsetof(strata_constraint, name),
                                "constraint", t, name)];
}

const strata_index *fx_idx(const strata_table *t, const char *name)
{
    return &t->indexes[find(t->indexes, t->nindexes, sizeof *t->indexes,
                            offsetof(strata_index, name), "index", t,
                            name)];
}

void fx_exists(strata_conn *c, const char *table, int want)
{
    int got = -1;

    assert_int_equal(drv->table_exists(c, table, &got), STRATA_OK);
    if (got != want)
        print_error("table_exists(%s)\n", table);
    assert_int_equal(got, want);
}

/* ---- queries and time ----------------------------------------------- */

int fx_stop_after_one(void *payload, int ncols, const char *const *v,
                      const char *const *names)
{
    (void)ncols;
    (void)v;
    (void)names;
    ++*(int *)payload;
    return 1;
}

long fx_now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- portable statements -------------------------------------------- */

strata_op *fx_parse(const char *sql)
{
    strata_op *op = NULL;
    strata_error err = {0};
    int rc = strata__parse_op(&op, "m.sql", sql, 1, 1, &err);

    if (rc != STRATA_OK || !op)
        fail_msg("parse (%d, %s): %s", rc, err.msg ? err.msg : "raw", sql);
    return op;
}
