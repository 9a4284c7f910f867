/* cmd_author.c - revision and merge: write a new migration file whose
 * header links it into the chain (docs/design.md §2, §9).  Nothing is
 * connected.  The new revision is parsed and added to the loaded graph in
 * memory before its file is created, so whatever the chain would refuse on the
 * next load is refused now, and a refusal leaves the directory as it
 * was. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/built.h"
#include "cli/commands.h"
#include "sql/autogen.h"
#include "sql/catalog.h"
#include "util/alloc.h"
#include "util/fileio.h"
#include "db/host.h"
#include "util/json.h"
#include "util/output.h"

#define SLUG_MAX 40  /* characters of the message kept in the file name */
#define SEQ_WIDTH 4  /* digits of the first sequence number */
#define TS_WIDTH 14  /* YYYYMMDDHHMMSS */
#define PREFIX_MAX 18 /* longer digit runs could overflow 64 bits */

/* What the new file says and where it goes. */
typedef struct draft {
    const char *verb;     /* "revision" or "merge", for messages */
    char *message;        /* trimmed copy; owned */
    size_t *parents;      /* graph indices, in header order; owned */
    size_t nparents;
    const char *branch;   /* borrowed from the command line, or NULL */
    int merge;
    char *id;             /* owned */
    char *path;           /* owned */
    const char *target;   /* --autogenerate: what the body leads to */
    strata_buf body;      /* --autogenerate: the sections; owned */
    size_t changes;       /* --autogenerate: statements in body's +up */
} draft;

static void draft_free(draft *d)
{
    free(d->message);
    free(d->parents);
    free(d->id);
    free(d->path);
    strata__buf_free(&d->body);
}

/* --- the message and the slug ------------------------------------------ */

/* The message is one header line: refuse what would end it early. */
static int take_message(strata_ctx *x, draft *d)
{
    const char *m = x->cli->message, *end;

    if (!m)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "%s: -m MSG is required (one line saying "
                                 "what the migration does)",
                                 d->verb);
    for (const char *p = m; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t')
            return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                     "%s: the message must be one line "
                                     "without control characters",
                                     d->verb);
    while (*m == ' ' || *m == '\t')
        m++;
    end = m + strlen(m);
    while (end > m && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (end == m)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "%s: the message is empty", d->verb);
    d->message = strndup(m, (size_t)(end - m));
    return d->message ? STRATA_OK : strata__nomem(&x->err);
}

/* Lowercase ASCII letters and digits of msg, every other run of bytes
 * one '_', none at either end, at most SLUG_MAX characters; "" when
 * the message has no letter or digit. */
static char *slugify(const char *msg)
{
    char *s = malloc(SLUG_MAX + 1);
    size_t n = 0;
    int gap = 0;

    if (!s)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)msg;
         *p && n < SLUG_MAX; p++) {
        if (*p >= 0x80 || !isalnum(*p)) {
            gap = 1;
            continue;
        }
        if (gap && n) {
            /* No room for a separator and a character after it. */
            if (n + 1 >= SLUG_MAX)
                break;
            s[n++] = '_';
        }
        s[n++] = (char)tolower(*p);
        gap = 0;
    }
    s[n] = '\0';
    return s;
}

/* --- numbering --------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');

    return s ? s + 1 : path;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), so a timestamp can be stepped without timegm(),
 * which POSIX lacks. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    long long era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* The seconds since the epoch that a 14-digit YYYYMMDDHHMMSS stands for,
 * or -1 when the digits are not a plausible UTC time. */
static long long timestamp_value(unsigned long long v)
{
    unsigned sec = (unsigned)(v % 100), min = (unsigned)(v / 100 % 100);
    unsigned hour = (unsigned)(v / 10000 % 100);
    unsigned day = (unsigned)(v / 1000000 % 100);
    unsigned mon = (unsigned)(v / 100000000 % 100);
    unsigned long long year = v / 10000000000ULL;

    if (year < 1970 || year > 9999 || mon < 1 || mon > 12 || day < 1 ||
        day > 31 || hour > 23 || min > 59 || sec > 60)
        return -1;
    return days_from_civil((long long)year, mon, day) * 86400 +
           hour * 3600 + min * 60 + sec;
}

