/* config.c - strata.ini, the environment and the command-line flags merged
 * into one strata_config, with docs/design.md §10 precedence. */
#include "util/config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iniparser.h>

#include "util/buf.h"
#include "util/msg.h"
#include "util/output.h"
#include "util/suggest.h"
#include "util/url.h"

#define DEFAULT_URL "sqlite:///strata.db"
#define DEFAULTS_SECTION "strata"
#define DEFAULT_ENV "dev"

enum key_id {
    K_URL,
    K_MIGRATIONS,
    K_HISTORY_TABLE,
    K_VERSION_TABLE,
    K_SCHEMA,
    K_SESSION_SQL,
    K_DRIVER_PATH,
    K_DIALECTS,
    K_LOCK_WAIT,
    K_LOCK_TIMEOUT,
    K_LOCK_RETRIES,
    K_STATEMENT_TIMEOUT,
    K_TRANSACTION_PER,
    K_ALLOW_LOCKING,
    K_CREATE_SCHEMA,
    K_ONLINE_INDEXES,
    K_MAX_FILE_SIZE,
    K_WAIT,
    K_FORMAT,
    K_DUMP_SCHEMA,
    K_PROGRESS_INTERVAL,
    K_COUNT
};

/* iniparser lowercases keys, so these are matched as written. */
static const char *const key_names[K_COUNT] = {
    [K_URL] = "url",
    [K_MIGRATIONS] = "migrations",
    [K_HISTORY_TABLE] = "history_table",
    [K_VERSION_TABLE] = "version_table",
    [K_SCHEMA] = "schema",
    [K_SESSION_SQL] = "session_sql",
    [K_DRIVER_PATH] = "driver_path",
    [K_DIALECTS] = "dialects",
    [K_LOCK_WAIT] = "lock_wait",
    [K_LOCK_TIMEOUT] = "lock_timeout",
    [K_LOCK_RETRIES] = "lock_retries",
    [K_STATEMENT_TIMEOUT] = "statement_timeout",
    [K_TRANSACTION_PER] = "transaction_per",
    [K_ALLOW_LOCKING] = "allow_locking",
    [K_CREATE_SCHEMA] = "create_schema",
    [K_ONLINE_INDEXES] = "online_indexes",
    [K_MAX_FILE_SIZE] = "max_file_size",
    [K_WAIT] = "wait",
    [K_FORMAT] = "format",
    [K_DUMP_SCHEMA] = "dump_schema",
    [K_PROGRESS_INTERVAL] = "progress_interval",
};

/* What one load works with besides its output. */
typedef struct ctx {
    dictionary *ini;     /* NULL when no ini file */
    const char *path;    /* the ini file's name, for messages */
    char *dir;           /* the ini file's directory; NULL when no ini */
    const char *section; /* chosen section (lowercase) or NULL */
    strata_error *err;
} ctx;

/* A value quoted in a message is masked as a field (strata__mask): it
 * may be a URL or a password put under the wrong key ("lock_wait =
 * ${DATABASE_URL}"), and the URL's password is registered before any
 * value is checked (register_urls). */
static int invalid(strata_error *err, const char *where, const char *what,
                   const char *val, const char *hint)
{
    char *shown = strata__mask(val);
    int rc;

    if (!shown)
        return strata__nomem(err);
    rc = strata__error_set(err, STRATA_ERR_CONFIG, "%s: invalid %s '%s' (%s)",
                           where, what, shown, hint);
    free(shown);
    return rc;
}

static int empty_value(strata_error *err, const char *where)
{
    return strata__error_set(err, STRATA_ERR_CONFIG, "%s: empty value", where);
}

/* Replace *dst by v, which the caller allocated (NULL = out of memory). */
static int set_str(char **dst, char *v, strata_error *err)
{
    if (!v)
        return strata__nomem(err);
    free(*dst);
    *dst = v;
    return STRATA_OK;
}

static void free_list(char ***items, size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        free((*items)[i]);
    free(*items);
    *items = NULL;
    *n = 0;
}

static int list_add(char ***items, size_t *n, char *v, strata_error *err)
{
    char **grown;

    if (!v)
        return strata__nomem(err);
    grown = realloc(*items, (*n + 1) * sizeof *grown);
    if (!grown) {
        free(v);
        return strata__nomem(err);
    }
    grown[(*n)++] = v;
    *items = grown;
    return STRATA_OK;
}

/* The directory part of path: "." when it has none, "/" for the root. */
static char *dir_of(const char *path)
{
    size_t n = strlen(path);

    while (n > 1 && path[n - 1] == '/')
        n--;
    while (n > 0 && path[n - 1] != '/')
        n--;
    if (n == 0)
        return strdup(".");
    while (n > 1 && path[n - 1] == '/')
        n--;
    return strndup(path, n);
}

/* p relative to dir (an ini file's directory); absolute paths, and any
 * path when there is no directory or it is ".", are kept as given. */
static char *join_dir(const char *dir, const char *p)
{
    if (!dir || strcmp(dir, ".") == 0 || p[0] == '/')
        return strdup(p);
    if (strcmp(dir, "/") == 0)
        return strata__sprintf("/%s", p);
    return strata__sprintf("%s/%s", dir, p);
}

