/* schema_json.c - a schema as the JSON of `schema dump --format json`
 * (docs/json.md), and read back from such a file for `diff`. */
#include "sql/schema.h"

#include <stdlib.h>
#include <string.h>

#include "sql/catalog.h"

static const char *const kind_names[] = {"", "primary key", "unique",
                                         "check", "foreign key", "exclude"};

const char *strata__constraint_kind_name(int kind)
{
    return kind >= 1 && kind <= 5 ? kind_names[kind] : "?";
}

/* Append v to the JSON array a; nonzero when out of memory. */
static int add(json_t *a, json_t *v)
{
    return json_array_append_new(a, v) != 0;
}

json_t *strata__json_columns(const strata_table *t)
{
    json_t *a = json_array();
    int oom = !a;

    for (size_t i = 0; i < t->ncolumns && !oom; i++) {
        const strata_column *c = &t->columns[i];
        oom = add(a, json_pack("{s:o,s:o,s:b,s:o,s:i,s:b,s:b}", "name",
                               strata__json_text(c->name), "type",
                               strata__json_text(c->type), "notnull",
                               c->notnull, "default",
                               strata__json_text(c->default_expr), "pk",
                               c->pk, "autoincrement", c->autoincrement,
                               "generated", c->generated));
    }
    if (oom) {
        json_decref(a);
        return NULL;
    }
    return a;
}

json_t *strata__json_index(const strata_index *ix)
{
    json_t *keys = json_array();
    int oom = !keys;

    for (size_t k = 0; k < ix->nkeys && !oom; k++) {
        const strata_index_key *key = &ix->keys[k];
        oom = add(keys, json_pack("{s:o,s:b}",
                                  key->column ? "column" : "expr",
                                  strata__json_text(key->column ? key->column
                                                                : key->expr),
                                  "desc", key->desc));
    }
    if (oom) {
        json_decref(keys);
        return NULL;
    }
    return json_pack("{s:o,s:b,s:o,s:o,s:b,s:b}", "name",
                     strata__json_text(ix->name), "unique", ix->unique,
                     "keys", keys, "where", strata__json_text(ix->where),
                     "invalid", ix->invalid, "constraint", ix->constraint);
}

json_t *strata__json_constraint(const strata_constraint *c)
{
    return json_pack(
        "{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b}", "kind",
        strata__constraint_kind_name(c->kind), "name",
        strata__json_text(c->name), "columns",
        strata__json_strings(c->columns, c->ncolumns), "check",
        strata__json_text(c->check), "ref_table",
        strata__json_text(c->ref_table), "ref_columns",
        strata__json_strings(c->ref_columns, c->nref_columns), "on_delete",
        strata__json_text(c->on_delete), "on_update",
        strata__json_text(c->on_update), "not_valid", c->not_valid);
}