/* The prefix of the new file: the next sequence number after the highest
 * numeric prefix among the chain's file names, as wide as the widest
 * (so names keep sorting in order; SEQ_WIDTH when there is none), or
 * the current UTC time when the highest is a 14-digit timestamp (one
 * second past it when the clock is not ahead of it). */
static int next_prefix(strata_ctx *x, char *out, size_t size)
{
    unsigned long long max = 0;
    size_t width = 0, max_width = 0;
    int have = 0;

    for (size_t i = 0; i < x->chain.n; i++) {
        const char *name = base_name(x->chain.revs[i]->path);
        unsigned long long v = 0;
        size_t k = 0;

        while (isdigit((unsigned char)name[k]))
            k++;
        if (!k)
            continue;
        if (k > PREFIX_MAX)
            return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                     "%s: a numeric prefix of %zu digits; "
                                     "cannot number the next file after it",
                                     x->chain.revs[i]->path, k);
        for (size_t j = 0; j < k; j++)
            v = v * 10 + (unsigned long long)(name[j] - '0');
        if (!have || v > max || (v == max && k > max_width)) {
            max = v;
            max_width = k;
        }
        if (k > width)
            width = k;
        have = 1;
    }
    if (have && max_width == TS_WIDTH && timestamp_value(max) >= 0) {
        long long last = timestamp_value(max);
        time_t now = time(NULL);
        struct tm tm;

        if ((long long)now <= last)
            now = (time_t)(last + 1);
        if (!gmtime_r(&now, &tm) ||
            strftime(out, size, "%Y%m%d%H%M%S", &tm) != TS_WIDTH)
            return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                     "cannot format the current time as a "
                                     "file name prefix");
        return STRATA_OK;
    }
    if (!have)
        width = SEQ_WIDTH;
    snprintf(out, size, "%0*llu", (int)width, have ? max + 1 : 1ULL);
    return STRATA_OK;
}

/* --- the file ---------------------------------------------------------- */

static int compose(const strata_graph *g, const draft *d, strata_buf *b)
{
    int oom = strata__buf_printf(b, "-- revision: %s\n", d->id);

    if (d->nparents) {
        oom |= strata__buf_puts(b, "-- revises: ");
        for (size_t i = 0; i < d->nparents; i++)
            oom |= strata__buf_printf(
                b, "%s%s", i ? ", " : "",
                strata__graph_rev(g, d->parents[i])->id);
        oom |= strata__buf_puts(b, "\n");
    }
    oom |= strata__buf_printf(b, "-- message: %s\n", d->message);
    if (d->branch)
        oom |= strata__buf_printf(b, "-- branch: %s\n", d->branch);
    if (d->merge) {
        /* No directive: a merge has no body (docs/design.md §2). */
        oom |= strata__buf_puts(
            b, "--\n"
               "-- A merge migration joins the branches it revises into one\n"
               "-- head; it runs nothing, on upgrade or on downgrade.\n");
        return oom;
    }
    if (d->body.data) {
        oom |= strata__buf_printf(
            b, "--\n"
               "-- Written by 'strata revision --autogenerate': what the\n"
               "-- chain builds at its parent, changed into %s.\n"
               "-- Read it before applying it, above all the drops and the\n"
               "-- '-- review:' lines.\n"
               "\n%s",
            d->target, d->body.data);
        return oom;
    }
    oom |= strata__buf_puts(
        b, "\n"
           "-- +up\n"
           "-- Statements run by 'strata upgrade', in order: portable DDL\n"
           "-- or raw SQL; a section for some dialects only starts with a\n"
           "-- directive such as '-- +up postgres'.\n"
           "\n"
           "-- No '-- +down' section: 'strata downgrade' derives the undo\n"
           "-- of the portable statements above, and refuses (before\n"
           "-- running anything) when one cannot be derived.  To write the\n"
           "-- undo yourself, add a line '-- +down' followed by its\n"
           "-- statements; an empty '-- +down' undoes nothing on purpose.\n");
    return oom;
}

