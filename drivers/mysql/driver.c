/* driver.c - the MySQL/MariaDB driver's table: connections (URL, option
 * files, the strict session strata runs in), statements, transactions,
 * the GET_LOCK migration lock and quoting. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <errmsg.h>
#include <mysqld_error.h>

#include "abi/free.h"
#include "my.h"
#include "../common/poll.h"
#include "../common/sqllist.h"

const strata_host *my_host;

/* Milliseconds between two GET_LOCK attempts while waiting. */
#define MY_LOCK_POLL_MS 50
/* Seconds the second session of my_cancel may take to connect, and
 * each of its reads and writes, where the URL sets no connect-timeout. */
#define MY_CANCEL_TIMEOUT_S 5U
/* GET_LOCK names: MySQL takes 64 characters. */
#define MY_LOCK_NAME_MAX 64

/* The session strata's own statements run in (docs/dialects.md §7): strict, so
 * an overlong value is an error, not a warning; no ANSI_QUOTES, so "x"
 * is a string as the splitter assumes; no NO_BACKSLASH_ESCAPES, so
 * quote_literal's escaping holds. */
#define MY_SQL_MODE                                                        \
    "STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"                      \
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"

int my_backslashes(const strata_conn *c)
{
    const my_conn *q = (const my_conn *)c;

    return !q || !q->m ||
           !(q->m->server_status & SERVER_STATUS_NO_BACKSLASH_ESCAPES);
}

int my_is_mysql8(const strata_conn *c)
{
    const my_conn *q = (const my_conn *)c;

    return q && q->version && q->mysql8;
}

unsigned long my_version(const strata_conn *c)
{
    const my_conn *q = (const my_conn *)c;

    return q && q->version ? q->version : MY_OFFLINE_VERSION;
}

/* The operation a statement performs, for messages: its text with
 * whitespace folded, cut before the online clauses the server refused,
 * and "..." when it does not fit (the message buffer is
 * STRATA_ERRMSG_SIZE). */
static void op_text(const char *sql, char *out, size_t size)
{
    size_t n = 0;
    int gap = 0;

    for (const char *p = sql ? sql : ""; *p; p++) {
        if (strncasecmp(p, ", ALGORITHM=", 12) == 0 ||
            strncasecmp(p, ", LOCK=", 7) == 0)
            break;
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            gap = n > 0;
            continue;
        }
        if (n + gap + 1 >= size) {
            /* no room: end with "..." */
            n = size > 4 ? size - 4 : 0;
            memcpy(out + n, "...", size > 4 ? 3 : 0);
            n += size > 4 ? 3 : 0;
            break;
        }
        if (gap)
            out[n++] = ' ';
        gap = 0;
        out[n++] = *p;
    }
    out[n] = '\0';
}

int my_db_error(my_conn *q, const char *sql)
{
    unsigned int err = q->m ? mysql_errno(q->m) : 0;
    const char *msg = q->m ? mysql_error(q->m) : "not connected";
    const char *state = q->m ? mysql_sqlstate(q->m) : "";
    char what[96];
    int code = STRATA_ERR_DB;

    switch (err) {
    case ER_LOCK_WAIT_TIMEOUT: /* 1205: metadata lock or row lock */
    case ER_LOCK_DEADLOCK:     /* 1213: InnoDB rolled the work back */
        code = STRATA_ERR_LOCKED;
        break;
    case ER_ALTER_OPERATION_NOT_SUPPORTED:        /* 1845 */
    case ER_ALTER_OPERATION_NOT_SUPPORTED_REASON: /* 1846 */
        op_text(sql, what, sizeof what);
        return my_host->error(&q->base, STRATA_ERR_POLICY, state,
                              "%s: not possible online: %s (errno %u)",
                              what[0] ? what : "ALTER TABLE", msg, err);
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
        code = STRATA_ERR_CONN;
        break;
    case CR_OUT_OF_MEMORY:
        code = STRATA_ERR_NOMEM;
        break;
    default:
        break;
    }
    if (state && *state && strcmp(state, "00000") != 0)
        return my_host->error(&q->base, code, state,
                              "%s (errno %u, SQLSTATE %s)", msg, err, state);
    return my_host->error(&q->base, code, NULL, "%s (errno %u)", msg, err);
}

/* ---- the URL ------------------------------------------------------------ */

typedef struct my_url {
    char *user, *password, *host, *database, *socket;
    unsigned int port;
    char *ssl_mode, *ssl_ca, *ssl_capath, *ssl_cert, *ssl_key;
    char *ssl_cipher;
    unsigned int connect_timeout;
} my_url;

static void url_free(my_url *u)
{
    char **all[] = {&u->user,    &u->password,   &u->host,
                    &u->database, &u->socket,    &u->ssl_mode,
                    &u->ssl_ca,  &u->ssl_capath, &u->ssl_cert,
                    &u->ssl_key, &u->ssl_cipher};

    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        my_host->free(*all[i]);
        *all[i] = NULL;
    }
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* s[0..n) percent-decoded into host memory; NULL with *bad = 1 for a
 * malformed escape or an encoded NUL, NULL alone when out of memory. */
