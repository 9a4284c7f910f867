/* types.c - portable types as MySQL/MariaDB declares them
 * (docs/dialects.md §9) and the type family the core compares: a type's
 * canonical MySQL spelling, since the server re-prints what it was given
 * (integer -> int(11), boolean -> tinyint(1), json -> longtext on MariaDB). */
#include <string.h>
#include <strings.h>

#include "my.h"
#include "../common/text.h"

/* A type cut into its parts: "timestamp(3) with time zone" is name
 * "timestamp", args "3", rest "with time zone"; "double precision" is
 * one name of two words.  Everything lowercase, blanks single. */
typedef struct tparts {
    char name[48];
    char args[64];  /* inside the parentheses, blanks dropped */
    char rest[64];
    int has_args;
    int ok;         /* it fit: otherwise the type passes through */
} tparts;

static void lower_into(char *dst, size_t size, const char *s, size_t n,
                       int *ok)
{
    size_t o = 0;
    int gap = 0;

    for (size_t i = 0; i < n; i++) {
        if (drv_is_blank(s[i])) {
            gap = o > 0;
            continue;
        }
        if (o + 2 >= size) {
            *ok = 0;
            break;
        }
        if (gap)
            dst[o++] = ' ';
        gap = 0;
        dst[o++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]);
    }
    dst[o] = '\0';
}

static void split_type(const char *type, tparts *t)
{
    const char *s, *open, *close;
    size_t n;

    memset(t, 0, sizeof *t);
    t->ok = 1;
    s = drv_trim(type, &n);
    /* quoted text (enum('a','b')) passes through as written */
    if (memchr(s, '\'', n) || memchr(s, '"', n) || memchr(s, '`', n)) {
        t->ok = 0;
        return;
    }
    open = memchr(s, '(', n);
    close = open ? memchr(open, ')', n - (size_t)(open - s)) : NULL;
    if (open && !close) {
        t->ok = 0;
        return;
    }
    lower_into(t->name, sizeof t->name, s,
               open ? (size_t)(open - s) : n, &t->ok);
    if (open) {
        size_t o = 0;

        t->has_args = 1;
        for (const char *p = open + 1; p < close; p++) {
            if (drv_is_blank(*p))
                continue;
            if (o + 1 >= sizeof t->args) {
                t->ok = 0;
                break;
            }
            t->args[o++] = *p;
        }
        t->args[o] = '\0';
        lower_into(t->rest, sizeof t->rest, close + 1,
                   n - (size_t)(close + 1 - s), &t->ok);
    }
}

static int name_is(const tparts *t, const char *w)
{
    return strcmp(t->name, w) == 0;
}

static int textual(const char *name)
{
    static const char *const text[] = {"char", "varchar", "text",
                                       "tinytext", "mediumtext", "longtext",
                                       "enum", "set", "character",
                                       "character varying", "nchar",
                                       "nvarchar"};

    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        if (strcmp(name, text[i]) == 0)
            return 1;
    return 0;
}

static int put(strata_buf *b, const char *s)
{
    return my_host->buf_append(b, s, strlen(s));
}

/* name(args) rest, args and rest only when present. */
static int emit(strata_buf *out, const char *name, const tparts *t,
                const char *dflt_args)
{
    const char *args = t->has_args ? t->args : dflt_args;
    int rc = put(out, name);

    if (!rc && args && *args)
        rc = my_host->buf_printf(out, "(%s)", args);
    if (!rc && t->rest[0])
        rc = my_host->buf_printf(out, " %s", t->rest);
    return rc;
}