/* Parse the text as the next load will, and build the graph with it
 * added: a duplicate id or label, or a message that is not UTF-8, is
 * refused before the file exists. */
static int validate(strata_ctx *x, const draft *d, const strata_buf *b)
{
    strata_revision *r = NULL, **all;
    strata_graph *g = NULL;
    int rc;

    rc = strata__migration_parse(&r, d->path, b->data, b->len, &x->err);
    if (rc != STRATA_OK)
        return strata__error_prefix(&x->err, "%s: the new file would not "
                                             "load: ", d->verb);
    all = malloc((x->chain.n + 1) * sizeof *all);
    if (!all) {
        strata__migration_free(r);
        return strata__nomem(&x->err);
    }
    if (x->chain.n)
        memcpy(all, x->chain.revs, x->chain.n * sizeof *all);
    all[x->chain.n] = r;
    rc = strata__graph_build(&g, all, x->chain.n + 1, &x->err);
    if (rc != STRATA_OK)
        strata__error_prefix(&x->err, "%s: ", d->verb);
    strata__graph_free(g);
    free(all);
    strata__migration_free(r);
    return rc;
}

static int report(strata_ctx *x, const draft *d, size_t changes)
{
    json_t *doc;

    if (!x->cli->json) {
        /* Only the path, so that "$EDITOR $(strata revision -m ..)"
         * works. */
        if (d->path)
            strata__print("%s\n", d->path);
        return STRATA_OK;
    }
    doc = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "command",
                    strata__json_text(d->verb), "path",
                    strata__json_text(d->path), "revision",
                    strata__json_text(d->id), "parents",
                    strata__ctx_ids_json(x->chain.graph, d->parents,
                                         d->nparents),
                    "message", strata__json_text(d->message), "branch",
                    strata__json_text(d->branch));
    if (doc && x->cli->autogenerate &&
        json_object_set_new(doc, "changes",
                            json_integer((json_int_t)changes)) != 0) {
        json_decref(doc);
        doc = NULL;
    }
    return strata__ctx_print_json(x, doc, 0);
}

/* Name, check and write the draft's file, then print where it went. */
static int write_draft(strata_ctx *x, draft *d)
{
    char prefix[32];
    char *slug;
    strata_buf b = {0};
    long same;
    int rc = next_prefix(x, prefix, sizeof prefix);

    if (rc != STRATA_OK)
        return rc;
    if (!(slug = slugify(d->message)))
        return strata__nomem(&x->err);
    d->id = strata__sprintf("%s_%s", prefix,
                            *slug ? slug : d->merge ? "merge" : "migration");
    free(slug);
    if (!d->id)
        return strata__nomem(&x->err);
    if (!strata__revision_id_valid(d->id))
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "%s: '%s' is not a valid revision id (1-64 "
                                 "of A-Z a-z 0-9 _ . -)",
                                 d->verb, d->id);
    if ((same = strata__graph_find(x->chain.graph, d->id)) >= 0)
        return strata__error_set(
            &x->err, STRATA_ERR_EXISTS,
            "%s: revision '%s' already exists (%s)", d->verb, d->id,
            strata__graph_rev(x->chain.graph, (size_t)same)->path);
    if (!(d->path = strata__sprintf("%s/%s.sql", x->chain.dir, d->id)))
        return strata__nomem(&x->err);
    if (compose(x->chain.graph, d, &b) != STRATA_OK || !b.data) {
        strata__buf_free(&b);
        return strata__nomem(&x->err);
    }
    rc = validate(x, d, &b);
    if (rc == STRATA_OK)
        rc = strata__file_create(d->path, b.data, b.len, &x->err);
    strata__buf_free(&b);
    if (rc == STRATA_OK)
        rc = report(x, d, d->changes);
    return rc;
}

/* --- revision ---------------------------------------------------------- */

/* Ids and files of revs, "a (f.sql), b (g.sql)", for messages. */
static char *list_revs(const strata_graph *g, const size_t *revs, size_t n)
{
    strata_buf b = {0};
    int oom = 0;

    for (size_t i = 0; i < n; i++) {
        const strata_revision *r = strata__graph_rev(g, revs[i]);

        oom |= strata__buf_printf(&b, "%s%s (%s)", i ? ", " : "", r->id,
                                  r->path);
    }
    if (oom) {
        strata__buf_free(&b);
        return NULL;
    }
    return strata__buf_take(&b);
}

