/* foreign.c - find and read other tools' history tables (golang-migrate,
 * dbmate, goose, Flyway, Liquibase, sqlx, Diesel, popx, Drizzle, Prisma)
 * with plain SELECTs through the driver; the formats are the tools' own
 * (docs/adopting.md lists each table's columns). */
#include "db/foreign.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/buf.h"

/* Turn one result row (ncols values) into r; 0 = skip the row. */
typedef int (*row_fn)(strata_foreign_row *r, const char *const *v);

typedef struct tool_spec {
    strata_foreign_tool t;
    const char *tables[3]; /* where the tool puts it, first match wins */
    const char *probe;     /* columns that tell this tool's table */
    const char *sql[2];    /* the read, %s = table; the first form the
                            * engine runs wins (hex of a blob) */
    int ncols;
    row_fn row;
} tool_spec;

static int set(char **dst, const char *v)
{
    return !v || (*dst = strdup(v)) != NULL;
}

/* Rows below: 1 keep, 0 skip, -1 out of memory. */
#define KEEP(ok) ((ok) ? 1 : -1)

static int gm_row(strata_foreign_row *r, const char *const *v)
{
    /* -1 is golang-migrate's "no version" (dirty before the first). */
    if (!v[0] || strcmp(v[0], "-1") == 0)
        return 0;
    r->upto = 1;
    if (strata__foreign_true(v[1])) {
        r->state = STRATA_FOREIGN_FAILED;
        r->why = "dirty = true";
    }
    return KEEP(set(&r->key, v[0]));
}

static int version_row(strata_foreign_row *r, const char *const *v)
{
    return v[0] ? KEEP(set(&r->key, v[0])) : 0;
}

static int goose_row(strata_foreign_row *r, const char *const *v)
{
    /* goose writes version 0 when it creates its table. */
    if (!v[0] || strcmp(v[0], "0") == 0)
        return 0;
    if (!strata__foreign_true(v[1]))
        r->state = STRATA_FOREIGN_REVERTED;
    return KEEP(set(&r->key, v[0]));
}

static int flyway_row(strata_foreign_row *r, const char *const *v)
{
    const char *type = v[2] ? v[2] : "";

    if (strcmp(type, "SCHEMA") == 0)
        return 0;
    if (strcmp(type, "BASELINE") == 0 || strcmp(type, "SQL_BASELINE") == 0)
        r->upto = 2;
    else if (strncmp(type, "UNDO_", 5) == 0 || strcmp(type, "DELETE") == 0)
        r->state = STRATA_FOREIGN_REVERTED;
    if (r->state == STRATA_FOREIGN_APPLIED && !strata__foreign_true(v[5])) {
        r->state = STRATA_FOREIGN_FAILED;
        r->why = "success = false";
    }
    r->repeatable = v[0] == NULL;
    if (r->repeatable && !v[1])
        return 0;
    return KEEP(set(&r->key, r->repeatable ? v[1] : v[0]) &&
                set(&r->name, v[1]) && set(&r->script, v[3]) &&
                set(&r->checksum, v[4]));
}

static int sqlx_row(strata_foreign_row *r, const char *const *v)
{
    if (!v[0])
        return 0;
    if (!strata__foreign_true(v[1])) {
        r->state = STRATA_FOREIGN_FAILED;
        r->why = "success = false";
    }
    return KEEP(set(&r->key, v[0]) && set(&r->checksum, v[2]));
}

static int drizzle_row(strata_foreign_row *r, const char *const *v)
{
    return v[1] ? KEEP(set(&r->key, v[1]) && set(&r->checksum, v[0])) : 0;
}

static int prisma_row(strata_foreign_row *r, const char *const *v)
{
    if (!v[0])
        return 0;
    if (v[3]) {
        r->state = STRATA_FOREIGN_REVERTED;
    } else if (!v[2]) {
        r->state = STRATA_FOREIGN_FAILED;
        r->why = "finished_at IS NULL";
    }
    return KEEP(set(&r->key, v[0]) && set(&r->checksum, v[1]));
}