/* Split a ':'-separated list onto c->driver_path; empty entries (as in
 * "a::b" or a trailing ':') are skipped as PATH-like lists do. */
static int add_paths(strata_config *c, const char *list, strata_error *err)
{
    const char *p = list;

    while (*p) {
        size_t n = strcspn(p, ":");

        if (n) {
            int rc = list_add(&c->driver_path, &c->ndriver_path,
                              strndup(p, n), err);

            if (rc != STRATA_OK)
                return rc;
        }
        p += n;
        if (*p == ':')
            p++;
    }
    return STRATA_OK;
}

/* "postgres, mysql,sqlite": trimmed, lowercased, empty entries dropped. */
static int set_dialects(strata_config *c, const char *val, const char *where,
                        strata_error *err)
{
    const char *p = val;

    free_list(&c->dialects, &c->ndialects);
    while (*p) {
        size_t n = strcspn(p, ","), b = 0, e = n;

        while (b < e && isspace((unsigned char)p[b]))
            b++;
        while (e > b && isspace((unsigned char)p[e - 1]))
            e--;
        if (e > b) {
            char *name = strndup(p + b, e - b);
            int rc;

            if (!name)
                return strata__nomem(err);
            for (char *q = name; *q; q++) {
                if (!isalnum((unsigned char)*q) && !strchr("_.+-", *q)) {
                    rc = invalid(err, where, "dialect name", name,
                                 "use names such as postgres, mysql, sqlite");
                    free(name);
                    return rc;
                }
                *q = (char)tolower((unsigned char)*q);
            }
            rc = list_add(&c->dialects, &c->ndialects, name, err);
            if (rc != STRATA_OK)
                return rc;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return STRATA_OK;
}

static int parse_bool(const char *s, int *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};

    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return -1;
}

/* A whole number 0..INT_MAX, digits only (no sign, no blanks). */
static int parse_count(const char *s, int *out)
{
    long v = 0;

    if (!*s)
        return -1;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s))
            return -1;
        v = v * 10 + (*s - '0');
        if (v > INT_MAX)
            return -1;
    }
    *out = (int)v;
    return 0;
}

/* Bytes, or a number with a k or M suffix (binary: 1k = 1024). */
static int parse_size(const char *s, size_t *out)
{
    size_t v = 0, mult = 1;
    const char *p = s;

    if (!isdigit((unsigned char)*p))
        return -1;
    for (; isdigit((unsigned char)*p); p++) {
        if (v > (SIZE_MAX - 9) / 10)
            return -1;
        v = v * 10 + (size_t)(*p - '0');
    }
    if (*p == 'k' || *p == 'K')
        mult = 1024, p++;
    else if (*p == 'm' || *p == 'M')
        mult = 1024 * 1024, p++;
    if (*p || v == 0 || v > SIZE_MAX / mult)
        return -1;
    *out = v * mult;
    return 0;
}

int strata__duration_parse(const char *s, long *ms)
{
    /* Whole part, then up to 9 decimals (finer than a nanosecond of a
     * second cannot matter once rounded to milliseconds). */
    unsigned long long whole = 0, frac = 0, scale = 1, mult, total;
    const char *p = s;
    int digits = 0, too_big = 0;

    if (!s || !ms)
        return STRATA_ERR_INVALID;
    for (; isdigit((unsigned char)*p); p++, digits++) {
        whole = whole * 10 + (unsigned long long)(*p - '0');
        if (whole > INT_MAX)
            too_big = 1, whole = INT_MAX;
    }
    if (*p == '.') {
        for (p++; isdigit((unsigned char)*p); p++, digits++) {
            if (scale < 1000000000ULL) {
                frac = frac * 10 + (unsigned long long)(*p - '0');
                scale *= 10;
            }
        }
    }
    if (!digits || too_big)
        return STRATA_ERR_INVALID;
    if (strcmp(p, "ms") == 0)
        mult = 1;
    else if (*p == '\0' || strcmp(p, "s") == 0)
        mult = 1000;
    else if (strcmp(p, "m") == 0)
        mult = 60 * 1000;
    else if (strcmp(p, "h") == 0)
        mult = 60 * 60 * 1000;
    else
        return STRATA_ERR_INVALID;
    /* Capped at INT_MAX ms (24.8 days): drivers hand these to servers
     * (PostgreSQL's lock_timeout is an int of milliseconds). */
    if (whole > INT_MAX / mult)
        return STRATA_ERR_INVALID;
    total = whole * mult + (frac * mult + scale / 2) / scale;
    if (total > INT_MAX)
        return STRATA_ERR_INVALID;
    *ms = (long)total;
    return STRATA_OK;
}

/* Expansion outcome of expand(). */
enum { EXP_OK = 0, EXP_MISSING = 1, EXP_MALFORMED = 2, EXP_NOMEM = -1 };

/* Expand ${VAR} and ${VAR:-default} in s into *out.  An empty variable
 * counts as unset (as for STRATA_URL and DATABASE_URL).  A "${" that is
 * not a well-formed reference is EXP_MALFORMED when strict, else copied
 * as it stands.  On EXP_MISSING *name is the variable (malloc'd). */