static int is_head(const strata_graph *g, size_t idx)
{
    size_t n;
    const size_t *heads = strata__graph_heads(g, &n);

    for (size_t i = 0; i < n; i++)
        if (heads[i] == idx)
            return 1;
    return 0;
}

/* The parent: --head's revision, else the one head (none: a root). */
static int pick_parent(strata_ctx *x, draft *d)
{
    const strata_graph *g = x->chain.graph;
    strata_target t = {0};
    size_t nheads;
    const size_t *heads = strata__graph_heads(g, &nheads);
    int rc;

    if (!x->cli->head) {
        char *names;

        if (nheads <= 1) {
            d->parents = malloc(sizeof *d->parents);
            if (!d->parents)
                return strata__nomem(&x->err);
            d->nparents = nheads;
            if (nheads)
                d->parents[0] = heads[0];
            return STRATA_OK;
        }
        if (!(names = list_revs(g, heads, nheads)))
            return strata__nomem(&x->err);
        rc = strata__error_set(&x->err, STRATA_ERR_INVALID,
                               "revision: the chain has %zu heads: %s; pick "
                               "the parent with --head REV, or join them "
                               "first with 'strata merge -m MSG heads'",
                               nheads, names);
        free(names);
        return rc;
    }
    rc = strata__graph_resolve(g, x->cli->head, STRATA_UP, NULL, &t,
                               &x->err);
    if (rc != STRATA_OK)
        return strata__error_prefix(&x->err, "revision: --head: ");
    if (t.nrevs > 1) {
        char *names = list_revs(g, t.revs, t.nrevs);

        rc = names ? strata__error_set(&x->err, STRATA_ERR_INVALID,
                                       "revision: --head '%s' names %zu "
                                       "revisions: %s; name one",
                                       x->cli->head, t.nrevs, names)
                   : strata__nomem(&x->err);
        free(names);
        strata__target_free(&t);
        return rc;
    }
    /* "--head base": a new root, as for a chain of its own. */
    d->parents = malloc(sizeof *d->parents);
    if (!d->parents) {
        strata__target_free(&t);
        return strata__nomem(&x->err);
    }
    d->nparents = t.nrevs;
    if (t.nrevs) {
        d->parents[0] = t.revs[0];
        if (!is_head(g, t.revs[0]))
            strata__warn("'%s' is not a head: the new revision starts a "
                         "second branch from it (see 'strata branches')",
                         strata__graph_rev(g, t.revs[0])->id);
    }
    strata__target_free(&t);
    return STRATA_OK;
}

/* --- revision --autogenerate ------------------------------------------- */

/* The target's driver, asked how it declares a type. */
typedef struct probe {
    const strata_driver *drv;
    strata_conn *conn;
} probe;

/* The declaration the driver renders for a column of type in a generic
 * section's operation of kind (CREATE TABLE, ADD COLUMN, ALTER TYPE;
 * its table holding that one column, of type text before an ALTER
 * TYPE): the text after the column's name, in the first statement that
 * names it with a type, up to the next ',' or ')' outside parentheses
 * ("VARCHAR(9)", "int NOT NULL AUTO_INCREMENT").  NULL when there is
 * nothing to tell by, or out of memory. */