/* [{"name", "sql"}] of n objects; NULL when out of memory. */
static json_t *json_objects(const strata_object *v, size_t n)
{
    json_t *a = json_array();
    int oom = !a;

    for (size_t i = 0; i < n && !oom; i++)
        oom = add(a, json_pack("{s:o,s:o}", "name",
                               strata__json_text(v[i].name), "sql",
                               strata__json_text(v[i].sql)));
    if (oom) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static json_t *json_table(const strata_table *t)
{
    json_t *ixs = json_array(), *cons = json_array();
    int oom = !ixs || !cons;

    for (size_t i = 0; i < t->nconstraints && !oom; i++)
        oom = add(cons, strata__json_constraint(&t->constraints[i]));
    for (size_t i = 0; i < t->nindexes && !oom; i++)
        oom = add(ixs, strata__json_index(&t->indexes[i]));
    if (oom) {
        json_decref(ixs);
        json_decref(cons);
        return NULL;
    }
    return json_pack("{s:o,s:o,s:o,s:o,s:o}", "name",
                     strata__json_text(t->name), "columns",
                     strata__json_columns(t), "constraints", cons,
                     "indexes", ixs, "triggers",
                     json_objects(t->triggers, t->ntriggers));
}

json_t *strata__schema_json(const strata_schema *s)
{
    json_t *tables = json_array();
    int oom = !tables;

    for (size_t i = 0; i < s->ntables && !oom; i++)
        oom = add(tables, json_table(&s->tables[i]));
    if (oom) {
        json_decref(tables);
        return NULL;
    }
    return json_pack("{s:s,s:i,s:o,s:o,s:o,s:o}", "format", "strata-schema",
                     "version", 1, "dialect", strata__json_text(s->dialect),
                     "tables", tables, "views",
                     json_objects(s->views, s->nviews), "sequences",
                     json_objects(s->sequences, s->nsequences));
}

/* --- reading a dump back ------------------------------------------------ */

typedef struct reader {
    const char *what;
    strata_error *err;
    int rc;
} reader;

static int bad(reader *r, const char *where)
{
    if (r->rc == STRATA_OK)
        r->rc = strata__error_set(r->err, STRATA_ERR_PARSE,
                                  "%s: not a strata schema dump (%s)",
                                  r->what, where);
    return r->rc;
}

/* *dst = copy of member key of o: a string, or NULL for null/absent. */
static void text(reader *r, const json_t *o, const char *key, char **dst)
{
    const json_t *v = json_object_get(o, key);

    *dst = NULL;
    if (r->rc != STRATA_OK || !v || json_is_null(v))
        return;
    if (!json_is_string(v)) {
        bad(r, key);
        return;
    }
    if (!(*dst = strdup(json_string_value(v))))
        r->rc = strata__nomem(r->err);
}

static int flag(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);

    if (json_is_integer(v))
        return (int)json_integer_value(v);
    return json_is_true(v);
}

/* The array member key of o; NULL when absent, which jansson's array
 * functions read as empty. */
static const json_t *list(reader *r, const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);

    if (v && !json_is_null(v) && !json_is_array(v))
        bad(r, key);
    return v && json_is_array(v) ? v : NULL;
}

/* *v = a calloc'd array of n elements of size bytes. */
static void *items(reader *r, size_t n, size_t size)
{
    void *v;

    if (r->rc != STRATA_OK || !n)
        return NULL;
    if (!(v = calloc(n, size)))
        r->rc = strata__nomem(r->err);
    return v;
}

static void strings(reader *r, const json_t *a, char ***dst, size_t *n)
{
    size_t k = json_array_size(a);

    *dst = items(r, k, sizeof **dst);
    for (size_t i = 0; i < k && *dst && r->rc == STRATA_OK; i++) {
        const json_t *v = json_array_get(a, i);

        if (!json_is_string(v)) {
            bad(r, "a list of names");
            break;
        }
        if (!((*dst)[i] = strdup(json_string_value(v))))
            r->rc = strata__nomem(r->err);
        *n = i + 1;
    }
}

static int kind_of(const char *name)
{
    for (int k = 1; k <= 5; k++)
        if (name && strcmp(name, kind_names[k]) == 0)
            return k;
    return 0;
}

static void read_constraint(reader *r, const json_t *o, strata_constraint *c)
{
    const json_t *kind = json_object_get(o, "kind");

    c->kind = kind_of(json_string_value(kind));
    if (!c->kind)
        bad(r, "constraint kind");
    text(r, o, "name", &c->name);
    text(r, o, "check", &c->check);
    text(r, o, "ref_table", &c->ref_table);
    text(r, o, "on_delete", &c->on_delete);
    text(r, o, "on_update", &c->on_update);
    c->not_valid = flag(o, "not_valid");
    c->named = 1;
    strings(r, list(r, o, "columns"), &c->columns, &c->ncolumns);
    strings(r, list(r, o, "ref_columns"), &c->ref_columns,
            &c->nref_columns);
}

static void read_index(reader *r, const json_t *o, const char *table,
                       strata_index *ix)
{
    const json_t *keys = list(r, o, "keys");
    size_t n = json_array_size(keys);

    text(r, o, "name", &ix->name);
    text(r, o, "where", &ix->where);
    ix->unique = flag(o, "unique");
    ix->invalid = flag(o, "invalid");
    ix->constraint = flag(o, "constraint");
    if (r->rc == STRATA_OK && !(ix->table = strdup(table)))
        r->rc = strata__nomem(r->err);
    ix->keys = items(r, n, sizeof *ix->keys);
    for (size_t k = 0; k < n && ix->keys && r->rc == STRATA_OK; k++) {
        const json_t *key = json_array_get(keys, k);

        ix->nkeys = k + 1;
        text(r, key, "column", &ix->keys[k].column);
        text(r, key, "expr", &ix->keys[k].expr);
        ix->keys[k].desc = flag(key, "desc");
    }
}