static int expand(const char *s, int strict, char **out, char **name)
{
    strata_buf b = {0};
    const char *p = s;

    *out = NULL;
    *name = NULL;
    while (*p) {
        const char *ref = strstr(p, "${"), *n, *e, *close, *val;
        size_t nlen;

        if (!ref) {
            if (strata__buf_puts(&b, p) != STRATA_OK)
                goto oom;
            break;
        }
        if (strata__buf_append(&b, p, (size_t)(ref - p)) != STRATA_OK)
            goto oom;
        n = e = ref + 2;
        if (isalpha((unsigned char)*e) || *e == '_')
            while (isalnum((unsigned char)*e) || *e == '_')
                e++;
        nlen = (size_t)(e - n);
        close = NULL;
        if (nlen && *e == '}')
            close = e;
        else if (nlen && e[0] == ':' && e[1] == '-')
            close = strchr(e + 2, '}');
        if (!close) {
            if (strict) {
                strata__buf_free(&b);
                return EXP_MALFORMED;
            }
            if (strata__buf_append(&b, ref, 2) != STRATA_OK)
                goto oom;
            p = ref + 2;
            continue;
        }
        {
            char *var = strndup(n, nlen);

            if (!var)
                goto oom;
            val = getenv(var);
            if (val && *val) {
                free(var);
                if (strata__buf_puts(&b, val) != STRATA_OK)
                    goto oom;
            } else if (close != e) {
                free(var);
                if (strata__buf_append(&b, e + 2,
                                       (size_t)(close - (e + 2))) !=
                    STRATA_OK)
                    goto oom;
            } else {
                strata__buf_free(&b);
                *name = var;
                return EXP_MISSING;
            }
        }
        p = close + 1;
    }
    *out = strata__buf_take(&b);
    return *out ? EXP_OK : EXP_NOMEM;
oom:
    strata__buf_free(&b);
    return EXP_NOMEM;
}

char *strata__expand_env(const char *s, char **missing)
{
    char *out = NULL, *name = NULL;

    if (missing)
        *missing = NULL;
    if (!s)
        return NULL;
    if (expand(s, 0, &out, &name) == EXP_MISSING) {
        if (missing)
            *missing = name;
        else
            free(name);
    }
    return out;
}

/* The error for expand()'s outcome e on val; where = "FILE: [s] k". */
static int expand_error(int e, const char *val, const char *name,
                        const char *where, strata_error *err)
{
    if (e == EXP_MISSING)
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "%s: environment variable %s is not set",
                                 where, name);
    if (e == EXP_MALFORMED) {
        char *shown = strata__mask(val);
        int rc;

        if (!shown)
            return strata__nomem(err);
        rc = strata__error_set(err, STRATA_ERR_CONFIG,
                               "%s: malformed ${...} in '%s' (use ${VAR} "
                               "or ${VAR:-default})",
                               where, shown);
        free(shown);
        return rc;
    }
    return strata__nomem(err);
}

/* Expand an ini value that is going to be used. */
static int expand_used(const char *val, const char *where, char **out,
                       strata_error *err)
{
    char *name = NULL;
    int e = expand(val, 1, out, &name), rc = STRATA_OK;

    if (e != EXP_OK)
        rc = expand_error(e, val, name, where, err);
    free(name);
    return rc;
}

/* Parse val for key id into c.  where names the source for messages
 * ("FILE: [section] key" or "--flag"); dir is the ini file's directory
 * for path keys (NULL: paths as given). */