static char *pct_decode(const char *s, size_t n, int *bad)
{
    char *out = my_host->alloc(n + 1);
    size_t o = 0;

    *bad = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;

            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                my_host->free(out);
                *bad = 1;
                return NULL;
            }
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
            continue;
        }
        out[o++] = s[i];
    }
    out[o] = '\0';
    return out;
}

/* Decode s[0..n) into *dst; an empty part stays NULL (the client's
 * defaults and option files decide).  No message quotes the URL (it
 * may hold a password): the core names it, masked. */
static int url_part(strata_conn *c, const char *what, const char *s,
                    size_t n, char **dst)
{
    int bad;

    my_host->free(*dst);
    *dst = NULL;
    if (!n)
        return STRATA_OK;
    if (!(*dst = pct_decode(s, n, &bad))) {
        if (!bad)
            return drv_nomem(c);
        return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "bad %%-escape in the %s of the MySQL URL",
                              what);
    }
    return STRATA_OK;
}

static int parse_uint(const char *s, size_t n, unsigned long max,
                      unsigned long *out)
{
    unsigned long v = 0;

    if (!n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (unsigned long)(s[i] - '0');
        if (v > max)
            return -1;
    }
    *out = v;
    return 0;
}

/* One ?key=value of the URL.  Both ssl-mode and ssl_mode spellings. */
static int url_param(strata_conn *c, my_url *u, const char *k, size_t kn,
                     const char *v, size_t vn)
{
    static const char *const names[] = {
        "socket", "ssl-mode", "ssl-ca", "ssl-capath", "ssl-cert",
        "ssl-key", "ssl-cipher", "connect-timeout"};
    char key[32];
    size_t i;
    unsigned long t;

    if (kn >= sizeof key)
        kn = sizeof key - 1;
    for (i = 0; i < kn; i++)
        key[i] = k[i] == '_' ? '-' : (char)(k[i] | 0x20);
    key[kn] = '\0';
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(key, names[i]) == 0)
            break;
    switch (i) {
    case 0:
        return url_part(c, "socket", v, vn, &u->socket);
    case 1:
        return url_part(c, "ssl-mode", v, vn, &u->ssl_mode);
    case 2:
        return url_part(c, "ssl-ca", v, vn, &u->ssl_ca);
    case 3:
        return url_part(c, "ssl-capath", v, vn, &u->ssl_capath);
    case 4:
        return url_part(c, "ssl-cert", v, vn, &u->ssl_cert);
    case 5:
        return url_part(c, "ssl-key", v, vn, &u->ssl_key);
    case 6:
        return url_part(c, "ssl-cipher", v, vn, &u->ssl_cipher);
    case 7:
        if (parse_uint(v, vn, 86400, &t) != 0)
            return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                                  "connect-timeout in the MySQL URL must be "
                                  "a number of seconds");
        u->connect_timeout = (unsigned int)t;
        return STRATA_OK;
    default:
        return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "unknown parameter '%.*s' in the MySQL URL "
                              "(known: socket, ssl-mode, ssl-ca, "
                              "ssl-capath, ssl-cert, ssl-key, ssl-cipher, "
                              "connect-timeout)",
                              (int)kn, k);
    }
}

/* mysql://[user[:password]@][host][:port][/database][?k=v&...], also
 * mariadb://; every part %-decoded, host may be [ipv6]. */
static int url_parse(strata_conn *c, const char *url, my_url *u)
{
    const char *p, *auth_end, *host_end, *path, *query, *end, *colon;
    unsigned long port;
    int rc;

    memset(u, 0, sizeof *u);
    if (!url)
        return my_host->error(c, STRATA_ERR_CONFIG, NULL, "no URL");
    if (strncasecmp(url, "mysql://", 8) == 0)
        p = url + 8;
    else if (strncasecmp(url, "mariadb://", 10) == 0)
        p = url + 10;
    else
        return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "not a MySQL URL (use mysql://user:pass@"
                              "host:port/database)");
    end = p + strlen(p);
    /* The first '@' before the first '/' ends the credentials, as libpq
     * and the core read it: an unencoded '?' or '#' is part of the
     * password; an unencoded '@' is not (the core refuses such a URL;
     * docs/design.md §10.3). */
    auth_end = memchr(p, '@', strcspn(p, "/"));
    if (auth_end) {
        colon = memchr(p, ':', (size_t)(auth_end - p));
        if ((rc = url_part(c, "user", p,
                           (size_t)((colon ? colon : auth_end) - p),
                           &u->user)) ||
            (colon && (rc = url_part(c, "password", colon + 1,
                                     (size_t)(auth_end - colon - 1),
                                     &u->password))))
            return rc;
        /* An empty password written as "user:@" is a password. */
        if (colon && colon + 1 == auth_end &&
            !(u->password = my_host->strdup("")))
            return drv_nomem(c);
        p = auth_end + 1;
    }
    query = strchr(p, '?');
    if (!query)
        query = end;
    path = memchr(p, '/', (size_t)(query - p));
    if (!path)
        path = query;
    if (memchr(p, '@', (size_t)(path - p)))
        return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "the MySQL URL has an '@' after its user "
                              "name and password: write an '@' in them "
                              "as %%40");
    host_end = path;
    colon = NULL;
    if (*p == '[') {
        const char *close = memchr(p, ']', (size_t)(path - p));

        if (!close)
            return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                                  "unclosed [ in the host of the MySQL "
                                  "URL");
        if ((rc = url_part(c, "host", p + 1, (size_t)(close - p - 1),
                           &u->host)))
            return rc;
        if (close + 1 < path && close[1] == ':')
            colon = close + 1;
        else if (close + 1 != path)
            return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                                  "bad host in the MySQL URL");
    } else {
        colon = memchr(p, ':', (size_t)(path - p));
        if ((rc = url_part(c, "host", p,
                           (size_t)((colon ? colon : host_end) - p),
                           &u->host)))
            return rc;
    }
    if (colon) {
        if (parse_uint(colon + 1, (size_t)(path - colon - 1), 65535,
                       &port) != 0)
            return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                                  "bad port in the MySQL URL");
        u->port = (unsigned int)port;
    }
    if (path < query &&
        (rc = url_part(c, "database", path + 1,
                       (size_t)(query - path - 1), &u->database)))
        return rc;
    if (u->database && strchr(u->database, '/'))
        return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "bad database in the MySQL URL");
    for (p = query < end ? query + 1 : end; p < end;) {
        const char *amp = strchr(p, '&'), *eq;

        if (!amp)
            amp = end;
        eq = memchr(p, '=', (size_t)(amp - p));
        if (amp > p) {
            if (!eq)
                return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                                      "a parameter of the MySQL URL has "
                                      "no value");
            if ((rc = url_param(c, u, p, (size_t)(eq - p), eq + 1,
                                (size_t)(amp - eq - 1))))
                return rc;
        }
        p = amp < end ? amp + 1 : end;
    }
    return STRATA_OK;
}