static int liquibase_row(strata_foreign_row *r, const char *const *v)
{
    const char *type = v[3] ? v[3] : "";

    if (!v[0])
        return 0;
    if (strcasecmp(type, "FAILED") == 0) {
        r->state = STRATA_FOREIGN_FAILED;
        r->why = "EXECTYPE = FAILED";
    } else if (strcasecmp(type, "SKIPPED") == 0) {
        r->state = STRATA_FOREIGN_REVERTED;
    }
    return KEEP(set(&r->key, v[0]) && set(&r->name, v[1]) &&
                set(&r->script, v[2]) && set(&r->checksum, v[4]));
}

/* golang-migrate comes before dbmate: both use schema_migrations, and
 * only golang-migrate's has a dirty column. */
static const tool_spec tools[] = {
    {{"golang-migrate", STRATA_KEY_NUMBER, STRATA_SUM_NONE},
     {"schema_migrations"},
     "version, dirty",
     {"SELECT version, dirty FROM %s"},
     2,
     gm_row},
    {{"dbmate", STRATA_KEY_TEXT, STRATA_SUM_NONE},
     {"schema_migrations"},
     "version",
     {"SELECT version FROM %s ORDER BY version"},
     1,
     version_row},
    {{"goose", STRATA_KEY_NUMBER, STRATA_SUM_NONE},
     {"goose_db_version"},
     "version_id, is_applied",
     {"SELECT version_id, is_applied FROM %s ORDER BY id"},
     2,
     goose_row},
    {{"flyway", STRATA_KEY_DOTTED, STRATA_SUM_FLYWAY_CRC32},
     {"flyway_schema_history"},
     "installed_rank, version, script, checksum, success",
     {"SELECT version, description, type, script, checksum, success "
      "FROM %s ORDER BY installed_rank"},
     6,
     flyway_row},
    {{"liquibase", STRATA_KEY_TEXT, STRATA_SUM_OTHER},
     {"DATABASECHANGELOG", "databasechangelog"},
     "id, author, filename, exectype",
     {"SELECT id, author, filename, exectype, md5sum FROM %s "
      "ORDER BY dateexecuted, orderexecuted"},
     5,
     liquibase_row},
    {{"sqlx", STRATA_KEY_NUMBER, STRATA_SUM_SHA384},
     {"_sqlx_migrations"},
     "version, success, checksum",
     {"SELECT version, success, lower(hex(checksum)) FROM %s "
      "ORDER BY version",
      "SELECT version, success, encode(checksum, 'hex') FROM %s "
      "ORDER BY version"},
     3,
     sqlx_row},
    {{"diesel", STRATA_KEY_NUMBER, STRATA_SUM_NONE},
     {"__diesel_schema_migrations"},
     "version, run_on",
     {"SELECT version FROM %s ORDER BY version"},
     1,
     version_row},
    {{"popx", STRATA_KEY_NUMBER, STRATA_SUM_NONE},
     {"schema_migration"},
     "version",
     {"SELECT version FROM %s ORDER BY version"},
     1,
     version_row},
    {{"drizzle", STRATA_KEY_NUMBER, STRATA_SUM_SHA256},
     /* PostgreSQL: in its own schema "drizzle" */
     {"__drizzle_migrations", "drizzle.__drizzle_migrations"},
     "hash, created_at",
     {"SELECT hash, created_at FROM %s ORDER BY created_at, id"},
     2,
     drizzle_row},
    {{"prisma", STRATA_KEY_TEXT, STRATA_SUM_PRISMA},
     {"_prisma_migrations"},
     "migration_name, checksum, finished_at, rolled_back_at",
     {"SELECT migration_name, checksum, finished_at, rolled_back_at "
      "FROM %s ORDER BY started_at, id"},
     4,
     prisma_row},
};

#define NTOOLS (sizeof tools / sizeof tools[0])
_Static_assert(NTOOLS <= STRATA_FOREIGN_TOOLS, "STRATA_FOREIGN_TOOLS");

