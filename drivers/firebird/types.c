/* types.c - portable types as Firebird 3 declares them
 * (docs/dialects.md §11) and the type family the core compares: the
 * canonical Firebird spelling, so a portable type and the live type it
 * became are one family (json and text are both BLOB SUB_TYPE TEXT). */
#include <string.h>
#include <strings.h>

#include "fb.h"
#include "../common/conn.h"
#include "../common/text.h"

/* Portable spellings (base word, folded) and Firebird's.  keep: the
 * modifier "(n)" or "(p,s)" written goes along. */
static const struct {
    const char *from, *to;
    int keep;
} map[] = {
    {"serial", "INTEGER", 0},        {"serial4", "INTEGER", 0},
    {"bigserial", "BIGINT", 0},      {"serial8", "BIGINT", 0},
    {"smallserial", "SMALLINT", 0},  {"serial2", "SMALLINT", 0},
    {"int", "INTEGER", 0},           {"integer", "INTEGER", 0},
    {"int4", "INTEGER", 0},          {"mediumint", "INTEGER", 0},
    {"bigint", "BIGINT", 0},         {"int8", "BIGINT", 0},
    {"smallint", "SMALLINT", 0},     {"int2", "SMALLINT", 0},
    {"tinyint", "SMALLINT", 0},
    {"real", "FLOAT", 0},            {"float4", "FLOAT", 0},
    {"float", "DOUBLE PRECISION", 0}, {"float8", "DOUBLE PRECISION", 0},
    {"double", "DOUBLE PRECISION", 0},
    {"double precision", "DOUBLE PRECISION", 0},
    {"numeric", "NUMERIC", 1},       {"decimal", "DECIMAL", 1},
    {"boolean", "BOOLEAN", 0},       {"bool", "BOOLEAN", 0},
    {"text", "BLOB SUB_TYPE TEXT", 0}, {"clob", "BLOB SUB_TYPE TEXT", 0},
    {"json", "BLOB SUB_TYPE TEXT", 0}, {"jsonb", "BLOB SUB_TYPE TEXT", 0},
    {"longtext", "BLOB SUB_TYPE TEXT", 0},
    {"blob sub_type text", "BLOB SUB_TYPE TEXT", 0},
    {"blob sub_type 1", "BLOB SUB_TYPE TEXT", 0},
    {"varchar", "VARCHAR", 1},       {"character varying", "VARCHAR", 1},
    {"char", "CHAR", 1},             {"character", "CHAR", 1},
    {"timestamptz", "TIMESTAMP", 0},
    {"timestamp with time zone", "TIMESTAMP", 0},
    {"timestamp without time zone", "TIMESTAMP", 0},
    {"timestamp", "TIMESTAMP", 0},   {"datetime", "TIMESTAMP", 0},
    {"date", "DATE", 0},             {"time", "TIME", 0},
    {"bytea", "BLOB SUB_TYPE BINARY", 0}, {"blob", "BLOB SUB_TYPE BINARY", 0},
    {"blob sub_type binary", "BLOB SUB_TYPE BINARY", 0},
    {"blob sub_type 0", "BLOB SUB_TYPE BINARY", 0},
    {"uuid", "CHAR(36)", 0},
};

/* type folded: lower case, blanks collapsed, none next to ( , ). */
static int fold(const char *type, char *out, size_t cap)
{
    size_t o = 0;
    int gap = 0;

    for (const char *p = type ? type : ""; *p; p++) {
        if (drv_is_blank(*p)) {
            gap = 1;
            continue;
        }
        if (o + 3 >= cap)
            return -1;
        if (gap && o && !strchr("(),", *p) && !strchr("(,", out[o - 1]))
            out[o++] = ' ';
        gap = 0;
        out[o++] = *p >= 'A' && *p <= 'Z' ? (char)(*p | 0x20) : *p;
    }
    out[o] = '\0';
    return 0;
}

int fb_type_serial(const char *type)
{
    char t[64];

    if (fold(type, t, sizeof t))
        return 0;
    return !strcmp(t, "serial") || !strcmp(t, "bigserial") ||
           !strcmp(t, "smallserial") || !strcmp(t, "serial4") ||
           !strcmp(t, "serial8") || !strcmp(t, "serial2");
}

int fb_put_type(strata_buf *b, const char *type)
{
    char t[256], base[256];
    const char *mod;
    size_t nb;

    if (fold(type, t, sizeof t))
        return fb_host->buf_printf(b, "%s", type);
    mod = strchr(t, '(');
    nb = mod ? (size_t)(mod - t) : strlen(t);
    while (nb > 0 && t[nb - 1] == ' ')
        nb--;
    memcpy(base, t, nb);
    base[nb] = '\0';
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(base, map[i].from)) {
            /* varchar needs a length in Firebird: the longest UTF8 one */
            if (!strcmp(map[i].to, "VARCHAR") && !mod)
                return fb_host->buf_printf(b, "VARCHAR(8191)");
            return fb_host->buf_printf(b, "%s%s", map[i].to,
                                       map[i].keep && mod ? mod : "");
        }
    /* anything else is the engine's own type, as written */
    return fb_host->buf_printf(b, "%s", type);
}

int fb_type_family(strata_conn *c, const char *type, strata_buf *out)
{
    strata_buf b = {0};
    char t[256];
    int rc;

    if (!type || !out)
        return c->host->error(c, STRATA_ERR_INVALID, NULL,
                              "type_family: no type or no buffer");
    if ((rc = fb_put_type(&b, type)) != STRATA_OK)
        return drv_nomem(c);
    if (fold(b.data, t, sizeof t)) {
        fb_host->buf_free(&b);
        return fb_host->buf_printf(out, "%s", type) ? drv_nomem(c)
                                                    : STRATA_OK;
    }
    fb_host->buf_free(&b);
    return fb_host->buf_printf(out, "%s", t) ? drv_nomem(c) : STRATA_OK;
}