/* TLS options.  MariaDB Connector/C has no ssl-mode: REQUIRED enforces
 * TLS, VERIFY_CA and VERIFY_IDENTITY also verify the certificate. */
static int tls_options(strata_conn *c, MYSQL *m, const my_url *u)
{
    const char *mode = u->ssl_mode;
    int enforce = 0, verify = 0;

    if (mode && strcasecmp(mode, "DISABLED") != 0 &&
        strcasecmp(mode, "PREFERRED") != 0 &&
        strcasecmp(mode, "REQUIRED") != 0 &&
        strcasecmp(mode, "VERIFY_CA") != 0 &&
        strcasecmp(mode, "VERIFY_IDENTITY") != 0)
        return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                              "ssl-mode in the MySQL URL must be DISABLED, "
                              "PREFERRED, REQUIRED, VERIFY_CA or "
                              "VERIFY_IDENTITY");
    if (mode && strcasecmp(mode, "DISABLED") == 0) {
        if (u->ssl_ca || u->ssl_capath || u->ssl_cert || u->ssl_key)
            return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                                  "ssl-mode=DISABLED with certificates in "
                                  "the MySQL URL");
        return STRATA_OK;
    }
    enforce = mode && strcasecmp(mode, "PREFERRED") != 0;
    verify = mode && strncasecmp(mode, "VERIFY_", 7) == 0;
    /* options rather than mysql_ssl_set, which MySQL 8.3's client
     * dropped */
    if (u->ssl_key)
        mysql_options(m, MYSQL_OPT_SSL_KEY, u->ssl_key);
    if (u->ssl_cert)
        mysql_options(m, MYSQL_OPT_SSL_CERT, u->ssl_cert);
    if (u->ssl_ca)
        mysql_options(m, MYSQL_OPT_SSL_CA, u->ssl_ca);
    if (u->ssl_capath)
        mysql_options(m, MYSQL_OPT_SSL_CAPATH, u->ssl_capath);
    if (u->ssl_cipher)
        mysql_options(m, MYSQL_OPT_SSL_CIPHER, u->ssl_cipher);
#ifdef LIBMARIADB
    {
        my_bool on = 1;

        if (enforce)
            mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &on);
        if (verify)
            mysql_options(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on);
    }
#else
    {
        unsigned int v = !mode ? SSL_MODE_PREFERRED
                         : strcasecmp(mode, "REQUIRED") == 0
                             ? SSL_MODE_REQUIRED
                         : strcasecmp(mode, "VERIFY_CA") == 0
                             ? SSL_MODE_VERIFY_CA
                         : strcasecmp(mode, "VERIFY_IDENTITY") == 0
                             ? SSL_MODE_VERIFY_IDENTITY
                             : SSL_MODE_PREFERRED;

        (void)enforce;
        (void)verify;
        mysql_options(m, MYSQL_OPT_SSL_MODE, &v);
    }
#endif
    return STRATA_OK;
}

/* ---- connect ------------------------------------------------------------ */


typedef struct first_row {
    char *v[4];
    int rows;
    int oom;
} first_row;

static int first_row_cb(void *payload, int ncols, const char *const *v,
                        const char *const *names)
{
    first_row *f = payload;

    (void)names;
    if (f->rows++)
        return 0;
    for (int i = 0; i < ncols && i < 4; i++)
        if (v[i] && !(f->v[i] = my_host->strdup(v[i])))
            f->oom = 1;
    return 0;
}

static void first_row_free(first_row *f)
{
    for (int i = 0; i < 4; i++)
        my_host->free(f->v[i]);
    memset(f, 0, sizeof *f);
}