static int apply(strata_config *c, int id, const char *val, const char *where,
                 const char *dir, strata_error *err)
{
    int b;

    switch (id) {
    case K_MIGRATIONS:
        if (!*val)
            return empty_value(err, where);
        return set_str(&c->migrations, join_dir(dir, val), err);
    case K_HISTORY_TABLE:
    case K_VERSION_TABLE:
        if (!*val)
            return empty_value(err, where);
        return set_str(id == K_HISTORY_TABLE ? &c->history_table
                                             : &c->version_table,
                       strdup(val), err);
    case K_SCHEMA:
    case K_SESSION_SQL: {
        /* An empty value means "none", so a section can undo [strata]. */
        char **dst = id == K_SCHEMA ? &c->schema : &c->session_sql;

        if (!*val) {
            free(*dst);
            *dst = NULL;
            return STRATA_OK;
        }
        return set_str(dst, strdup(val), err);
    }
    case K_DUMP_SCHEMA:
        /* Empty: none, so a section can undo [strata]'s. */
        free(c->dump_schema);
        c->dump_schema = NULL;
        if (!*val)
            return STRATA_OK;
        return set_str(&c->dump_schema, join_dir(dir, val), err);
    case K_DIALECTS:
        return set_dialects(c, val, where, err);
    case K_FORMAT:
        /* The loader knows the layouts and checks the name. */
        if (!*val)
            return empty_value(err, where);
        return set_str(&c->format, strdup(val), err);
    case K_LOCK_WAIT:
    case K_LOCK_TIMEOUT:
    case K_STATEMENT_TIMEOUT:
    case K_PROGRESS_INTERVAL:
    case K_WAIT: {
        long *dst = id == K_LOCK_WAIT      ? &c->lock_wait_ms
                    : id == K_LOCK_TIMEOUT ? &c->lock_timeout_ms
                    : id == K_WAIT         ? &c->wait_ms
                    : id == K_PROGRESS_INTERVAL
                        ? &c->progress_interval_ms
                        : &c->statement_timeout_ms;

        if (strata__duration_parse(val, dst) != STRATA_OK)
            return invalid(err, where, "duration", val,
                           "use 500ms, 5s, 2m or seconds");
        return STRATA_OK;
    }
    case K_LOCK_RETRIES:
        if (parse_count(val, &c->lock_retries) != 0)
            return invalid(err, where, "number", val,
                           "use a whole number, 0 or more");
        return STRATA_OK;
    case K_TRANSACTION_PER:
        if (strcasecmp(val, "run") == 0)
            c->transaction_per_run = 1;
        else if (strcasecmp(val, "migration") == 0)
            c->transaction_per_run = 0;
        else
            return invalid(err, where, "value", val, "use run or migration");
        return STRATA_OK;
    case K_ALLOW_LOCKING:
    case K_CREATE_SCHEMA:
        if (parse_bool(val, &b) != 0)
            return invalid(err, where, "boolean", val,
                           "use true or false");
        *(id == K_ALLOW_LOCKING ? &c->allow_locking : &c->create_schema) = b;
        return STRATA_OK;
    case K_ONLINE_INDEXES:
        if (strcasecmp(val, "auto") == 0)
            c->online_indexes = STRATA_ONLINE_AUTO;
        else if (strcasecmp(val, "always") == 0)
            c->online_indexes = STRATA_ONLINE_ALWAYS;
        else if (strcasecmp(val, "never") == 0)
            c->online_indexes = STRATA_ONLINE_NEVER;
        else
            return invalid(err, where, "value", val,
                           "use auto, always or never");
        return STRATA_OK;
    case K_MAX_FILE_SIZE:
        if (parse_size(val, &c->max_file_size) != 0)
            return invalid(err, where, "size", val,
                           "use bytes, or a number with a k or M suffix");
        return STRATA_OK;
    default: /* K_URL has its own precedence: load_url */
        return STRATA_OK;
    }
}

/* iniparser reports through a printf-like callback with no user
 * pointer, so its text is collected here for the duration of a load. */
static strata_buf ini_errors;

static int collect_ini_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    strata__buf_vprintf(&ini_errors, fmt, ap);
    va_end(ap);
    return 0;
}

/* iniparser's "iniparser: syntax error in F (N):\n-> LINE\n" as
 * "F:N: syntax error: LINE", like every other file:line strata prints;
 * other texts with the "iniparser: " prefixes and line breaks folded. */
static char *ini_error_text(const char *path, const char *raw)
{
    static const char *const kinds[] = {"syntax error in ",
                                        "input line too long in "};
    strata_buf b = {0};
    const char *p;

    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        const char *q = strstr(raw, kinds[i]);
        char *end;
        long line;

        if (!q)
            continue;
        q += strlen(kinds[i]);
        if (strncmp(q, path, strlen(path)) != 0)
            continue;
        q += strlen(path);
        if (strncmp(q, " (", 2) != 0)
            continue;
        line = strtol(q + 2, &end, 10);
        if (*end != ')')
            continue;
        q = end + 1;
        if (i == 0 && strncmp(q, ":\n-> ", 5) == 0)
            return strata__sprintf("%s:%ld: syntax error: %.*s", path, line,
                                   (int)strcspn(q + 5, "\n"), q + 5);
        return strata__sprintf("%s:%ld: %s", path, line,
                               i == 0 ? "syntax error" : "line too long");
    }
    for (p = raw; *p;) {
        size_t n;

        if (strncmp(p, "iniparser: ", 11) == 0)
            p += 11;
        n = strcspn(p, "\n");
        if (strata__buf_append(&b, p, n) != STRATA_OK)
            goto oom;
        p += n;
        while (*p == '\n')
            p++;
        if (*p && strata__buf_puts(&b, strncmp(p, "-> ", 3) ? "; " : ": ") !=
                      STRATA_OK)
            goto oom;
        if (strncmp(p, "-> ", 3) == 0)
            p += 3;
    }
    if (!b.len && strata__buf_printf(&b, "%s: cannot parse", path) !=
                      STRATA_OK)
        goto oom;
    return strata__buf_take(&b);
oom:
    strata__buf_free(&b);
    return NULL;
}

/* Find and parse the ini file: flags->config_path, else ./strata.ini
 * when it exists.  Opened here first so that errors carry errno's text
 * (iniparser only says "cannot open", and reads a directory as empty). */