static void read_objects(reader *r, const json_t *a, const char *kind,
                         strata_object **v, size_t *n)
{
    size_t k = json_array_size(a);

    *v = items(r, k, sizeof **v);
    for (size_t i = 0; i < k && *v && r->rc == STRATA_OK; i++) {
        *n = i + 1;
        if (!((*v)[i].kind = strdup(kind))) {
            r->rc = strata__nomem(r->err);
            break;
        }
        text(r, json_array_get(a, i), "name", &(*v)[i].name);
        text(r, json_array_get(a, i), "sql", &(*v)[i].sql);
        if (r->rc == STRATA_OK && !(*v)[i].name)
            bad(r, "an object without a name");
    }
}

static void read_table(reader *r, const json_t *o, strata_table *t)
{
    const json_t *cols = list(r, o, "columns"), *cons = list(r, o,
                                                             "constraints"),
                 *ixs = list(r, o, "indexes");
    size_t n;

    t->exists = 1;
    text(r, o, "name", &t->name);
    if (r->rc == STRATA_OK && !t->name) {
        bad(r, "a table without a name");
        return;
    }
    n = json_array_size(cols);
    t->columns = items(r, n, sizeof *t->columns);
    for (size_t i = 0; i < n && t->columns && r->rc == STRATA_OK; i++) {
        const json_t *c = json_array_get(cols, i);

        t->ncolumns = i + 1;
        text(r, c, "name", &t->columns[i].name);
        text(r, c, "type", &t->columns[i].type);
        text(r, c, "default", &t->columns[i].default_expr);
        t->columns[i].notnull = flag(c, "notnull");
        t->columns[i].pk = flag(c, "pk");
        t->columns[i].autoincrement = flag(c, "autoincrement");
        t->columns[i].generated = flag(c, "generated");
    }
    n = json_array_size(cons);
    t->constraints = items(r, n, sizeof *t->constraints);
    for (size_t i = 0; i < n && t->constraints && r->rc == STRATA_OK; i++) {
        t->nconstraints = i + 1;
        read_constraint(r, json_array_get(cons, i), &t->constraints[i]);
    }
    n = json_array_size(ixs);
    t->indexes = items(r, n, sizeof *t->indexes);
    for (size_t i = 0; i < n && t->indexes && r->rc == STRATA_OK; i++) {
        t->nindexes = i + 1;
        read_index(r, json_array_get(ixs, i), t->name, &t->indexes[i]);
    }
    read_objects(r, list(r, o, "triggers"), "trigger", &t->triggers,
                 &t->ntriggers);
}

int strata__schema_from_json(const json_t *doc, const char *what,
                             strata_schema *out, strata_error *err)
{
    reader r = {what, err, STRATA_OK};
    const json_t *tables;
    size_t n;

    memset(out, 0, sizeof *out);
    if (!json_is_object(doc) ||
        !json_is_string(json_object_get(doc, "format")) ||
        strcmp(json_string_value(json_object_get(doc, "format")),
               "strata-schema") != 0)
        return bad(&r, "no \"format\": \"strata-schema\"");
    text(&r, doc, "dialect", &out->dialect);
    tables = list(&r, doc, "tables");
    n = json_array_size(tables);
    out->tables = items(&r, n, sizeof *out->tables);
    for (size_t i = 0; i < n && out->tables && r.rc == STRATA_OK; i++) {
        out->ntables = i + 1;
        read_table(&r, json_array_get(tables, i), &out->tables[i]);
    }
    read_objects(&r, list(&r, doc, "views"), "view", &out->views,
                 &out->nviews);
    read_objects(&r, list(&r, doc, "sequences"), "sequence",
                 &out->sequences, &out->nsequences);
    if (r.rc != STRATA_OK) {
        strata__schema_free(out);
        return r.rc;
    }
    strata__schema_normalise(out);
    return STRATA_OK;
}