static unsigned long parse_version(const char *v)
{
    unsigned long part[3] = {0, 0, 0};
    int i = 0;

    for (const char *p = v ? v : ""; *p && i < 3; p++) {
        if (*p >= '0' && *p <= '9')
            part[i] = part[i] * 10 + (unsigned long)(*p - '0');
        else if (*p == '.')
            i++;
        else
            break;
    }
    return part[0] * 10000 + part[1] * 100 + part[2];
}

/* The database strata works in: exists (or is created when allowed),
 * then USE. */
static int use_database(my_conn *q, const char *db, const strata_kv *opts)
{
    strata_conn *c = &q->base;
    strata_buf b = {0};
    first_row f = {0};
    const char *create = drv_opt(opts, "create");
    const char *create_schema = drv_opt(opts, "create_schema");
    int rc;

    rc = my_host->buf_printf(&b, "SELECT DEFAULT_CHARACTER_SET_NAME FROM "
                                 "information_schema.SCHEMATA WHERE "
                                 "SCHEMA_NAME = ");
    if (!rc)
        rc = my_ql(&b, db, 1);
    if (rc) {
        my_host->buf_free(&b);
        return drv_nomem(c);
    }
    rc = my_query(c, b.data, first_row_cb, &f);
    my_host->buf_free(&b);
    if (rc == STRATA_OK && f.oom)
        rc = drv_nomem(c);
    if (rc != STRATA_OK) {
        first_row_free(&f);
        return rc;
    }
    if (!f.rows) {
        if (create && strcmp(create, "0") == 0)
            return my_host->error(c, STRATA_ERR_NOTFOUND, NULL,
                                  "database %s does not exist", db);
        if (!create_schema || strcmp(create_schema, "1") != 0)
            return my_host->error(c, STRATA_ERR_CONFIG, NULL,
                                  "database %s does not exist "
                                  "(create_schema = true or "
                                  "--create-schema creates it)", db);
        /* utf8mb4 whatever the server's default (MariaDB's is often
         * latin1), so every table in it, raw or portable, holds any
         * text: the database's default, never a table option. */
        if (my_host->buf_printf(&b, "CREATE DATABASE IF NOT EXISTS ") ||
            my_qi(&b, db) ||
            my_host->buf_printf(&b, " CHARACTER SET utf8mb4")) {
            my_host->buf_free(&b);
            return drv_nomem(c);
        }
        rc = my_exec(c, b.data);
        my_host->buf_free(&b);
        if (rc != STRATA_OK)
            return rc;
    }
    first_row_free(&f);
    if (mysql_select_db(q->m, db) != 0)
        return my_db_error(q, NULL);
    q->database = my_host->strdup(db);
    DRV_ALLOC_CHECK(q->database, c);
    return STRATA_OK;
}

/* The session settings of docs/dialects.md §6 and §7, for c's flavour (MariaDB
 * 10.11 when c is not connected: offline scripts print them). */
static int my_session_sql(strata_conn *c, const strata_kv *opts,
                          strata_sql_list *out)
{
    strata_buf b = {0};
    long lock_ms, stmt_ms, secs;
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = drv_opt_ms(c, opts, "lock_timeout_ms", 5000, &lock_ms)) ||
        (rc = drv_opt_ms(c, opts, "statement_timeout_ms", 0, &stmt_ms)))
        return rc;
    /* Whole seconds, at least one: 0 would mean "fail at once" for
     * InnoDB and is refused for lock_wait_timeout. */
    secs = (lock_ms + 999) / 1000;
    if (secs < 1)
        secs = 1;
    if (secs > 31536000)
        secs = 31536000;
    rc = my_host->buf_printf(&b,
                             "SET SESSION sql_mode = '%s', "
                             "time_zone = '+00:00', "
                             "lock_wait_timeout = %ld, "
                             "innodb_lock_wait_timeout = %ld",
                             MY_SQL_MODE, secs, secs > 1073741824L
                                                    ? 1073741824L
                                                    : secs);
    /* MariaDB caps any statement (seconds, fractional); MySQL only
     * SELECTs (milliseconds). */
    if (!rc && my_is_mysql8(c))
        rc = my_host->buf_printf(&b, ", max_execution_time = %ld",
                                 stmt_ms);
    else if (!rc)
        rc = my_host->buf_printf(&b, ", max_statement_time = %ld.%03ld",
                                 stmt_ms / 1000, stmt_ms % 1000);
    /* connect asks for utf8mb4 (MYSQL_SET_CHARSET_NAME); a script says
     * so itself, and routines and triggers keep it. */
    if (!rc)
        rc = drv_sql_push(my_host, out, "SET NAMES utf8mb4");
    if (!rc)
        rc = drv_sql_emit(my_host, out, &b, 0, NULL, NULL, NULL);
    my_host->buf_free(&b);
    if (rc) {
        strata_abi_sql_list_free(my_host, out);
        return drv_nomem(c);
    }
    return STRATA_OK;
}

static int session_settings(my_conn *q, const strata_kv *opts)
{
    strata_sql_list set = {0};
    int rc = my_session_sql(&q->base, opts, &set);

    for (size_t i = 0; i < set.count && rc == STRATA_OK; i++)
        rc = my_exec(&q->base, set.items[i].sql);
    strata_abi_sql_list_free(my_host, &set);
    return rc;
}