static char *rendered(const probe *p, int kind, const char *type)
{
    static char table[] = "strata_probe", name[] = "strata_probe_column",
                text[] = "text";
    strata_column col = {.name = name, .type = (char *)type},
                  was = {.name = name, .type = text};
    strata_op op = {.kind = kind, .table = table, .name = name};
    strata_table cat = {.name = table};
    strata_sql_list out = {0};
    char *decl = NULL;

    if (kind == STRATA_OP_ALTER_TYPE) {
        op.type = (char *)type;
        cat.exists = 1;
        cat.columns = &was;
        cat.ncolumns = 1;
    } else {
        op.columns = &col;
        op.ncolumns = 1;
        if (kind == STRATA_OP_ADD_COLUMN) {
            cat.exists = 1;
            cat.columns = &was;
            cat.ncolumns = 1;
            was.name = text; /* another column */
        }
    }
    if (p->drv && p->drv->render &&
        p->drv->render(p->conn, &op, 1, &cat, &out) == STRATA_OK)
        for (size_t i = 0; i < out.count && !decl; i++) {
            const char *at = strstr(out.items[i].sql, name);
            size_t n = 0;
            int depth = 0;

            if (!at)
                continue;
            at += strlen(name);
            at += *at == '"' || *at == '`';
            if (*at != ' ')
                continue;
            at += strspn(at, " ");
            for (; at[n] && (depth || (at[n] != ',' && at[n] != ')')); n++)
                depth += (at[n] == '(') - (at[n] == ')');
            while (n && at[n - 1] == ' ')
                n--;
            decl = strndup(at, n);
        }
    strata_abi_sql_list_free(strata__host(), &out);
    return decl;
}

/* 1 when the driver declares type as written in an operation of kind. */
static int type_kept(void *payload, int kind, const char *type)
{
    char *decl = rendered(payload, kind, type);
    size_t n = strlen(type);
    int kept = !decl || (strncmp(decl, type, n) == 0 &&
                         (decl[n] == '\0' || decl[n] == ' '));

    free(decl);
    return kept;
}

/* 1 when the driver declares type as exactly engine. */
static int declares(void *payload, int kind, const char *type,
                    const char *engine)
{
    char *decl = rendered(payload, kind, type);
    size_t n = strlen(engine);
    int same = decl && strncmp(decl, engine, n) == 0 &&
               (decl[n] == '\0' || decl[n] == ' ');

    free(decl);
    return same;
}

/* How the driver declares a serial column, when not as serial. */
static char *serial_decl(void *payload, const char *s)
{
    char *decl = rendered(payload, STRATA_OP_CREATE_TABLE, s);

    if (decl && strcmp(decl, s) == 0) {
        free(decl);
        decl = NULL;
    }
    return decl;
}

/* 1 when the driver holds a and b as one type family. */
static int same_family(void *payload, const char *a, const char *b)
{
    const probe *p = payload;
    strata_compare cmp = {p->drv, p->conn, NULL};
    int eq = 0;

    return p->drv && p->drv->type_family &&
           strata__type_eq(&cmp, a, b, &eq) == STRATA_OK && eq;
}

/* The known dialects but d (those this build ships and those installed
 * in the driver search path), comma separated; NULL out of memory. */