static int load_ini(ctx *x, strata_config *c, const strata_config_flags *f)
{
    const char *path = f->config_path ? f->config_path : "strata.ini";
    struct stat st;
    int fd, e;
    char *msg, *shown;

    fd = open(path, O_RDONLY);
    if (fd < 0) {
        e = errno;
        if (!f->config_path && e == ENOENT)
            return STRATA_OK; /* no configuration at all: defaults */
        return strata__error_set(x->err, STRATA_ERR_CONFIG,
                                 "cannot read config %s: %s", path,
                                 strerror(e));
    }
    e = fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    close(fd);
    if (e)
        return strata__error_set(x->err, STRATA_ERR_CONFIG,
                                 "cannot read config %s: %s", path,
                                 strerror(e));
    if (!(c->ini_path = strdup(path)) || !(x->dir = dir_of(path)))
        return strata__nomem(x->err);
    x->path = c->ini_path;

    strata__buf_free(&ini_errors);
    iniparser_set_error_callback(collect_ini_error);
    x->ini = iniparser_load(path);
    iniparser_set_error_callback(NULL); /* back to iniparser's default */
    /* Whatever iniparser reported makes the file broken, even if it
     * still handed back a dictionary. */
    if (x->ini && !ini_errors.len)
        return STRATA_OK;
    msg = ini_error_text(path, ini_errors.data ? ini_errors.data : "");
    strata__buf_free(&ini_errors);
    /* the line quoted may be a url's */
    shown = msg ? strata__mask(msg) : NULL;
    free(msg);
    if (!shown)
        return strata__nomem(x->err);
    e = strata__error_set(x->err, STRATA_ERR_CONFIG, "%s", shown);
    free(shown);
    return e;
}

static int key_id(const char *name)
{
    for (int i = 0; i < K_COUNT; i++)
        if (strcmp(key_names[i], name) == 0)
            return i;
    return -1;
}

/* The 1-based line of the first "key =" of section sec in
 * the ini file, as iniparser reads it (names folded to lowercase,
 * blanks trimmed); 0 when not found.  iniparser keeps no line numbers. */
static long key_line(const ctx *x, const char *sec, const char *key)
{
    FILE *f = fopen(x->path, "r");
    char *line = NULL, *cur = NULL;
    size_t cap = 0, klen = strlen(key);
    long n = 0, found = 0;

    while (f && !found && getline(&line, &cap, f) >= 0) {
        const char *p = line;
        size_t len;

        n++;
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '[') {
            len = strcspn(++p, "]");
            while (len && isspace((unsigned char)*p)) {
                p++;
                len--;
            }
            while (len && isspace((unsigned char)p[len - 1]))
                len--;
            free(cur);
            cur = strndup(p, len);
        } else if (cur && strcasecmp(cur, sec) == 0 &&
                   strncasecmp(p, key, klen) == 0) {
            p += klen;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p == '=')
                found = n;
        }
    }
    free(line);
    free(cur);
    if (f)
        fclose(f);
    return found;
}

/* driver_path in an ini: the repository would choose which shared
 * libraries strata loads, and their constructors run at dlopen, before
 * any check (docs/design.md §10.4). */
static int refuse_driver_path(ctx *x, const char *sec)
{
    static const char why[] =
        "driver_path is not read from the ini: a repository must not "
        "choose which code strata loads; name driver folders with "
        "--driver-path or STRATA_DRIVER_PATH";
    const char *key = key_names[K_DRIVER_PATH];
    long line = key_line(x, sec, key);

    if (line > 0)
        return strata__error_set(x->err, STRATA_ERR_CONFIG, "%s:%ld: [%s] %s",
                                 x->path, line, sec, why);
    return strata__error_set(x->err, STRATA_ERR_CONFIG, "%s: [%s] %s",
                             x->path, sec, why);
}

/* Check the whole file, every section, before anything is used: its
 * shape (no key outside a section, no ':' in a section name), unknown
 * keys, and every value that can be checked now.  A value whose ${VAR}
 * is not set is checked only when used (a [prod] url = ${DATABASE_URL}
 * must not break a run on [dev]); so is every url. */
static int check_ini(ctx *x)
{
    const dictionary *d = x->ini;
    strata_config scratch = {0};
    int rc = STRATA_OK;

    if (!d)
        return STRATA_OK;
    /* The dictionary keeps entries in the order first seen, so the
     * error reported is (but for repeated sections) the first in the
     * file. */
    for (ssize_t i = 0; i < d->size && rc == STRATA_OK; i++) {
        const char *key = d->key[i], *colon;
        char *sec = NULL, *where = NULL, *val = NULL, *name = NULL;
        int id;

        if (!key)
            continue;
        colon = strchr(key, ':');
        if (!d->val[i]) { /* a section header */
            if (colon)
                rc = strata__error_set(x->err, STRATA_ERR_CONFIG,
                                       "%s: section name [%s] must not "
                                       "contain ':'",
                                       x->path, key);
            continue;
        }
        if (!colon || colon == key) {
            rc = strata__error_set(x->err, STRATA_ERR_CONFIG,
                                   "%s: key '%s' outside any section",
                                   x->path, colon ? colon + 1 : key);
            continue;
        }
        id = key_id(colon + 1);
        if (!(sec = strndup(key, (size_t)(colon - key)))) {
            rc = strata__nomem(x->err);
            continue;
        }
        if (id < 0) {
            rc = strata__error_set(x->err, STRATA_ERR_CONFIG,
                                   "%s: [%s] unknown key '%s'", x->path, sec,
                                   colon + 1);
        } else if (id == K_DRIVER_PATH) {
            rc = refuse_driver_path(x, sec);
        } else if (!(where = strata__sprintf("%s: [%s] %s", x->path, sec,
                                             colon + 1))) {
            rc = strata__nomem(x->err);
        } else {
            int e = expand(d->val[i], 1, &val, &name);

            if (e == EXP_MALFORMED || e == EXP_NOMEM)
                rc = expand_error(e, d->val[i], name, where, x->err);
            else if (e == EXP_OK && id != K_URL)
                rc = apply(&scratch, id, val, where, x->dir, x->err);
        }
        free(val);
        free(name);
        free(where);
        free(sec);
    }
    strata__config_free(&scratch);
    return rc;
}