/* A session to u's server as strata opens it, into *out; on failure
 * the error is on c and *out is NULL.  timeout_s > 0 bounds the connect
 * and each read and write where the URL sets no connect-timeout (the
 * second session of my_cancel). */
static int open_session(strata_conn *c, const my_url *u,
                        unsigned int timeout_s, MYSQL **out)
{
    unsigned int zero = 0;
    MYSQL *m;
    int rc;

    *out = NULL;
    m = mysql_init(NULL);
    DRV_ALLOC_CHECK(m, c);
    /* ~/.my.cnf and the system option files, group [client]: what the
     * URL leaves out (user, password, host, socket, TLS) comes from
     * there, as for the mysql client. */
    mysql_options(m, MYSQL_READ_DEFAULT_GROUP, "client");
    mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_options(m, MYSQL_OPT_LOCAL_INFILE, &zero);
    if (u->connect_timeout)
        mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &u->connect_timeout);
    else if (timeout_s)
        mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout_s);
    if (timeout_s) {
        mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &timeout_s);
        mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &timeout_s);
    }
    if ((rc = tls_options(c, m, u)) != STRATA_OK) {
        mysql_close(m);
        return rc;
    }
    /* No CLIENT_MULTI_STATEMENTS: exec takes exactly one statement. The
     * database is chosen after, so a missing one is told apart. */
    if (!mysql_real_connect(m, u->host, u->user, u->password, NULL, u->port,
                            u->socket, 0)) {
        unsigned int err = mysql_errno(m);

        rc = my_host->error(c,
                            err == CR_OUT_OF_MEMORY ? STRATA_ERR_NOMEM
                                                    : STRATA_ERR_CONN,
                            mysql_sqlstate(m), "%s (errno %u)",
                            mysql_error(m), err);
        mysql_close(m);
        return rc;
    }
    /* Connector/C's "enforce" falls back to plain text when the server
     * has no TLS: ssl-mode=REQUIRED is checked here. */
    if (u->ssl_mode && strcasecmp(u->ssl_mode, "DISABLED") != 0 &&
        strcasecmp(u->ssl_mode, "PREFERRED") != 0 &&
        !mysql_get_ssl_cipher(m)) {
        mysql_close(m);
        return my_host->error(c, STRATA_ERR_CONN, NULL,
                              "ssl-mode=%s, but the connection is not "
                              "encrypted (the server has no TLS)",
                              u->ssl_mode);
    }
    *out = m;
    return STRATA_OK;
}

static int my_connect(strata_conn *c, const char *url,
                      const strata_kv *opts)
{
    my_conn *q = (my_conn *)c;
    const char *schema = drv_opt(opts, "schema");
    const char *allow = drv_opt(opts, "allow_locking");
    my_url u;
    first_row f = {0};
    int rc;

    if (q->m)
        return my_host->error(c, STRATA_ERR_INVALID, NULL,
                              "connection is already open");
    my_host->free(q->database); /* left by a failed connect */
    q->database = NULL;
    q->allow_locking = allow && strcmp(allow, "1") == 0;
    if ((rc = url_parse(c, url, &u)) != STRATA_OK ||
        (rc = open_session(c, &u, 0, &q->m)) != STRATA_OK)
        goto done;
    /* What my_cancel needs, read here: it runs on another thread while
     * this session is busy. */
    q->thread_id = mysql_thread_id(q->m);
    q->url = my_host->strdup(url);
    DRV_ALLOC_GOTO(q->url, c, rc, done);
    /* Flavour and version, read once: MariaDB and MySQL 8 differ in
     * CHECK syntax and in what runs INSTANT or INPLACE. */
    rc = my_query(c, "SELECT VERSION(), DATABASE()", first_row_cb, &f);
    if (rc == STRATA_OK && (f.oom || !f.v[0]))
        rc = f.oom ? drv_nomem(c)
                   : my_host->error(c, STRATA_ERR_CONN, NULL,
                                    "the server did not say its version");
    if (rc != STRATA_OK)
        goto done;
    q->mysql8 = !strstr(f.v[0], "MariaDB");
    q->version = parse_version(f.v[0]);
    if (!schema || !*schema)
        schema = u.database && *u.database ? u.database : f.v[1];
    if (!schema || !*schema) {
        rc = my_host->error(c, STRATA_ERR_CONFIG, NULL,
                            "no database: name one in the URL "
                            "(mysql://host/DATABASE) or with --schema");
        goto done;
    }
    if ((rc = use_database(q, schema, opts)) == STRATA_OK)
        rc = session_settings(q, opts);
done:
    first_row_free(&f);
    url_free(&u);
    return rc;
}

static int my_unlock(strata_conn *c, const char *key);

static void my_disconnect(strata_conn *c)
{
    my_conn *q = (my_conn *)c;

    q->begin_owed = 0; /* an empty transaction ends with the session */
    if (q->m && q->lock_name)
        my_unlock(c, NULL);
    /* Closing the session also frees any GET_LOCK it still holds. */
    if (q->m)
        mysql_close(q->m);
    q->m = NULL;
    my_host->free(q->lock_name);
    q->lock_name = NULL;
    my_host->free(q->database);
    q->database = NULL;
    if (q->watch)
        mysql_close(q->watch);
    q->watch = NULL;
    q->watch_failed = 0;
    my_host->free(q->url);
    q->url = NULL;
    q->thread_id = 0;
    q->version = 0;
    q->mysql8 = 0;
}