const strata_foreign_tool *strata__foreign_tool_at(size_t i)
{
    return i < NTOOLS ? &tools[i].t : NULL;
}

const strata_foreign_tool *strata__foreign_tool(const char *name)
{
    for (size_t i = 0; name && i < NTOOLS; i++)
        if (strcmp(tools[i].t.name, name) == 0)
            return &tools[i].t;
    return NULL;
}

int strata__foreign_true(const char *v)
{
    return v && (strcasecmp(v, "t") == 0 || strcasecmp(v, "true") == 0 ||
                 strcmp(v, "1") == 0);
}

/* name ("schema.table" or "table") quoted through the driver. */
static int quote_name(strata_session *s, const char *name, strata_buf *b)
{
    const char *dot = strchr(name, '.');
    char part[128];
    int rc;

    if (!dot)
        return s->drv->quote_ident(s->conn, name, b);
    if ((size_t)(dot - name) >= sizeof part)
        return STRATA_ERR_INVALID;
    memcpy(part, name, (size_t)(dot - name));
    part[dot - name] = '\0';
    rc = s->drv->quote_ident(s->conn, part, b);
    if (rc == STRATA_OK)
        rc = strata__buf_puts(b, ".");
    return rc == STRATA_OK ? s->drv->quote_ident(s->conn, dot + 1, b) : rc;
}

/* The statement fmt (one %s) for table; NULL out of memory. */
static char *statement(strata_session *s, const char *fmt, const char *table,
                       int *rc)
{
    strata_buf q = {0};
    char *sql;

    *rc = quote_name(s, table, &q);
    if (*rc != STRATA_OK) {
        strata__buf_free(&q);
        return NULL;
    }
    sql = strata__sprintf(fmt, q.data);
    strata__buf_free(&q);
    if (!sql)
        *rc = STRATA_ERR_NOMEM;
    return sql;
}

int strata__foreign_find(strata_session *s, unsigned char *found,
                         const char **tables, strata_error *err)
{
    for (size_t i = 0; i < NTOOLS; i++) {
        found[i] = 0;
        tables[i] = NULL;
        for (size_t k = 0; k < 3 && tools[i].tables[k] && !found[i]; k++) {
            char *fmt = strata__sprintf("SELECT %s FROM %%s WHERE 1 = 0",
                                        tools[i].probe);
            char *sql = NULL;
            int rc = STRATA_ERR_NOMEM;

            if (fmt)
                sql = statement(s, fmt, tools[i].tables[k], &rc);
            free(fmt);
            if (!sql)
                return rc == STRATA_ERR_NOMEM
                           ? strata__nomem(err)
                           : strata__session_fail(s, rc, err, "quoting %s",
                                                  tools[i].tables[k]);
            /* A lost connection is an error; any other refusal means
             * the table (or its columns) is not there. */
            rc = s->drv->exec(s->conn, sql);
            free(sql);
            if (rc == STRATA_ERR_CONN)
                return strata__session_fail(s, rc, err, "looking for %s",
                                            tools[i].tables[k]);
            if (rc == STRATA_OK) {
                found[i] = 1;
                tables[i] = tools[i].tables[k];
            }
        }
    }
    /* golang-migrate's schema_migrations has dbmate's column too. */
    if (found[0] && found[1] && strcmp(tables[0], tables[1]) == 0)
        found[1] = 0, tables[1] = NULL;
    return STRATA_OK;
}

typedef struct read_state {
    strata_foreign *f;
    const tool_spec *spec;
    int oom;
} read_state;

static void row_free(strata_foreign_row *r)
{
    free(r->key);
    free(r->name);
    free(r->script);
    free(r->checksum);
    memset(r, 0, sizeof *r);
}