/* Lowercase copy, as iniparser stores section names. */
static char *lower_dup(const char *s)
{
    char *d = strdup(s);

    for (char *p = d; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return d;
}

/* "-e NAME: no section", the closest environment and every one. */
static int unknown_env(ctx *x, const char *env)
{
    int nsec = iniparser_getnsec(x->ini);
    const char **names = calloc(nsec > 0 ? (size_t)nsec : 1, sizeof *names);
    size_t n = 0;
    strata_msg m = {0};

    STRATA_ALLOC_CHECK(names, x->err);
    for (int i = 0; i < nsec; i++) {
        const char *sec = iniparser_getsecname(x->ini, i);

        if (sec && strcmp(sec, DEFAULTS_SECTION) != 0)
            names[n++] = sec;
    }
    strata__msg_add(&m, "%s: no section [%s]", x->path, env);
    strata__suggest_add(&m, env, names, n, "environments", n);
    if (!n)
        strata__msg_add(&m, " (the file has no environment section)");
    free(names);
    return strata__msg_set(&m, x->err, STRATA_ERR_CONFIG);
}

/* -e NAME, which must exist, else [dev] when the file has it. */
static int choose_section(ctx *x, strata_config *c,
                          const strata_config_flags *f)
{
    if (f->env) {
        if (!x->ini) /* an explicit -c that is missing failed before */
            return strata__error_set(x->err, STRATA_ERR_CONFIG,
                                     "-e %s: no config file (strata.ini "
                                     "not found)",
                                     f->env);
        /* A ':' would make the name a key, not a section. */
        if (!*f->env || strchr(f->env, ':') ||
            !iniparser_find_entry(x->ini, f->env))
            return unknown_env(x, f->env);
        if (!(c->env = lower_dup(f->env)))
            return strata__nomem(x->err);
    } else if (x->ini && iniparser_find_entry(x->ini, DEFAULT_ENV)) {
        if (!(c->env = strdup(DEFAULT_ENV)))
            return strata__nomem(x->err);
    }
    x->section = c->env;
    return STRATA_OK;
}

/* Value of key in one section, expanded: 1 found (*val and *where
 * malloc'd), 0 absent, or an error code. */
static int section_value(ctx *x, const char *sec, const char *key,
                         char **val, char **where)
{
    const char *raw;
    char *entry;
    int rc;

    *val = *where = NULL;
    if (!x->ini || !sec)
        return 0;
    if (!(entry = strata__sprintf("%s:%s", sec, key)))
        return strata__nomem(x->err);
    raw = iniparser_getstring(x->ini, entry, NULL);
    free(entry);
    if (!raw)
        return 0;
    if (!(*where = strata__sprintf("%s: [%s] %s", x->path, sec, key)))
        return strata__nomem(x->err);
    rc = expand_used(raw, *where, val, x->err);
    if (rc != STRATA_OK) {
        free(*where);
        *where = NULL;
        return rc;
    }
    return 1;
}

/* The chosen section's value of key, else [strata]'s. */
static int ini_value(ctx *x, const char *key, char **val, char **where)
{
    int rc = section_value(x, x->section, key, val, where);

    if (rc == 0)
        rc = section_value(x, DEFAULTS_SECTION, key, val, where);
    return rc;
}

/* Register url's credentials, in every form a message could quote them
 * (as written and decoded): strata__mask replaces them in driver
 * messages and reported values. */
static int register_url(const char *url, strata_error *err)
{
    char **secrets = NULL;
    size_t nsecrets = 0;
    int rc = strata__url_secrets(url, &secrets, &nsecrets);

    for (size_t i = 0; i < nsecrets; i++) {
        strata__secret_add(secrets[i]);
        free(secrets[i]);
    }
    free(secrets);
    return rc == STRATA_OK ? STRATA_OK : strata__nomem(err);
}

/* Every url this run could take (--url, the environment, each section's
 * url), registered before any value is checked and reported: a bad
 * value may be the password itself. */
static int register_urls(ctx *x, const strata_config_flags *f)
{
    static const char *const vars[] = {"STRATA_URL", "DATABASE_URL"};
    int rc = register_url(f->url, x->err);

    for (size_t i = 0; i < sizeof vars / sizeof vars[0] && rc == STRATA_OK;
         i++)
        rc = register_url(getenv(vars[i]), x->err);
    for (ssize_t i = 0; x->ini && i < x->ini->size && rc == STRATA_OK; i++) {
        const char *key = x->ini->key[i], *colon;
        char *val;

        if (!key || !x->ini->val[i] || !(colon = strchr(key, ':')) ||
            strcmp(colon + 1, key_names[K_URL]) != 0)
            continue;
        val = strata__expand_env(x->ini->val[i], NULL);
        rc = register_url(val, x->err);
        free(val);
    }
    return rc;
}

static int set_url(strata_config *c, const char *url, char *source,
                   const char *base, strata_error *err)
{
    int rc;

    if (!source || !(c->url = strdup(url)) ||
        (base && !(c->base_dir = strdup(base)))) {
        free(source);
        return strata__nomem(err);
    }
    c->url_source = source;
    if ((rc = register_url(url, err)) != STRATA_OK)
        return rc;
    /* libpq and the RFC read such a userinfo differently: whichever the
     * driver took, part of the password would be a host or a port, and
     * quoted as one (docs/design.md §10.3). */
    if (strata__url_ambiguous(url)) {
        char *shown = strata__url_mask(url);

        if (!shown)
            return strata__nomem(err);
        rc = strata__error_set(err, STRATA_ERR_CONFIG,
                               "%s (from %s): an unencoded '@' or '/' in the "
                               "user name or password: clients read it "
                               "differently; write them as %%40 and %%2F",
                               shown, source);
        free(shown);
        return rc;
    }
    return STRATA_OK;
}

/* The url from one ini section, if it has one: 1 taken, 0 absent. */
static int url_from_section(ctx *x, strata_config *c, const char *sec)
{
    char *val, *where;
    int rc = section_value(x, sec, key_names[K_URL], &val, &where);

    if (rc <= 0)
        return rc;
    if (!*val)
        rc = empty_value(x->err, where);
    else
        rc = set_url(c, val,
                     strata__sprintf("%s [%s] url", x->path, sec), x->dir,
                     x->err);
    free(val);
    free(where);
    return rc == STRATA_OK ? 1 : rc;
}

/* An environment variable wins over the ini's url (without -e): which
 * one it hides, so that a user who edits [dev] hears why it is not
 * used (issue 15). */
static int shadow(ctx *x, strata_config *c, const strata_config_flags *f)
{
    const char *secs[] = {x->section, DEFAULTS_SECTION};

    for (size_t i = 0; i < 2 && !f->env && x->ini; i++) {
        char *entry = secs[i] ? strata__sprintf("%s:url", secs[i]) : NULL;
        int has = entry && iniparser_getstring(x->ini, entry, NULL);

        if (secs[i] && !entry)
            return strata__nomem(x->err);
        free(entry);
        if (has) {
            c->url_shadowed = strata__sprintf("%s [%s] url", x->path,
                                              secs[i]);
            return c->url_shadowed ? STRATA_OK : strata__nomem(x->err);
        }
    }
    return STRATA_OK;
}

/* docs/design.md §10.2: --url > -e's section > STRATA_URL > DATABASE_URL >
 * [dev] (the default section, when no -e) > [strata] > the embedded default.
 * base_dir: the ini's directory for ini URLs, the cwd for --url and the
 * environment; for the embedded default it is set once migrations is. */
static int load_url(ctx *x, strata_config *c, const strata_config_flags *f)
{
    static const char *const vars[] = {"STRATA_URL", "DATABASE_URL"};
    int rc;

    if (f->url) {
        if (!*f->url)
            return empty_value(x->err, "--url");
        return set_url(c, f->url, strdup("--url"), ".", x->err);
    }
    if (f->env && (rc = url_from_section(x, c, x->section)) != 0)
        return rc < 0 ? rc : STRATA_OK;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);

        if (v && *v) /* empty = unset */
            return shadow(x, c, f) != STRATA_OK
                       ? STRATA_ERR_NOMEM
                       : set_url(c, v, strdup(vars[i]), ".", x->err);
    }
    if (!f->env && (rc = url_from_section(x, c, x->section)) != 0)
        return rc < 0 ? rc : STRATA_OK;
    if ((rc = url_from_section(x, c, DEFAULTS_SECTION)) != 0)
        return rc < 0 ? rc : STRATA_OK;
    return set_url(c, DEFAULT_URL, strdup("embedded default"), NULL,
                   x->err);
}