static char *other_dialects(strata_ctx *x, const char *d)
{
    char **names = NULL;
    size_t n = 0;
    strata_buf b = {0};
    int oom = strata__buf_puts(&b, "");

    if (strata__loader_dialects(&names, &n, x->chain.dpath, &x->err) !=
        STRATA_OK)
        oom = 1;
    for (size_t i = 0; i < n && !oom; i++)
        if (!d || strcmp(names[i], d) != 0)
            oom = strata__buf_printf(&b, "%s%s", b.len ? "," : "",
                                     names[i]) != STRATA_OK;
    strata__strings_free(names, n);
    if (oom) {
        strata__buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* d->body: the +up from what the chain builds at d's parent (nothing
 * for a first revision) to the target, and, when strata could not
 * derive its undo, the +down the other way (docs/design.md §9.13). */
static int autogenerate(strata_ctx *x, draft *d)
{
    const char *against = x->cli->against;
    const char *rev =
        d->nparents ? strata__graph_rev(x->chain.graph, d->parents[0])->id
                    : NULL;
    strata_schema head = {0}, target = {0};
    strata_autogen up = {0}, down = {0};
    strata_autogen_opts o = {"up",      NULL,        type_kept, same_family,
                             serial_decl, declares, NULL};
    probe p = {0};
    char *others = NULL;
    int rc;

    d->target = against ? against : "the configured database";
    rc = against ? strata__schema_operand(x, against, &target)
                 : strata__live_schema(x, &target);
    if (rc == STRATA_OK && rev)
        rc = strata__chain_built(x, target.dialect, rev, &head);
    if (rc == STRATA_OK &&
        strata__chain_driver(&x->chain, target.dialect, &p.drv, &p.conn) !=
            STRATA_OK)
        p.drv = NULL; /* no driver to ask: types as the catalog says */
    if (rc == STRATA_OK && !(others = other_dialects(x, target.dialect)))
        rc = strata__nomem(&x->err);
    o.others = others;
    o.payload = &p;
    if (rc == STRATA_OK && strata__autogen(&head, &target, &o, &up))
        rc = strata__nomem(&x->err);
    o.dir = "down";
    if (rc == STRATA_OK && up.underivable &&
        strata__autogen(&target, &head, &o, &down))
        rc = strata__nomem(&x->err);
    free(others);
    if (rc == STRATA_OK && up.nchanges) {
        d->body = up.text;
        memset(&up.text, 0, sizeof up.text);
        d->changes = up.nchanges;
        if (strata__buf_printf(
                &d->body, "\n%s",
                up.underivable
                    ? down.text.data
                    : "-- No '-- +down': 'strata downgrade' derives the "
                      "undo of the\n-- portable statements above.\n"))
            rc = strata__nomem(&x->err);
    }
    strata__autogen_free(&up);
    strata__autogen_free(&down);
    strata__schema_free(&head);
    strata__schema_free(&target);
    return rc;
}

static int check_branch(strata_ctx *x, const char *label)
{
    const strata_graph *g = x->chain.graph;
    size_t n = strata__graph_count(g);

    if (!strata__revision_id_valid(label))
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "revision: invalid branch label '%s' (use "
                                 "1-64 of A-Z a-z 0-9 _ . -; base, head and "
                                 "heads are reserved)",
                                 label);
    for (size_t i = 0; i < n; i++) {
        const strata_revision *r = strata__graph_rev(g, i);

        if (r->branch && strcmp(r->branch, label) == 0)
            return strata__error_set(&x->err, STRATA_ERR_EXISTS,
                                     "revision: branch label '%s' is already "
                                     "used by revision '%s' (%s:%u)",
                                     label, r->id, r->path, r->branch_line);
    }
    return STRATA_OK;
}

int strata__cmd_revision(strata_ctx *x)
{
    draft d = {.verb = "revision", .branch = x->cli->branch};
    char *made = NULL;
    struct stat st;
    int rc = take_message(x, &d);

    if (rc == STRATA_OK)
        rc = strata__ctx_config(x);
    /* A first revision creates the migrations directory, as dbmate's
     * `new` does; a refusal removes it again. */
    if (rc == STRATA_OK && stat(x->cfg.migrations, &st) != 0 &&
        errno == ENOENT)
        rc = strata__dir_create(x->cfg.migrations, &made, &x->err);
    if (rc == STRATA_OK)
        rc = strata__ctx_chain(x);
    if (rc == STRATA_OK && d.branch)
        rc = check_branch(x, d.branch);
    if (rc == STRATA_OK && x->cli->against && !x->cli->autogenerate)
        rc = strata__error_set(&x->err, STRATA_ERR_INVALID,
                               "revision: --against goes with "
                               "--autogenerate");
    if (rc == STRATA_OK)
        rc = pick_parent(x, &d);
    if (rc == STRATA_OK && x->cli->autogenerate)
        rc = autogenerate(x, &d);
    if (rc == STRATA_OK && x->cli->autogenerate && !d.changes) {
        /* Nothing to write: exit 0, as "no changes" is an answer. */
        strata__errout("revision: no changes: what the chain builds is "
                       "%s's schema",
                       d.target);
        rc = report(x, &d, 0);
    } else if (rc == STRATA_OK) {
        rc = write_draft(x, &d);
    }
    if (rc != STRATA_OK || !d.path)
        strata__dir_undo(x->cfg.migrations, made);
    else
        free(made);
    draft_free(&d);
    return rc;
}

/* --- merge ------------------------------------------------------------- */

static int cmp_id(const void *a, const void *b, const strata_graph *g)
{
    return strcmp(strata__graph_rev(g, *(const size_t *)a)->id,
                  strata__graph_rev(g, *(const size_t *)b)->id);
}