/* ---- statements --------------------------------------------------------- */

/* Read and free the results after the first one (CALL returns a status
 * result after its rows), so the connection is ready for the next
 * statement. */
static int drain_more(my_conn *q, const char *sql)
{
    MYSQL_RES *res;
    int st;

    while (mysql_more_results(q->m)) {
        st = mysql_next_result(q->m);
        if (st > 0)
            return my_db_error(q, sql);
        if (st < 0)
            break;
        res = mysql_store_result(q->m);
        if (res)
            mysql_free_result(res);
        else if (mysql_field_count(q->m) != 0)
            return my_db_error(q, sql);
    }
    return STRATA_OK;
}

/* The first result too: exec discards rows. */
static int drain(my_conn *q, const char *sql)
{
    MYSQL_RES *res = mysql_store_result(q->m);

    if (res)
        mysql_free_result(res);
    else if (mysql_field_count(q->m) != 0)
        return my_db_error(q, sql);
    return drain_more(q, sql);
}

static int run(my_conn *q, const char *sql)
{
    if (!q->m)
        return drv_not_connected(&q->base, MY_SERVER);
    if (!sql)
        return my_host->error(&q->base, STRATA_ERR_INVALID, NULL,
                              "no SQL statement");
    if (q->begin_owed) {
        q->begin_owed = 0;
        if (mysql_real_query(q->m, MY_BEGIN_SQL, strlen(MY_BEGIN_SQL)) != 0)
            return my_db_error(q, MY_BEGIN_SQL);
    }
    if (mysql_real_query(q->m, sql, (unsigned long)strlen(sql)) != 0)
        return my_db_error(q, sql);
    return STRATA_OK;
}

int my_exec(strata_conn *c, const char *sql)
{
    my_conn *q = (my_conn *)c;
    int rc = run(q, sql);

    return rc == STRATA_OK ? drain(q, sql) : rc;
}

int my_query(strata_conn *c, const char *sql, strata_row_cb cb,
             void *payload)
{
    my_conn *q = (my_conn *)c;
    MYSQL_RES *res;
    MYSQL_FIELD *fields;
    MYSQL_ROW row;
    const char **names = NULL;
    unsigned int n, i;
    int rc = run(q, sql);

    if (rc != STRATA_OK)
        return rc;
    res = mysql_store_result(q->m);
    if (!res) {
        if (mysql_field_count(q->m) != 0)
            return my_db_error(q, sql);
        return drain_more(q, sql); /* a statement without rows */
    }
    n = mysql_num_fields(res);
    fields = mysql_fetch_fields(res);
    if (n && !(names = my_host->alloc(n * sizeof *names))) {
        mysql_free_result(res);
        drain_more(q, sql);
        return drv_nomem(c);
    }
    for (i = 0; i < n; i++)
        names[i] = fields[i].name;
    while ((row = mysql_fetch_row(res)) != NULL) {
        /* The callback may have set its own message on c: keep it. */
        if (cb && cb(payload, (int)n, (const char *const *)row, names)) {
            rc = STRATA_ERR_USER;
            break;
        }
    }
    if (rc == STRATA_OK && mysql_errno(q->m))
        rc = my_db_error(q, sql);
    mysql_free_result(res);
    my_host->free(names);
    if (rc == STRATA_ERR_USER) {
        drain_more(q, sql);
        return rc;
    }
    return rc == STRATA_OK ? drain_more(q, sql) : rc;
}

int my_catalog_query(strata_conn *c, const char *sql, strata_row_cb cb,
                     void *payload)
{
    my_conn *q = (my_conn *)c;
    int owed = q->begin_owed, rc;

    q->begin_owed = 0;
    rc = my_query(c, sql, cb, payload);
    q->begin_owed = owed;
    return rc;
}

/* START TRANSACTION waits for the transaction's first statement (run()):
 * InnoDB takes no snapshot before it anyway, and an empty transaction
 * costs two round trips for nothing (bench/RESULTS.md, MariaDB apply). */
static int my_begin(strata_conn *c)
{
    my_conn *q = (my_conn *)c;

    if (!q->m)
        return drv_not_connected(c, MY_SERVER);
    q->begin_owed = 1;
    return STRATA_OK;
}

/* COMMIT or ROLLBACK; nothing to send for a transaction never begun. */
static int end_txn(strata_conn *c, const char *sql)
{
    my_conn *q = (my_conn *)c;

    if (q->begin_owed) {
        q->begin_owed = 0;
        return STRATA_OK;
    }
    return my_exec(c, sql);
}
static int my_commit(strata_conn *c) { return end_txn(c, "COMMIT"); }
static int my_rollback(strata_conn *c) { return end_txn(c, "ROLLBACK"); }

/* ---- the migration lock ------------------------------------------------- */

/* 'strata:' + database (lowercase, cut) + ':' + 16 hex digits of a hash
 * of the database and the core's key (which names schema and history
 * table), at most 64 characters.  MariaDB 10.11 compares lock names by
 * case though its manual says otherwise (docs/dialects.md §6): one lowercase
 * spelling, while the hash keeps "App" and "app" apart. */