static int same_text(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

/* Liquibase names a changeset by id, author and file together. */
static int same_migration(const tool_spec *spec, const strata_foreign_row *a,
                          const strata_foreign_row *b)
{
    if (a->repeatable != b->repeatable || strcmp(a->key, b->key) != 0)
        return 0;
    return spec->row != liquibase_row ||
           (same_text(a->name, b->name) && same_text(a->script, b->script));
}

static int read_cb(void *payload, int ncols, const char *const *v,
                   const char *const *names)
{
    read_state *st = payload;
    strata_foreign *f = st->f;
    strata_foreign_row r = {0}, *nv;
    int keep;

    (void)names;
    if (ncols < st->spec->ncols)
        return 1;
    keep = st->spec->row(&r, v);
    if (keep <= 0) {
        row_free(&r);
        st->oom = keep < 0;
        return keep < 0;
    }
    /* The latest row about a migration says where it stands. */
    for (size_t i = 0; i < f->nrows; i++)
        if (same_migration(st->spec, &f->rows[i], &r)) {
            row_free(&f->rows[i]);
            f->rows[i] = r;
            return 0;
        }
    nv = realloc(f->rows, (f->nrows + 1) * sizeof *nv);
    if (!nv) {
        row_free(&r);
        st->oom = 1;
        return 1;
    }
    f->rows = nv;
    f->rows[f->nrows++] = r;
    return 0;
}

static void rows_clear(strata_foreign *f)
{
    for (size_t i = 0; i < f->nrows; i++)
        row_free(&f->rows[i]);
    free(f->rows);
    f->rows = NULL;
    f->nrows = 0;
}

static int lock_cb(void *payload, int ncols, const char *const *v,
                   const char *const *names)
{
    (void)names;
    if (ncols > 0 && strata__foreign_true(v[0]))
        *(int *)payload = 1;
    return 0;
}

/* Liquibase's lock table, named in the case of its changelog table. */
static int liquibase_lock(strata_session *s, const char *table, int *locked)
{
    const char *lock = strcmp(table, "DATABASECHANGELOG") == 0
                           ? "DATABASECHANGELOGLOCK"
                           : "databasechangeloglock";
    int rc;
    char *sql = statement(s, "SELECT locked FROM %s", lock, &rc);

    if (!sql)
        return rc;
    /* No lock table: nothing holds it. */
    s->drv->query(s->conn, sql, lock_cb, locked);
    free(sql);
    return STRATA_OK;
}

int strata__foreign_read(strata_session *s, const strata_foreign_tool *t,
                         const char *table, strata_foreign *f,
                         strata_error *err)
{
    const tool_spec *spec = (const tool_spec *)(const void *)t;
    int rc = STRATA_ERR;

    memset(f, 0, sizeof *f);
    f->tool = t;
    f->table = strdup(table);
    STRATA_ALLOC_CHECK(f->table, err);
    for (size_t k = 0; k < 2 && spec->sql[k] && rc != STRATA_OK; k++) {
        read_state st = {f, spec, 0};
        char *sql = statement(s, spec->sql[k], table, &rc);

        if (!sql)
            return rc == STRATA_ERR_NOMEM
                       ? strata__nomem(err)
                       : strata__session_fail(s, rc, err, "quoting %s",
                                              table);
        rows_clear(f);
        rc = s->drv->query(s->conn, sql, read_cb, &st);
        free(sql);
        if (st.oom)
            return strata__nomem(err);
        if (rc != STRATA_OK && (k == 1 || !spec->sql[1] ||
                                rc == STRATA_ERR_CONN))
            return strata__session_fail(s, rc, err, "reading %s's %s",
                                        t->name, table);
    }
    /* Drizzle applies every file whose journal time is not after its
     * latest row's (the rows are in created_at order). */
    if (spec->row == drizzle_row && f->nrows)
        f->rows[f->nrows - 1].upto = 1;
    if (spec->row == liquibase_row) {
        rc = liquibase_lock(s, table, &f->locked);
        if (rc == STRATA_ERR_NOMEM)
            return strata__nomem(err);
    }
    return STRATA_OK;
}

void strata__foreign_free(strata_foreign *f)
{
    rows_clear(f);
    free(f->table);
    memset(f, 0, sizeof *f);
}
