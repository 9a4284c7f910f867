/* types.c - portable types as PostgreSQL declares them (docs/dialects.md §9)
 * and the type family the core compares.  The family is one canonical
 * spelling per type: PostgreSQL's aliases unified (int4 = integer,
 * character varying = varchar, timestamp with time zone = timestamptz)
 * and modifiers kept, so that format_type() output and a portable type
 * compare, while varchar(20) and varchar(40) stay apart. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pg.h"
#include "../common/text.h"

/* Portable names PostgreSQL lacks; every other one (serial, json,
 * jsonb ...) is PostgreSQL's own and runs as written. */
static const struct {
    const char *name;
    const char *pg;
} portable[] = {
    {"blob", "bytea"},
    {"double", "double precision"},
};

/* The serial pseudo-types: a sequence default, filled in on ADD COLUMN. */
static const char *const serials[] = {"serial",  "bigserial", "smallserial",
                                      "serial4", "serial8",   "serial2"};

static int is_word(const char *type, size_t n, const char *w)
{
    return n == strlen(w) && strncasecmp(type, w, n) == 0;
}

const char *pg_type_map(const char *type, int written, size_t *len,
                        int *serial)
{
    size_t n;

    *serial = 0;
    type = drv_trim(type, &n);
    for (size_t i = 0; i < sizeof serials / sizeof serials[0]; i++)
        *serial |= is_word(type, n, serials[i]);
    for (size_t i = 0; !written && i < sizeof portable / sizeof portable[0];
         i++)
        if (is_word(type, n, portable[i].name)) {
            *len = strlen(portable[i].pg);
            return portable[i].pg;
        }
    *len = n;
    return type;
}

/* ---- the family --------------------------------------------------------- */

/* type folded: lowercase outside double quotes, blanks collapsed to one
 * space and dropped next to ( ) , [ ] -- "Numeric( 10, 2 )" becomes
 * "numeric(10,2)".  Host memory. */
static char *fold(const char *type, size_t n)
{
    char *out = pg_host->alloc(n + 1);
    size_t o = 0;
    int quoted = 0, gap = 0;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char ch = type[i];

        if (ch == '"')
            quoted = !quoted;
        if (!quoted && drv_is_blank(ch)) {
            gap = 1;
            continue;
        }
        if (gap && o && !strchr("(),[]", ch) && !strchr("(,[", out[o - 1]))
            out[o++] = ' ';
        gap = 0;
        out[o++] = !quoted && ch >= 'A' && ch <= 'Z' ? (char)(ch | 0x20)
                                                     : ch;
    }
    out[o] = '\0';
    return out;
}

/* Canonical names of the base words (before any modifier). */
static const struct {
    const char *alias;
    const char *canon;
} aliases[] = {
    {"int", "integer"},           {"int4", "integer"},
    {"serial", "integer"},        {"serial4", "integer"},
    {"int8", "bigint"},           {"bigserial", "bigint"},
    {"serial8", "bigint"},        {"int2", "smallint"},
    {"smallserial", "smallint"},  {"serial2", "smallint"},
    {"character varying", "varchar"}, {"character", "char"},
    {"bpchar", "char"},           {"bool", "boolean"},
    {"float8", "double precision"}, {"double", "double precision"},
    {"float4", "real"},           {"decimal", "numeric"},
    {"timestamp with time zone", "timestamptz"},
    {"timestamp without time zone", "timestamp"},
    {"time with time zone", "timetz"},
    {"time without time zone", "time"},
    {"blob", "bytea"},
    {"bit varying", "varbit"},
};

/* Append to out the family of folded type t. */
static int family(const char *t, strata_buf *out)
{
    /* Split t into base words, "(modifier)", more words (the "with
     * time zone" of timestamp(3) with time zone) and "[]" suffixes. */
    const char *mod = strchr(t, '('), *arr = NULL, *base_end, *rest = "";
    size_t nbase, nmod = 0;
    char base[64];
    const char *canon;

    for (const char *p = t; *p; p++)
        if (*p == '"') {
            p = strchr(p + 1, '"');
            if (!p)
                break;
        } else if (*p == '[' && !arr) {
            arr = p;
        }
    if (mod && arr && arr < mod)
        mod = NULL;
    base_end = mod ? mod : arr ? arr : t + strlen(t);
    if (mod) {
        const char *close = strchr(mod, ')');

        if (!close)
            return pg_host->buf_append(out, t, strlen(t));
        nmod = (size_t)(close + 1 - mod);
        rest = close + 1;
        if (*rest == ' ')
            rest++;
    }
    nbase = (size_t)(base_end - t);
    while (nbase && t[nbase - 1] == ' ')
        nbase--;
    /* "timestamp(3) with time zone": the words after the modifier
     * belong to the base name. */
    if (nbase + 1 + strlen(rest) >= sizeof base || strchr(t, '"'))
        return pg_host->buf_append(out, t, strlen(t));
    memcpy(base, t, nbase);
    base[nbase] = '\0';
    if (*rest && *rest != '[') {
        size_t nr = strcspn(rest, "[");

        base[nbase] = ' ';
        memcpy(base + nbase + 1, rest, nr);
        base[nbase + 1 + nr] = '\0';
        while (nr && base[nbase + nr] == ' ')
            base[nbase + nr--] = '\0';
        rest += strcspn(rest, "[");
    }
    if (!arr)
        arr = *rest == '[' ? rest : "";
    canon = base;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(base, aliases[i].alias) == 0) {
            canon = aliases[i].canon;
            break;
        }
    if (strcmp(canon, "float") == 0) {
        /* float(p): real up to 24 binary digits, else double. */
        long p = nmod ? strtol(mod + 1, NULL, 10) : 53;

        canon = p >= 1 && p <= 24 ? "real" : "double precision";
        nmod = 0;
    }
    if (pg_host->buf_append(out, canon, strlen(canon)))
        return STRATA_ERR_NOMEM;
    if (nmod && strcmp(canon, "numeric") == 0 && !memchr(mod, ',', nmod)) {
        /* numeric(p) is numeric(p,0), as format_type() prints it. */
        if (pg_host->buf_append(out, mod, nmod - 1) ||
            pg_host->buf_append(out, ",0)", 3))
            return STRATA_ERR_NOMEM;
    } else if (nmod) {
        if (pg_host->buf_append(out, mod, nmod))
            return STRATA_ERR_NOMEM;
    } else if (strcmp(canon, "char") == 0 && strcmp(base, "bpchar") != 0) {
        /* char alone is char(1); bpchar alone has no limit. */
        if (pg_host->buf_append(out, "(1)", 3))
            return STRATA_ERR_NOMEM;
    }
    return pg_host->buf_append(out, arr, strlen(arr));
}

int pg_type_family(strata_conn *c, const char *type, strata_buf *out)
{
    const char *t;
    size_t n;
    int serial, rc;
    char *f;

    if (!out)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "type_family: no output buffer");
    t = pg_type_map(type, 0, &n, &serial);
    f = fold(t, n);
    DRV_ALLOC_CHECK(f, c);
    rc = family(f, out);
    pg_host->free(f);
    return rc ? drv_nomem(c) : STRATA_OK;
}
