/* expr.c - quoting, and expressions between the two spellings strata
 * meets: the portable (standard SQL) text of migrations, where "x" is an
 * identifier and a backslash is just a character, and MySQL's, where
 * "x" is a string, `x` the identifier, and '\'' an escape.  CHECK
 * clauses, defaults and index expressions come back from the server
 * re-printed (MariaDB: `a` <> 1, lcase(`s`), 'it\'s'); they are turned
 * into standard SQL so the core compares them with what migrations say
 * and can parse a captured definition back (derived downgrades). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "my.h"
#include "../common/text.h"
#include "../common/quote.h"

/* ---- quoting ------------------------------------------------------------ */

static int put(strata_buf *b, const char *s, size_t n)
{
    return n ? my_host->buf_append(b, s, n) : STRATA_OK;
}

int my_qi(strata_buf *b, const char *name)
{
    return drv_quote(my_host, b, name, '`');
}

int my_ql(strata_buf *b, const char *s, int backslashes)
{
    if (put(b, "'", 1))
        return STRATA_ERR_NOMEM;
    for (const char *p = s ? s : ""; *p; p++)
        if (put(b, p, 1) ||
            ((*p == '\'' || (backslashes && *p == '\\')) && put(b, p, 1)))
            return STRATA_ERR_NOMEM;
    return put(b, "'", 1) ? STRATA_ERR_NOMEM : STRATA_OK;
}

/* ---- lexing ------------------------------------------------------------- */

static int is_word(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '$' ||
           (unsigned char)ch >= 0x80;
}

/* End of the quoted run opened at s[i] (quote q doubled inside; when
 * esc, a backslash escapes the next character); the end of s when it
 * never closes. */
static size_t quoted_end(const char *s, size_t i, int esc)
{
    char q = s[i];

    for (i++; s[i]; i++) {
        if (esc && s[i] == '\\' && s[i + 1]) {
            i++;
            continue;
        }
        if (s[i] == q) {
            if (s[i + 1] == q) {
                i++;
                continue;
            }
            return i + 1;
        }
    }
    return i;
}

/* ---- portable -> MySQL -------------------------------------------------- */

int my_expr_to_mysql(strata_buf *out, const char *expr, int backslashes)
{
    const char *s = expr ? expr : "";
    size_t i = 0, end, k;
    int rc = STRATA_OK;

    while (s[i] && rc == STRATA_OK) {
        if (s[i] == '\'') {
            /* standard: '' only; MySQL also reads \ as an escape */
            end = quoted_end(s, i, 0);
            for (k = i; k < end && rc == STRATA_OK; k++)
                rc = put(out, s + k, 1) ||
                     (backslashes && s[k] == '\\' && put(out, "\\", 1));
            i = end;
        } else if (s[i] == '"') {
            /* a quoted identifier: `...`, "" undoubled, ` doubled */
            end = quoted_end(s, i, 0);
            rc = put(out, "`", 1);
            for (k = i + 1; k + 1 < end && rc == STRATA_OK; k++) {
                if (s[k] == '"' && s[k + 1] == '"')
                    k++;
                rc = put(out, s + k, 1) ||
                     (s[k] == '`' && put(out, "`", 1));
            }
            if (rc == STRATA_OK)
                rc = put(out, "`", 1);
            i = end;
        } else if (s[i] == '`') {
            end = quoted_end(s, i, 0);
            rc = put(out, s + i, end - i);
            i = end;
        } else if (s[i] == '-' && s[i + 1] == '-') {
            /* MySQL needs a blank after "--" to see a comment */
            for (end = i; s[end] && s[end] != '\n'; end++)
                ;
            rc = put(out, "-- ", 3) || put(out, s + i + 2, end - i - 2);
            i = end;
        } else {
            rc = put(out, s + i, 1);
            i++;
        }
    }
    return rc ? STRATA_ERR_NOMEM : STRATA_OK;
}

/* ---- MySQL -> standard -------------------------------------------------- */

/* PostgreSQL's reserved words (the strictest engine; core/sql/op.c keeps
 * the same list) and the words strata's parser reads as keywords: an
 * identifier spelled as one of these stays quoted. */