/* A flag's value for key id: the string flags, with their names. */
static const char *string_flag(const strata_config_flags *f, int id,
                               const char **name)
{
    switch (id) {
    case K_MIGRATIONS:
        *name = "--migrations";
        return f->migrations;
    case K_SCHEMA:
        *name = "--schema";
        return f->schema;
    case K_LOCK_WAIT:
        *name = "--lock-wait";
        return f->lock_wait;
    case K_LOCK_TIMEOUT:
        *name = "--lock-timeout";
        return f->lock_timeout;
    case K_STATEMENT_TIMEOUT:
        *name = "--statement-timeout";
        return f->statement_timeout;
    case K_WAIT:
        *name = "--wait";
        return f->wait;
    case K_FORMAT:
        *name = "--format";
        return f->format;
    default:
        return NULL;
    }
}

/* The on/off flags: -1 = not given. */
static int switch_flag(const strata_config_flags *f, int id)
{
    switch (id) {
    case K_ALLOW_LOCKING:
        return f->allow_locking;
    case K_CREATE_SCHEMA:
        return f->create_schema;
    case K_TRANSACTION_PER:
        return f->single_transaction;
    default:
        return -1;
    }
}

static int set_defaults(ctx *x, strata_config *c)
{
    /* Without a migrations key the directory is still the ini's
     * neighbour: `strata init` writes them side by side. */
    if (!(c->migrations = join_dir(x->dir, "migrations")) ||
        !(c->history_table = strdup("strata_history")) ||
        !(c->version_table = strdup("strata_version")))
        return strata__nomem(x->err);
    c->lock_wait_ms = 60000;
    c->lock_timeout_ms = 5000;
    c->statement_timeout_ms = 0;
    c->wait_ms = 0;
    c->progress_interval_ms = 10000;
    c->lock_retries = 5;
    c->transaction_per_run = 0;
    c->allow_locking = 0;
    c->create_schema = 0;
    c->online_indexes = STRATA_ONLINE_AUTO;
    c->max_file_size = (size_t)16 * 1024 * 1024;
    return STRATA_OK;
}