static int lock_name(const char *db, const char *key, strata_buf *out)
{
    uint64_t h = UINT64_C(14695981039346656037);
    size_t n = strlen(db), room = MY_LOCK_NAME_MAX - 7 - 1 - 16;
    int rc;

    for (const char *p = db;; p++) {
        h = (h ^ (unsigned char)*p) * UINT64_C(1099511628211);
        if (!*p)
            break;
    }
    for (const char *p = key ? key : ""; *p; p++)
        h = (h ^ (unsigned char)*p) * UINT64_C(1099511628211);
    rc = my_host->buf_append(out, "strata:", 7);
    for (size_t i = 0; !rc && i < n && i < room; i++) {
        char ch = db[i] >= 'A' && db[i] <= 'Z' ? (char)(db[i] | 0x20)
                                              : db[i];

        /* Only whole UTF-8 characters: a cut inside one would be an
         * invalid name. */
        if ((unsigned char)ch >= 0x80 && i + 4 > room)
            break;
        rc = my_host->buf_append(out, &ch, 1);
    }
    while (!rc && out->len > 7 &&
           ((unsigned char)out->data[out->len - 1] & 0xc0) == 0x80)
        out->data[--out->len] = '\0';
    while (!rc && out->len > 7 &&
           ((unsigned char)out->data[out->len - 1] & 0xc0) == 0xc0)
        out->data[--out->len] = '\0';
    if (!rc)
        rc = my_host->buf_printf(out, ":%016llx", (unsigned long long)h);
    return rc;
}

typedef struct lock_row {
    int got;   /* 1 obtained, 0 busy, -1 NULL (error) */
    long long holder;
} lock_row;

static int lock_cb(void *payload, int ncols, const char *const *v,
                   const char *const *names)
{
    lock_row *r = payload;

    (void)names;
    if (ncols > 0)
        r->got = v[0] ? atoi(v[0]) : -1;
    if (ncols > 1)
        r->holder = v[1] ? atoll(v[1]) : 0;
    return 0;
}

static int my_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    my_conn *q = (my_conn *)c;
    strata_buf name = {0}, sql = {0}, who = {0};
    struct timespec t0;
    lock_row r;
    int rc;

    if (!q->m)
        return drv_not_connected(c, MY_SERVER);
    if (q->lock_name)
        return STRATA_OK; /* held: GET_LOCK would stack a second one */
    if (lock_name(q->database ? q->database : "", key, &name) ||
        my_host->buf_printf(&sql, "SELECT GET_LOCK(") ||
        my_ql(&sql, name.data, 1) || my_host->buf_printf(&sql, ", 0)") ||
        my_host->buf_printf(&who, "SELECT 0, IS_USED_LOCK(") ||
        my_ql(&who, name.data, 1) || my_host->buf_printf(&who, ")")) {
        rc = drv_nomem(c);
        goto done;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* GET_LOCK(name, 0) polled, never a blocking wait: the server frees
     * the lock when this session ends, so a crash leaves none. */
    for (;;) {
        r.got = -1;
        r.holder = 0;
        if ((rc = my_query(c, sql.data, lock_cb, &r)) != STRATA_OK)
            goto done;
        if (r.got == 1)
            break;
        if (r.got < 0) {
            rc = my_host->error(c, STRATA_ERR_DB, NULL,
                                "GET_LOCK('%s') failed", name.data);
            goto done;
        }
        if (!drv_poll_sleep(&t0, wait_ms, MY_LOCK_POLL_MS)) {
            r.holder = 0;
            my_query(c, who.data, lock_cb, &r);
            rc = my_host->error(c, STRATA_ERR_BUSY, NULL,
                                "migration lock '%s' is held by "
                                "connection %lld; gave up after %lu ms",
                                name.data, r.holder,
                                (unsigned long)wait_ms);
            goto done;
        }
    }
    q->lock_name = name.data;
    memset(&name, 0, sizeof name);
    rc = STRATA_OK;
done:
    my_host->buf_free(&name);
    my_host->buf_free(&sql);
    my_host->buf_free(&who);
    return rc;
}

static int my_unlock(strata_conn *c, const char *key)
{
    my_conn *q = (my_conn *)c;
    strata_buf sql = {0};
    int rc;

    (void)key;
    if (!q->lock_name)
        return STRATA_OK;
    if (!q->m) {
        my_host->free(q->lock_name);
        q->lock_name = NULL;
        return STRATA_OK;
    }
    if (my_host->buf_printf(&sql, "SELECT RELEASE_LOCK(") ||
        my_ql(&sql, q->lock_name, 1) || my_host->buf_printf(&sql, ")")) {
        my_host->buf_free(&sql);
        return drv_nomem(c);
    }
    rc = my_query(c, sql.data, NULL, NULL);
    my_host->buf_free(&sql);
    my_host->free(q->lock_name);
    q->lock_name = NULL;
    return rc;
}

/* ---- quoting and small questions ---------------------------------------- */

static int my_quote_ident(strata_conn *c, const char *ident, strata_buf *out)
{
    if (!ident || !out)
        return my_host->error(c, STRATA_ERR_INVALID, NULL,
                              "nothing to quote");
    return my_qi(out, ident) ? drv_nomem(c) : STRATA_OK;
}