/* Insertion sort by id: a target names few revisions, and qsort has no
 * payload argument for the graph. */
static void sort_ids(const strata_graph *g, size_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && cmp_id(&v[j - 1], &v[j], g) > 0; j--) {
            size_t t = v[j];

            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

/* Every argument resolved, in the order given (a target naming several
 * revisions, like "heads", adds them by id); duplicates once. */
static int collect_parents(strata_ctx *x, draft *d)
{
    const strata_graph *g = x->chain.graph;
    size_t n = strata__graph_count(g);
    unsigned char *seen = calloc(n ? n : 1, 1);
    int rc = STRATA_OK;

    d->parents = malloc((n ? n : 1) * sizeof *d->parents);
    if (!seen || !d->parents) {
        free(seen);
        return strata__nomem(&x->err);
    }
    for (size_t a = 0; a < x->cli->nargs && rc == STRATA_OK; a++) {
        strata_target t = {0};

        rc = strata__graph_resolve(g, x->cli->args[a], STRATA_UP, NULL, &t,
                                   &x->err);
        if (rc != STRATA_OK) {
            strata__error_prefix(&x->err, "merge: ");
            break;
        }
        if (t.is_base)
            rc = strata__error_set(&x->err, STRATA_ERR_INVALID,
                                   "merge: 'base' is not a revision; name "
                                   "the revisions to merge");
        sort_ids(g, t.revs, t.nrevs);
        for (size_t i = 0; i < t.nrevs && rc == STRATA_OK; i++)
            if (!seen[t.revs[i]]) {
                seen[t.revs[i]] = 1;
                d->parents[d->nparents++] = t.revs[i];
            }
        strata__target_free(&t);
    }
    free(seen);
    if (rc != STRATA_OK)
        return rc;
    if (d->nparents < 2) {
        const char *one = d->nparents
                              ? strata__graph_rev(g, d->parents[0])->id
                              : "";

        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "merge: needs at least two distinct "
                                 "revisions, but the arguments name only "
                                 "'%s'%s",
                                 one,
                                 x->cli->nargs == 1 &&
                                         strcmp(x->cli->args[0], "heads") == 0
                                     ? " (the chain has one head: nothing "
                                       "to merge)"
                                     : "");
    }
    return STRATA_OK;
}

/* A revision merged with its own ancestor joins nothing: the ancestor
 * is already below it. */
static int check_ancestry(strata_ctx *x, const draft *d)
{
    const strata_graph *g = x->chain.graph;
    size_t n = strata__graph_count(g);
    unsigned char *anc = malloc(n ? n : 1);
    int rc = STRATA_OK;

    if (!anc)
        return strata__nomem(&x->err);
    for (size_t i = 0; i < d->nparents && rc == STRATA_OK; i++) {
        memset(anc, 0, n ? n : 1);
        strata__graph_ancestors(g, d->parents[i], anc);
        for (size_t j = 0; j < d->nparents && rc == STRATA_OK; j++) {
            const strata_revision *a = strata__graph_rev(g, d->parents[j]);
            const strata_revision *r = strata__graph_rev(g, d->parents[i]);

            if (j != i && anc[d->parents[j]])
                rc = strata__error_set(
                    &x->err, STRATA_ERR_INVALID,
                    "merge: '%s' (%s) is an ancestor of '%s' (%s): merging "
                    "a revision with its own ancestor joins nothing; name "
                    "the heads of the branches instead",
                    a->id, a->path, r->id, r->path);
        }
    }
    free(anc);
    return rc;
}

int strata__cmd_merge(strata_ctx *x)
{
    draft d = {.verb = "merge", .merge = 1};
    int rc = take_message(x, &d);

    if (rc == STRATA_OK)
        rc = strata__ctx_chain(x);
    if (rc == STRATA_OK)
        rc = collect_parents(x, &d);
    if (rc == STRATA_OK)
        rc = check_ancestry(x, &d);
    if (rc == STRATA_OK)
        rc = write_draft(x, &d);
    draft_free(&d);
    return rc;
}