/* Every key but url and driver_path: flags > chosen section > [strata]
 * > default.  An ini value is only expanded when no flag overrides it. */
static int load_keys(ctx *x, strata_config *c, const strata_config_flags *f)
{
    for (int id = 0; id < K_COUNT; id++) {
        const char *fv, *fname = NULL;
        char *val, *where;
        int rc, sw;

        if (id == K_URL || id == K_DRIVER_PATH)
            continue; /* driver_path: refused by check_ini */
        if ((fv = string_flag(f, id, &fname))) {
            if (!*fv)
                return empty_value(x->err, fname);
            rc = apply(c, id, fv, fname, NULL, x->err);
        } else if ((sw = switch_flag(f, id)) >= 0) {
            if (id == K_ALLOW_LOCKING)
                c->allow_locking = sw != 0;
            else if (id == K_CREATE_SCHEMA)
                c->create_schema = sw != 0;
            else
                c->transaction_per_run = sw != 0;
            rc = STRATA_OK;
        } else {
            rc = ini_value(x, key_names[id], &val, &where);
            if (rc == 1) {
                rc = apply(c, id, val, where, x->dir, x->err);
                free(val);
                free(where);
            }
        }
        if (rc != STRATA_OK)
            return rc;
    }
    return STRATA_OK;
}

/* --driver-path, then STRATA_DRIVER_PATH; never the ini (check_ini). */
static int load_driver_path(ctx *x, strata_config *c,
                            const strata_config_flags *f)
{
    const char *env = getenv("STRATA_DRIVER_PATH");
    int rc;

    if (f->driver_path &&
        (rc = add_paths(c, f->driver_path, x->err)) != STRATA_OK)
        return rc;
    if (env && (rc = add_paths(c, env, x->err)) != STRATA_OK)
        return rc;
    return STRATA_OK;
}

int strata__config_load(strata_config *out, const strata_config_flags *flags,
                        strata_error *err)
{
    static const strata_config_flags none = STRATA_CONFIG_FLAGS_INIT;
    ctx x = {.err = err};
    int rc;

    if (!out)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "config: no output");
    memset(out, 0, sizeof *out);
    if (!flags)
        flags = &none;
    rc = load_ini(&x, out, flags);
    if (rc == STRATA_OK)
        rc = register_urls(&x, flags);
    if (rc == STRATA_OK)
        rc = check_ini(&x);
    if (rc == STRATA_OK)
        rc = choose_section(&x, out, flags);
    if (rc == STRATA_OK)
        rc = load_url(&x, out, flags);
    if (rc == STRATA_OK)
        rc = set_defaults(&x, out);
    if (rc == STRATA_OK)
        rc = load_keys(&x, out, flags);
    if (rc == STRATA_OK)
        rc = load_driver_path(&x, out, flags);
    /* The embedded default's database lives beside the migrations
     * directory, wherever that ended up. */
    if (rc == STRATA_OK && !out->base_dir &&
        !(out->base_dir = dir_of(out->migrations)))
        rc = strata__nomem(err);
    if (x.ini)
        iniparser_freedict(x.ini);
    free(x.dir);
    if (rc != STRATA_OK)
        strata__config_free(out);
    return rc;
}

int strata__config_envs(const strata_config_flags *flags, char ***out,
                        size_t *n, strata_error *err)
{
    strata_config c = {0};
    ctx x = {.err = err};
    int rc = load_ini(&x, &c, flags);

    *out = NULL;
    *n = 0;
    for (int i = 0; rc == STRATA_OK && x.ini && i < iniparser_getnsec(x.ini);
         i++) {
        const char *sec = iniparser_getsecname(x.ini, i);

        if (sec && strcmp(sec, DEFAULTS_SECTION) != 0)
            rc = list_add(out, n, strdup(sec), err);
    }
    if (x.ini)
        iniparser_freedict(x.ini);
    free(x.dir);
    strata__config_free(&c);
    return rc;
}

void strata__config_free(strata_config *c)
{
    if (!c)
        return;
    free(c->ini_path);
    free(c->env);
    free(c->url);
    free(c->url_source);
    free(c->url_shadowed);
    free(c->base_dir);
    free(c->migrations);
    free(c->dump_schema);
    free(c->history_table);
    free(c->version_table);
    free(c->schema);
    free(c->session_sql);
    free(c->format);
    free_list(&c->driver_path, &c->ndriver_path);
    free_list(&c->dialects, &c->ndialects);
    memset(c, 0, sizeof *c);
}
