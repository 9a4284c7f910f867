/* seed_yaml.c - YAML seed files through libyaml: a sequence of mappings
 * (one per row), or a mapping with "table", "key" and "rows".  A plain
 * null, ~ or empty value is NULL; every other scalar is text, read by
 * the column's type later. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "run/seed/seed.h"

static unsigned line_of(const yaml_node_t *n)
{
    return (unsigned)n->start_mark.line + 1;
}

static int is_null(const yaml_node_t *n)
{
    const char *v = (const char *)n->data.scalar.value;

    return n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           (!*v || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
            strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0);
}

static int rows(yaml_document_t *d, yaml_node_t *seq, strata_seed_file *f,
                strata_error *err)
{
    if (seq->type != YAML_SEQUENCE_NODE)
        return strata__seed_fail(f, line_of(seq), err,
                                 "expected a list of rows");
    for (yaml_node_item_t *it = seq->data.sequence.items.start;
         it < seq->data.sequence.items.top; it++) {
        yaml_node_t *row = yaml_document_get_node(d, *it);
        strata_seed_row *r;

        if (!row || row->type != YAML_MAPPING_NODE)
            return strata__seed_fail(f, row ? line_of(row) : 1, err,
                                     "a row must be a mapping of column: "
                                     "value");
        if (!(r = strata__seed_row_new(f, line_of(row), err)))
            return STRATA_ERR_NOMEM;
        for (yaml_node_pair_t *p = row->data.mapping.pairs.start;
             p < row->data.mapping.pairs.top; p++) {
            yaml_node_t *k = yaml_document_get_node(d, p->key);
            yaml_node_t *v = yaml_document_get_node(d, p->value);
            const char *name;
            int rc;

            if (!k || !v || k->type != YAML_SCALAR_NODE)
                return strata__seed_fail(f, line_of(row), err,
                                         "a column name must be text");
            name = (const char *)k->data.scalar.value;
            if (v->type != YAML_SCALAR_NODE)
                return strata__seed_fail(f, line_of(v), err,
                                         "%s: a value must be a scalar, "
                                         "not a list or mapping",
                                         name);
            for (size_t i = 0; i < r->n; i++)
                if (strcmp(r->names[i], name) == 0)
                    return strata__seed_fail(f, line_of(k), err,
                                             "column '%s' twice in one row",
                                             name);
            rc = strata__seed_row_set(
                r, name, k->data.scalar.length,
                is_null(v) ? NULL : (const char *)v->data.scalar.value,
                v->data.scalar.length, err);
            if (rc != STRATA_OK)
                return rc;
        }
    }
    return STRATA_OK;
}

/* The mapping form: table, key (text "a, b" or a list), rows. */
static int header(yaml_document_t *d, yaml_node_t *top, strata_seed_file *f,
                  strata_error *err)
{
    yaml_node_t *list = NULL;

    for (yaml_node_pair_t *p = top->data.mapping.pairs.start;
         p < top->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(d, p->key);
        yaml_node_t *v = yaml_document_get_node(d, p->value);
        const char *name;
        int rc = STRATA_OK;

        if (!k || !v || k->type != YAML_SCALAR_NODE)
            return strata__seed_fail(f, line_of(top), err,
                                     "expected table, key and rows");
        name = (const char *)k->data.scalar.value;
        if (strcmp(name, "rows") == 0) {
            list = v;
        } else if (strcmp(name, "table") == 0 &&
                   v->type == YAML_SCALAR_NODE) {
            char *t = strdup((const char *)v->data.scalar.value);

            STRATA_ALLOC_CHECK(t, err);
            free(f->table);
            f->table = t;
        } else if (strcmp(name, "key") == 0 && v->type == YAML_SCALAR_NODE) {
            rc = strata__seed_key_add(f, (const char *)v->data.scalar.value,
                                      v->data.scalar.length, err);
        } else if (strcmp(name, "key") == 0 &&
                   v->type == YAML_SEQUENCE_NODE) {
            for (yaml_node_item_t *it = v->data.sequence.items.start;
                 it < v->data.sequence.items.top && rc == STRATA_OK; it++) {
                yaml_node_t *c = yaml_document_get_node(d, *it);

                if (!c || c->type != YAML_SCALAR_NODE)
                    return strata__seed_fail(f, line_of(v), err,
                                             "key: a list of column names");
                rc = strata__seed_key_add(
                    f, (const char *)c->data.scalar.value,
                    c->data.scalar.length, err);
            }
        } else {
            return strata__seed_fail(f, line_of(k), err,
                                     "unknown entry '%s' (expected table, "
                                     "key and rows)",
                                     name);
        }
        if (rc != STRATA_OK)
            return rc;
    }
    if (!list)
        return strata__seed_fail(f, line_of(top), err, "no 'rows:' list");
    return rows(d, list, f, err);
}

int strata__seed_yaml(const char *text, size_t len, strata_seed_file *f,
                      strata_error *err)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_node_t *top;
    int rc;

    if (!yaml_parser_initialize(&parser))
        return strata__nomem(err);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        rc = strata__seed_fail(f, (unsigned)parser.problem_mark.line + 1,
                               err, "%s", parser.problem ? parser.problem
                                                         : "not YAML");
        yaml_parser_delete(&parser);
        return rc;
    }
    top = yaml_document_get_root_node(&doc);
    if (!top)
        rc = STRATA_OK; /* an empty file: no rows */
    else if (top->type == YAML_SEQUENCE_NODE)
        rc = rows(&doc, top, f, err);
    else if (top->type == YAML_MAPPING_NODE)
        rc = header(&doc, top, f, err);
    else
        rc = strata__seed_fail(f, line_of(top), err,
                               "expected a list of rows or a mapping with "
                               "table, key and rows");
    yaml_document_delete(&doc);
    if (rc == STRATA_OK) {
        /* A second document is a mistake, not more rows. */
        yaml_document_t more;

        if (yaml_parser_load(&parser, &more)) {
            if (yaml_document_get_root_node(&more))
                rc = strata__seed_fail(
                    f, (unsigned)more.start_mark.line + 1, err,
                    "a second YAML document: one per file");
            yaml_document_delete(&more);
        }
    }
    yaml_parser_delete(&parser);
    return rc;
}