static const char *const reserved[] = {
    "add", "all", "alter", "analyse", "analyze", "and", "any", "array",
    "as", "asc", "asymmetric", "authorization", "binary", "both", "by",
    "cascade", "case", "cast", "check", "collate", "collation", "column",
    "concurrently", "constraint", "create", "cross", "current_catalog",
    "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "data", "default", "deferrable",
    "delete", "desc", "distinct", "do", "drop", "else", "end", "except",
    "exclude", "exists", "false", "fetch", "for", "foreign", "freeze",
    "from", "full", "fulltext", "generated", "grant", "group", "having",
    "if", "ilike", "in", "index", "initially", "inner", "insert",
    "intersect", "into", "is", "isnull", "join", "key", "lateral",
    "leading", "left", "like", "limit", "localtime", "localtimestamp",
    "natural", "not", "notnull", "null", "offset", "on", "only", "or",
    "order", "outer", "overlaps", "period", "placing", "primary",
    "references", "rename", "restrict", "returning", "right", "select",
    "session_user", "set", "similar", "some", "spatial", "symmetric",
    "system_user", "table", "tablesample", "then", "to", "trailing",
    "true", "type", "union", "unique", "update", "user", "using",
    "values", "variadic", "verbose", "when", "where", "window", "with"};

static int is_reserved(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (strlen(reserved[i]) == n && memcmp(reserved[i], w, n) == 0)
            return 1;
    return 0;
}

