/* ident.c - identifier limits are the driver's: the names a migration
 * writes are cut the way the engine cuts them (so catalog checks and
 * derived downgrades use what the engine keeps), or found too long for
 * an engine that refuses them. */
#include "sql/ident.h"

#include <stdlib.h>
#include <string.h>

#include "abi/name.h"
#include "sql/op.h"
#include "sql/sqltok.h"
#include "util/buf.h"

typedef struct fit {
    const char *dialect;
    uint32_t max, flags;
    strata_buf note; /* the sentences so far */
    int cut;         /* a name was cut */
    int oom;
} fit;

/* Length of name in the limit's unit (bytes, or UTF-8 characters). */
static size_t units(const fit *f, const char *name, size_t len)
{
    size_t n = 0;

    if (!(f->flags & STRATA_IDENT_CHARS))
        return len;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)name[i] & 0xC0) != 0x80;
    return n;
}

/* Say what the dialect does with name (len bytes, keep of them fit),
 * once per name. */
static void say(fit *f, const char *name, size_t len, size_t keep)
{
    const char *unit = f->flags & STRATA_IDENT_CHARS ? "characters" : "bytes";
    strata_buf quoted = {0};
    int rc = strata__buf_printf(&quoted, "\"%.*s\"", (int)len, name);

    if (rc == STRATA_OK && f->note.data && strstr(f->note.data, quoted.data))
        goto done;
    if (rc == STRATA_OK && f->note.len)
        rc = strata__buf_puts(&f->note, "; ");
    if (rc == STRATA_OK && (f->flags & STRATA_IDENT_TRUNCATE))
        rc = strata__buf_printf(&f->note,
                                "name %s is %zu %s: %s cuts names past "
                                "%u %s, to \"%.*s\"",
                                quoted.data, units(f, name, len), unit,
                                f->dialect, (unsigned)f->max, unit,
                                (int)keep, name);
    else if (rc == STRATA_OK)
        rc = strata__buf_printf(&f->note,
                                "name %s is %zu %s: %s refuses names past "
                                "%u %s",
                                quoted.data, units(f, name, len), unit,
                                f->dialect, (unsigned)f->max, unit);
done:
    f->oom |= rc != STRATA_OK;
    strata__buf_free(&quoted);
}

/* One name slot of the operation (NULL: none). */
static void one(fit *f, char *name)
{
    size_t len, keep;

    if (!name)
        return;
    len = strlen(name);
    keep = strata_abi_clip(name, len, f->max, f->flags & STRATA_IDENT_CHARS);
    if (keep == len)
        return;
    say(f, name, len, keep);
    if (f->flags & STRATA_IDENT_TRUNCATE) {
        name[keep] = '\0'; /* what the engine keeps */
        f->cut = 1;
    }
}

static void many(fit *f, char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        one(f, v[i]);
}

static int finish(fit *f, char **note)
{
    *note = f->oom || !f->note.len ? NULL : strata__buf_take(&f->note);
    strata__buf_free(&f->note);
    return f->oom ? STRATA_ERR_NOMEM : STRATA_OK;
}

int strata__ident_apply(strata_op *op, const char *dialect, uint32_t max,
                        uint32_t flags, uint32_t name_flags, char **note)
{
    fit f = {.dialect = dialect, .max = max, .flags = flags};
    size_t name_max = strata_abi_name_max(max);

    *note = NULL;
    one(&f, op->schema);
    one(&f, op->table);
    one(&f, op->name);
    one(&f, op->new_name);
    for (size_t i = 0; i < op->ncolumns; i++)
        one(&f, op->columns[i].name);
    for (size_t i = 0; i < op->nconstraints; i++) {
        strata_constraint *c = &op->constraints[i];

        if (c->named)
            one(&f, c->name);
        many(&f, c->columns, c->ncolumns);
        one(&f, c->ref_table);
        many(&f, c->ref_columns, c->nref_columns);
    }
    if (op->index) {
        one(&f, op->index->name);
        one(&f, op->index->table);
        for (size_t i = 0; i < op->index->nkeys; i++)
            one(&f, op->index->keys[i].column);
    }
    /* The engine derives names from the names it kept. */
    if ((f.cut || name_max < STRATA_ABI_NAME_MAX) &&
        strata__op_name_constraints(
            op, name_max, (name_flags & STRATA_NAME_KEEP_CASE) != 0) !=
            STRATA_OK)
        f.oom = 1;
    return finish(&f, note);
}

int strata__ident_scan(const char *sql, const char *dialect, uint32_t max,
                       uint32_t flags, char **note)
{
    fit f = {.dialect = dialect, .max = max, .flags = flags};
    strata_toklist l;
    strata_error err = {0};

    *note = NULL;
    if (!max)
        return STRATA_OK;
    /* Text the standard lexer cannot read says nothing here. */
    if (strata__sqltok_scan(&l, sql, strlen(sql), &err) != STRATA_OK) {
        int rc = err.code == STRATA_ERR_NOMEM ? STRATA_ERR_NOMEM : STRATA_OK;

        strata__error_clear(&err);
        return rc;
    }
    for (size_t i = 0; i < l.count; i++) {
        const strata_tok *t = &l.items[i];
        const char *name = t->text;
        size_t len = strlen(name), keep;

        if (t->kind == STRATA_TOK_OTHER && name[0] == '`' && len > 1) {
            name++; /* `name`: its doubled backticks are kept, rare */
            len -= 2;
        } else if (t->kind != STRATA_TOK_WORD) {
            continue;
        }
        keep = strata_abi_clip(name, len, max, flags & STRATA_IDENT_CHARS);
        if (keep != len)
            say(&f, name, len, keep);
    }
    strata__sqltok_free(&l);
    return finish(&f, note);
}