int my_type_map(strata_buf *out, const char *type, int *flags)
{
    tparts t;
    const char *s = type ? type : "";
    size_t n;
    int f = 0;

    *flags = 0;
    split_type(type, &t);
    if (!t.ok)
        goto verbatim;
    if (name_is(&t, "text")) {
        *flags = MY_TYPE_TEXTUAL;
        return t.has_args ? emit(out, "text", &t, NULL) : put(out, "longtext");
    }
    if (name_is(&t, "character varying")) {
        *flags = MY_TYPE_TEXTUAL;
        return emit(out, "varchar", &t, NULL);
    }
    if (name_is(&t, "character")) {
        *flags = MY_TYPE_TEXTUAL;
        return emit(out, "char", &t, NULL);
    }
    if (name_is(&t, "integer"))
        return emit(out, "int", &t, NULL);
    if (name_is(&t, "serial") || name_is(&t, "bigserial") ||
        name_is(&t, "smallserial")) {
        *flags = MY_TYPE_SERIAL;
        return put(out, name_is(&t, "serial")      ? "int"
                        : name_is(&t, "bigserial") ? "bigint"
                                                   : "smallint");
    }
    if (name_is(&t, "boolean") || name_is(&t, "bool"))
        return put(out, "tinyint(1)");
    if (name_is(&t, "numeric"))
        return emit(out, "decimal", &t, NULL);
    if (name_is(&t, "real") && !t.has_args)
        return put(out, "float");
    if (name_is(&t, "double precision"))
        return emit(out, "double", &t, NULL);
    if (name_is(&t, "timestamptz") ||
        name_is(&t, "timestamp with time zone") ||
        (name_is(&t, "timestamp") &&
         strcmp(t.rest, "with time zone") == 0)) {
        *flags = MY_TYPE_UTC;
        return my_host->buf_printf(out, "datetime(%s)",
                                   t.has_args ? t.args : "6");
    }
    if (name_is(&t, "timestamp without time zone") ||
        (name_is(&t, "timestamp") &&
         (!t.rest[0] || strcmp(t.rest, "without time zone") == 0))) {
        *flags = MY_TYPE_LOCAL;
        return my_host->buf_printf(out, "datetime(%s)",
                                   t.has_args ? t.args : "6");
    }
    if ((name_is(&t, "json") || name_is(&t, "jsonb")) && !t.has_args)
        return put(out, "json");
    if (name_is(&t, "uuid") && !t.has_args) {
        *flags = MY_TYPE_TEXTUAL;
        return put(out, "char(36)");
    }
    if ((name_is(&t, "blob") || name_is(&t, "bytea")) && !t.has_args)
        return put(out, "longblob");
    f = textual(t.name) ? MY_TYPE_TEXTUAL : 0;
verbatim:
    /* any other type: as written, trimmed */
    s = drv_trim(s, &n);
    if (!t.ok && (strncasecmp(s, "enum", 4) == 0 ||
                  strncasecmp(s, "set", 3) == 0))
        f = MY_TYPE_TEXTUAL;
    *flags = f;
    return n ? my_host->buf_append(out, s, n) : STRATA_OK;
}

int my_type_canon(strata_buf *out, const char *type)
{
    static const char *const ints[] = {"tinyint", "smallint", "mediumint",
                                       "int", "integer", "bigint"};
    tparts t;
    const char *s = type ? type : "";
    size_t i, n;

    split_type(type, &t);
    if (!t.ok) {
        /* enum('a','B'): lowercase outside the quotes only */
        int rc = STRATA_OK;
        char q = 0;

        s = drv_trim(s, &n);
        for (i = 0; i < n && !rc; i++) {
            char ch = s[i];

            if (q) {
                if (ch == q)
                    q = 0;
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                q = ch;
            } else if (ch >= 'A' && ch <= 'Z') {
                ch = (char)(ch | 0x20);
            }
            rc = my_host->buf_append(out, &ch, 1);
        }
        return rc;
    }
    for (i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        if (!name_is(&t, ints[i]))
            continue;
        /* display widths mean nothing; tinyint(1) is the boolean */
        if (i == 0 && t.has_args && strcmp(t.args, "1") == 0)
            return emit(out, "tinyint", &t, NULL);
        t.has_args = 0;
        return emit(out, i == 4 ? "int" : ints[i], &t, NULL);
    }
    if (name_is(&t, "bool") || name_is(&t, "boolean"))
        return put(out, "tinyint(1)");
    if (name_is(&t, "decimal") || name_is(&t, "numeric") ||
        name_is(&t, "dec") || name_is(&t, "fixed")) {
        if (!t.has_args)
            return emit(out, "decimal", &t, "10,0");
        if (!strchr(t.args, ','))
            return my_host->buf_printf(out, "decimal(%s,0)%s%s", t.args,
                                       t.rest[0] ? " " : "", t.rest);
        return emit(out, "decimal", &t, NULL);
    }
    if ((name_is(&t, "datetime") || name_is(&t, "timestamp") ||
         name_is(&t, "time")) && t.has_args && strcmp(t.args, "0") == 0)
        t.has_args = 0;
    if ((name_is(&t, "char") || name_is(&t, "binary")) && !t.has_args)
        return emit(out, t.name, &t, "1");
    if (name_is(&t, "double precision") || name_is(&t, "real"))
        return emit(out, "double", &t, NULL);
    if (name_is(&t, "character varying"))
        return emit(out, "varchar", &t, NULL);
    return emit(out, t.name, &t, NULL);
}

int my_type_family(strata_conn *c, const char *type, strata_buf *out)
{
    strata_buf mapped = {0};
    int flags, rc;

    if (!out)
        return my_host->error(c, STRATA_ERR_INVALID, NULL,
                              "type_family: no output buffer");
    rc = my_type_map(&mapped, type, &flags);
    if (!rc)
        rc = my_type_canon(out, mapped.data ? mapped.data : "");
    my_host->buf_free(&mapped);
    return rc ? drv_nomem(c) : STRATA_OK;
}