static int my_quote_literal(strata_conn *c, const char *s, strata_buf *out)
{
    if (!s || !out)
        return my_host->error(c, STRATA_ERR_INVALID, NULL,
                              "nothing to quote");
    return my_ql(out, s, my_backslashes(c)) ? drv_nomem(c) : STRATA_OK;
}

static int version_cb(void *payload, int ncols, const char *const *v,
                      const char *const *names)
{
    char **out = payload;

    (void)names;
    if (ncols > 0 && v[0] && !*out)
        *out = my_host->strdup(v[0]);
    return 0;
}

static int my_server_version(strata_conn *c, char **out)
{
    int rc;

    *out = NULL;
    if (!((my_conn *)c)->m)
        return drv_not_connected(c, MY_SERVER);
    rc = my_query(c, "SELECT VERSION()", version_cb, out);
    if (rc == STRATA_OK && !*out)
        return drv_nomem(c);
    return rc;
}

/* The server says in every reply whether a transaction is open. */
static int my_in_transaction(strata_conn *c, int *out)
{
    my_conn *q = (my_conn *)c;

    *out = q->m && (q->begin_owed ||
                    (q->m->server_status & SERVER_STATUS_IN_TRANS) != 0);
    return STRATA_OK;
}

int my_open_second(strata_conn *own, const char *url, MYSQL **out)
{
    my_url u;
    int rc;

    *out = NULL;
    rc = url_parse(own, url, &u);
    if (rc == STRATA_OK)
        rc = open_session(own, &u, MY_CANCEL_TIMEOUT_S, out);
    url_free(&u);
    return rc;
}

/* The driver table's cancel(): KILL QUERY from a second session, the
 * first being busy, opened from the URL connect kept; its errors go to a
 * strata_conn of its own and are logged.  One that comes while no
 * statement runs is dropped by the server. */
static int my_cancel(strata_conn *c)
{
    const my_conn *q = (const my_conn *)c;
    strata_conn own = {0};
    MYSQL *m = NULL;
    char sql[48];
    int rc;

    if (!q->url || !q->thread_id)
        return STRATA_ERR_CONN;
    own.host = my_host;
    mysql_thread_init(); /* a thread the client library has not seen */
    rc = my_open_second(&own, q->url, &m);
    if (rc == STRATA_OK) {
        snprintf(sql, sizeof sql, "KILL QUERY %lu", q->thread_id);
        /* 1094: no such thread, the statement and its session ended */
        if (mysql_real_query(m, sql, (unsigned long)strlen(sql)) != 0 &&
            mysql_errno(m) != ER_NO_SUCH_THREAD)
            rc = my_host->error(&own, STRATA_ERR_DB, mysql_sqlstate(m),
                                "%s (errno %u)", mysql_error(m),
                                mysql_errno(m));
    }
    if (m)
        mysql_close(m);
    mysql_thread_end();
    if (rc != STRATA_OK)
        my_host->log(STRATA_LOG_WARN, "could not cancel the statement: %s",
                     own.errmsg);
    return rc;
}

static const char *const my_schemes[] = {"mysql", "mariadb", NULL};

/* What an offline script writes for begin(); the mysql client splits
 * the script on ';' itself. */
static const strata_script_words my_script = {
    .client = "mariadb DATABASE < FILE (MariaDB 10.11)",
    .begin = MY_BEGIN_SQL,
    .client_splits = 1,
};

STRATA_DRIVER_DEFINE(my_host,
    .name = "mysql",
    .version = "0.1.0",
    .schemes = my_schemes,
    .caps = STRATA_CAP_SAVEPOINT | STRATA_CAP_ADVISORY_LOCK |
            STRATA_CAP_ONLINE_INDEX | STRATA_CAP_NATIVE_CHECK |
            STRATA_CAP_NATIVE_FK_ALTER,
    .conn_size = sizeof(my_conn),
    .ident_max = MY_IDENT_MAX,
    .ident_flags = STRATA_IDENT_CHARS,
    /* table names as the server on Linux keeps them
     * (lower_case_table_names = 0); other names without case */
    .name_flags = STRATA_NAME_KEEP_CASE | STRATA_NAME_TABLE_EXACT,
    .connect = my_connect,
    .disconnect = my_disconnect,
    .exec = my_exec,
    .query = my_query,
    .begin = my_begin,
    .commit = my_commit,
    .rollback = my_rollback,
    .cancel = my_cancel,
    .progress = my_progress,
    .progress_ms = MY_PROGRESS_MS,
    .tables_exist = my_tables_exist,
    .lock = my_lock,
    .unlock = my_unlock,
    .split = my_split,
    .quote_ident = my_quote_ident,
    .quote_literal = my_quote_literal,
    .server_version = my_server_version,
    .table_exists = my_table_exists,
    .in_transaction = my_in_transaction,
    .introspect = my_introspect,
    .render = my_render,
    .index_table = my_index_table,
    .type_family = my_type_family,
    .same_expr = my_same_expr,
    .session_sql = my_session_sql,
    .is_session_setting = my_is_session_setting,
    .schema_objects = my_schema_objects,
    .scratch_create = my_scratch_create,
    .scratch_drop = my_scratch_drop,
    .script = &my_script);