/* Would name[0..n) read back as itself unquoted in standard SQL? */
static int plain_name(const char *name, size_t n)
{
    if (!n || (name[0] >= '0' && name[0] <= '9'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') ||
              (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
            return 0;
    return !is_reserved(name, n);
}

/* MySQL 8 prints CHECK_CLAUSE with its quotes escaped once more
 * (_utf8mb4\'x\'): a backslash outside any quotes says so. */
static int escaped_once_more(const char *s)
{
    for (size_t i = 0; s[i];) {
        if (s[i] == '\'' || s[i] == '"' || s[i] == '`') {
            i = quoted_end(s, i, s[i] != '`');
            continue;
        }
        if (s[i] == '\\' && (s[i + 1] == '\'' || s[i + 1] == '\\'))
            return 1;
        i++;
    }
    return 0;
}

static char *unescape_once(const char *s)
{
    size_t n = strlen(s), o = 0;
    char *r = my_host->alloc(n + 1);

    if (!r)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && (s[i + 1] == '\'' || s[i + 1] == '\\'))
            i++;
        r[o++] = s[i];
    }
    r[o] = '\0';
    return r;
}

/* A MySQL string literal s[i..end) (quote ' or ") as a standard one. */
static int std_string(strata_buf *out, const char *s, size_t i, size_t end)
{
    char q = s[i];
    int rc = put(out, "'", 1);

    for (size_t k = i + 1; k + 1 < end && rc == STRATA_OK; k++) {
        char ch = s[k];

        if (ch == q && s[k + 1] == q) {
            k++;
        } else if (ch == '\\' && k + 2 < end) {
            k++;
            switch (s[k]) {
            case 'n': ch = '\n'; break;
            case 't': ch = '\t'; break;
            case 'r': ch = '\r'; break;
            case 'b': ch = '\b'; break;
            case 'Z': ch = '\032'; break;
            case '%':
            case '_':
            case '0':
                /* kept as written: LIKE patterns (and NUL, which a C
                 * string cannot hold) */
                rc = put(out, "\\", 1);
                ch = s[k];
                break;
            default: ch = s[k]; break;
            }
        }
        if (rc == STRATA_OK)
            rc = put(out, &ch, 1) || (ch == '\'' && put(out, "'", 1));
    }
    return rc == STRATA_OK ? put(out, "'", 1) : STRATA_ERR_NOMEM;
}

static int next_nonblank_is(const char *s, size_t i, char ch)
{
    while (drv_is_blank(s[i]))
        i++;
    return s[i] == ch;
}

int my_expr_from_mysql(strata_buf *out, const char *expr)
{
    char *copy = NULL;
    const char *s = expr ? expr : "";
    size_t i = 0, end;
    int rc = STRATA_OK, gap = 0;

    if (escaped_once_more(s)) {
        if (!(copy = unescape_once(s)))
            return STRATA_ERR_NOMEM;
        s = copy;
    }
    while (drv_is_blank(s[i]))
        i++;
    while (s[i] && rc == STRATA_OK) {
        if (drv_is_blank(s[i])) {
            while (drv_is_blank(s[i]))
                i++;
            gap = 1;
            continue;
        }
        if (gap && s[i])
            rc = put(out, " ", 1);
        gap = 0;
        if (rc)
            break;
        if (s[i] == '`') {
            strata_buf name = {0};

            end = quoted_end(s, i, 0);
            for (size_t k = i + 1; k + 1 < end && rc == STRATA_OK; k++) {
                if (s[k] == '`' && s[k + 1] == '`')
                    k++;
                rc = put(&name, s + k, 1);
            }
            if (rc == STRATA_OK && name.len &&
                plain_name(name.data, name.len)) {
                rc = put(out, name.data, name.len);
            } else if (rc == STRATA_OK) {
                rc = put(out, "\"", 1);
                for (size_t k = 0; k < name.len && rc == STRATA_OK; k++)
                    rc = put(out, name.data + k, 1) ||
                         (name.data[k] == '"' && put(out, "\"", 1));
                if (rc == STRATA_OK)
                    rc = put(out, "\"", 1);
            }
            my_host->buf_free(&name);
            i = end;
        } else if (s[i] == '\'' || s[i] == '"') {
            end = quoted_end(s, i, 1);
            rc = std_string(out, s, i, end);
            i = end;
        } else if (is_word(s[i])) {
            for (end = i; is_word(s[end]); end++)
                ;
            if (s[i] == '_' && (s[end] == '\'' || s[end] == '"')) {
                i = end; /* _utf8mb4'x': a charset introducer */
                continue;
            }
            if (end - i == 3 && strncasecmp(s + i, "mod", 3) == 0 &&
                !next_nonblank_is(s, end, '('))
                rc = put(out, "%", 1);
            else if (end - i == 5 && strncasecmp(s + i, "lcase", 5) == 0 &&
                     next_nonblank_is(s, end, '('))
                rc = put(out, "lower", 5);
            else if (end - i == 5 && strncasecmp(s + i, "ucase", 5) == 0 &&
                     next_nonblank_is(s, end, '('))
                rc = put(out, "upper", 5);
            else
                rc = put(out, s + i, end - i);
            i = end;
        } else {
            rc = put(out, s + i, 1);
            i++;
        }
    }
    my_host->free(copy);
    return rc ? STRATA_ERR_NOMEM : STRATA_OK;
}

/* ---- comparison --------------------------------------------------------- */

/* Spellings that mean the same in MySQL, on the left the one kept. */
static const struct {
    const char *from, *to;
    int call; /* only as a function name (followed by '(') */
} synonyms[] = {
    {"lcase", "lower", 1},          {"ucase", "upper", 1},
    {"octet_length", "length", 1},  {"substring", "substr", 1},
    {"character_length", "char_length", 1},
    {"true", "1", 0},               {"false", "0", 0},
    {"mod", "%", 0},
};

static int is_now(const char *w, size_t n)
{
    static const char *const now[] = {"current_timestamp", "now",
                                      "localtimestamp", "localtime",
                                      "utc_timestamp"};

    for (size_t i = 0; i < sizeof now / sizeof now[0]; i++)
        if (strlen(now[i]) == n && strncasecmp(now[i], w, n) == 0)
            return 1;
    return 0;
}

/* The canonical text same_expr compares: lowercase outside strings,
 * identifiers unquoted, synonyms and CURRENT_TIMESTAMP's spellings
 * unified, blanks only between two words, outer parentheses off. */
static int canon(strata_buf *out, const char *e)
{
    strata_buf b = {0};
    const char *s = e ? e : "";
    size_t i = 0, end, a, z;
    int rc = STRATA_OK, last_word = 0;

    while (s[i] && rc == STRATA_OK) {
        if (drv_is_blank(s[i])) {
            i++;
            continue;
        }
        if (s[i] == '\'') {
            end = quoted_end(s, i, 0);
            rc = put(&b, s + i, end - i);
            last_word = 0;
            i = end;
            continue;
        }
        if (s[i] == '"' || s[i] == '`') {
            end = quoted_end(s, i, 0);
            if (last_word)
                rc = put(&b, " ", 1);
            for (size_t k = i + 1; k + 1 < end && rc == STRATA_OK; k++) {
                char ch = s[k];

                if (ch == s[i] && s[k + 1] == s[i])
                    k++;
                ch = ch >= 'A' && ch <= 'Z' ? (char)(ch | 0x20) : ch;
                rc = put(&b, &ch, 1);
            }
            last_word = 1;
            i = end;
            continue;
        }
        if (is_word(s[i])) {
            const char *w;
            size_t n;
            int call;

            for (end = i; is_word(s[end]); end++)
                ;
            if (s[i] == '_' && s[end] == '\'') {
                i = end;
                continue;
            }
            call = next_nonblank_is(s, end, '(');
            w = s + i;
            n = end - i;
            if (is_now(w, n)) {
                /* with its empty or precision argument list */
                size_t k = end;

                while (drv_is_blank(s[k]))
                    k++;
                if (s[k] == '(') {
                    k++;
                    while (drv_is_blank(s[k]) || (s[k] >= '0' && s[k] <= '9'))
                        k++;
                    if (s[k] == ')')
                        end = k + 1;
                }
                w = "current_timestamp";
                n = 17;
            } else {
                for (size_t k = 0;
                     k < sizeof synonyms / sizeof synonyms[0]; k++)
                    if (strlen(synonyms[k].from) == n &&
                        strncasecmp(synonyms[k].from, w, n) == 0 &&
                        synonyms[k].call == call) {
                        w = synonyms[k].to;
                        n = strlen(w);
                        break;
                    }
            }
            if (last_word && is_word(w[0]))
                rc = put(&b, " ", 1);
            for (size_t k = 0; k < n && rc == STRATA_OK; k++) {
                char ch = w[k] >= 'A' && w[k] <= 'Z' ? (char)(w[k] | 0x20)
                                                    : w[k];
                rc = put(&b, &ch, 1);
            }
            last_word = is_word(w[0]);
            i = end;
            continue;
        }
        if (s[i] == '!' && s[i + 1] == '=') {
            rc = put(&b, "<>", 2);
            i += 2;
        } else {
            rc = put(&b, s + i, 1);
            i++;
        }
        last_word = 0;
    }
    if (rc != STRATA_OK) {
        my_host->buf_free(&b);
        return STRATA_ERR_NOMEM;
    }
    /* Parentheses around the whole expression. */
    a = 0;
    z = b.len;
    while (z - a >= 2 && b.data[a] == '(' && b.data[z - 1] == ')') {
        int depth = 0, wraps = 1;

        for (size_t k = a; k < z - 1 && wraps; k++) {
            if (b.data[k] == '\'') {
                k = quoted_end(b.data, k, 0) - 1;
                continue;
            }
            depth += b.data[k] == '(' ? 1 : b.data[k] == ')' ? -1 : 0;
            if (depth == 0)
                wraps = 0;
        }
        if (!wraps)
            break;
        a++;
        z--;
    }
    rc = put(out, b.data ? b.data + a : "", z - a);
    my_host->buf_free(&b);
    return rc ? STRATA_ERR_NOMEM : STRATA_OK;
}

/* Is s a number, optionally signed, and its value? */
static int number(const char *s, double *v)
{
    char *end;

    if (!*s)
        return 0;
    *v = strtod(s, &end);
    return *end == '\0' && (s[0] == '-' || s[0] == '+' || s[0] == '.' ||
                            (s[0] >= '0' && s[0] <= '9'));
}

int my_same_expr(strata_conn *c, const char *table, const char *a,
                 const char *b, int *out)
{
    strata_buf x = {0}, y = {0};
    double u, v;

    (void)table;
    *out = 0;
    if (!a || !b) {
        *out = !a && !b;
        return STRATA_OK;
    }
    if (canon(&x, a) || canon(&y, b)) {
        my_host->buf_free(&x);
        my_host->buf_free(&y);
        return drv_nomem(c);
    }
    *out = strcmp(x.data ? x.data : "", y.data ? y.data : "") == 0;
    /* 1.50 (decimal(10,2)'s default as the server prints it) is 1.5 */
    if (!*out && number(x.data ? x.data : "", &u) &&
        number(y.data ? y.data : "", &v))
        *out = u == v;
    my_host->buf_free(&x);
    my_host->buf_free(&y);
    return STRATA_OK;
}

int my_is_current_timestamp(const char *expr)
{
    strata_buf b = {0};
    int yes;

    if (canon(&b, expr))
        return 0;
    yes = b.data && strcmp(b.data, "current_timestamp") == 0;
    my_host->buf_free(&b);
    return yes;
}

int my_default_kind(const char *expr)
{
    size_t n, i = 0;
    const char *s = drv_trim(expr, &n);

    if (!n || (n == 4 && strncasecmp(s, "null", 4) == 0))
        return MY_DEF_NULL;
    if ((n == 4 && strncasecmp(s, "true", 4) == 0) ||
        (n == 5 && strncasecmp(s, "false", 5) == 0))
        return MY_DEF_CONST;
    if (s[0] == '\'' || ((s[0] == 'b' || s[0] == 'B' || s[0] == 'x' ||
                          s[0] == 'X') && s[1] == '\'')) {
        i = s[0] == '\'' ? 0 : 1;
        return quoted_end(s, i, 0) == n ? MY_DEF_CONST : MY_DEF_EXPR;
    }
    i = s[0] == '-' || s[0] == '+' ? 1 : 0;
    if (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) {
        int digits = 0;

        for (; i < n; i++) {
            if (s[i] >= '0' && s[i] <= '9')
                digits = 1;
            else if (s[i] != '.' && s[i] != 'e' && s[i] != 'E' &&
                     !((s[i] == '-' || s[i] == '+') &&
                       (s[i - 1] == 'e' || s[i - 1] == 'E')))
                break;
        }
        if (i == n && digits)
            return MY_DEF_CONST;
    }
    return my_is_current_timestamp(s) ? MY_DEF_NOW : MY_DEF_EXPR;
}
