/* built.c - a live database's schema, and what the chain builds: the
 * chain applied to a scratch database of the same engine (never the
 * offline replay, which only `--sql` uses). */
#include "cli/built.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/output.h"
#include "util/url.h"

/* The schema of an open session, strata's own tables left out. */
static int session_schema(strata_session *s, const strata_config *cfg,
                          strata_schema *out, strata_error *err)
{
    const char *skip[] = {cfg->history_table, cfg->version_table};

    return strata__schema_read(s->drv, s->conn, skip, 2, out, err);
}

int strata__live_schema(strata_ctx *x, strata_schema *out)
{
    int rc = strata__ctx_connect(x, 0, 0);

    memset(out, 0, sizeof *out);
    if (rc != STRATA_OK)
        return rc;
    if (x->absent)
        return strata__error_set(&x->err, STRATA_ERR_NOTFOUND,
                                 "%s: no such database", x->sess.url_masked);
    return session_schema(&x->sess, &x->cfg, out, &x->err);
}

/* The chain upgraded to rev on url, quietly, through a context of its
 * own; then its schema. */
static int build(strata_ctx *x, const char *url, const char *rev,
                 strata_schema *out)
{
    strata_cli cli = *x->cli;
    char *args[1] = {(char *)rev};
    int quiet = strata__output_quiet(), rc;
    strata_ctx y;

    cli.flags.url = url;
    cli.flags.create_schema = 1; /* the scratch database has none */
    /* Nobody writes to a scratch database: a change MySQL makes only
     * by copying the table (a type change) builds the same schema. */
    cli.flags.allow_locking = 1;
    cli.verb = "upgrade";
    cli.args = args;
    cli.nargs = rev ? 1 : 0;
    cli.json = cli.sql = cli.adopt = cli.ignore_checksums = 0;
    cli.dialect = cli.from = NULL;
    strata__ctx_init(&y, &cli);
    y.scratch = 1;
    strata__output_set_quiet(1);
    rc = strata__cmd_upgrade(&y);
    strata__output_set_quiet(quiet);
    if (rc == STRATA_OK)
        rc = session_schema(&y.sess, &y.cfg, out, &y.err);
    if (rc != STRATA_OK)
        strata__error_set(&x->err, rc,
                          "building the chain in a scratch database: %s",
                          y.err.msg ? y.err.msg : strata_strerror(rc));
    strata__ctx_free(&y);
    return rc;
}

int strata__scratch_make(strata_ctx *x, const char *dialect,
                         strata_scratch *out)
{
    const char *server = NULL;
    int rc = strata__ctx_chain(x);

    memset(out, 0, sizeof *out);
    if (rc != STRATA_OK)
        return rc;
    if (!dialect || strcmp(dialect, x->sess.drv->name) == 0) {
        /* A server engine makes the scratch database beside the
         * configured one; a missing SQLite file is no matter. */
        rc = strata__ctx_connect(x, 0, 0);
        if (rc != STRATA_OK)
            return rc;
        dialect = x->sess.drv->name;
    }
    if (x->connected && strcmp(dialect, x->sess.drv->name) == 0) {
        out->drv = x->sess.drv;
        out->conn = x->sess.conn;
        server = x->cfg.url;
    } else if (strata__chain_driver(&x->chain, dialect, &out->drv,
                                    &out->conn) != STRATA_OK) {
        return strata__error_set(&x->err, STRATA_ERR_NOTFOUND,
                                 "unknown dialect '%s': no driver for it "
                                 "is installed (see 'strata drivers')",
                                 dialect);
    }
    if (!out->drv->scratch_create || !out->drv->scratch_drop)
        return strata__error_set(&x->err, STRATA_ERR_NOTSUP,
                                 "the %s driver cannot make a scratch "
                                 "database (driver ABI 1.5)",
                                 out->drv->name);
    snprintf(out->name, sizeof out->name, "strata_scratch_%ld_%lld",
             (long)getpid(), strata__mono_ms() % 1000000);
    rc = out->drv->scratch_create(out->conn, server, out->name, &out->url);
    if (rc != STRATA_OK)
        return strata__error_set(
            &x->err, rc,
            "a scratch database on %s could not be made: %s%s",
            out->drv->name, out->conn->errmsg,
            server ? "" : " (give --url of a server of that dialect)");
    return STRATA_OK;
}

int strata__scratch_drop(strata_ctx *x, strata_scratch *s, int rc)
{
    int drc;

    if (!s->url)
        return rc;
    drc = s->drv->scratch_drop(s->conn, s->url);
    if (drc != STRATA_OK && rc == STRATA_OK)
        rc = strata__error_set(&x->err, drc,
                               "dropping the scratch database %s: %s",
                               s->name, s->conn->errmsg);
    free(s->url);
    s->url = NULL;
    return rc;
}

int strata__chain_built(strata_ctx *x, const char *dialect, const char *rev,
                        strata_schema *out)
{
    strata_scratch s;
    int rc = strata__scratch_make(x, dialect, &s);

    memset(out, 0, sizeof *out);
    if (rc != STRATA_OK)
        return rc;
    rc = build(x, s.url, rev, out);
    rc = strata__scratch_drop(x, &s, rc);
    if (rc != STRATA_OK)
        strata__schema_free(out);
    return rc;
}

/* A dump file: `schema dump --format json`'s, or its --json document. */
static int from_file(strata_ctx *x, const char *path, strata_schema *out)
{
    json_t *doc = NULL;
    const json_t *s;
    char *text = NULL;
    int rc = strata__schema_file(path, &text, &x->err);

    if (rc == STRATA_OK && text[strspn(text, " \t\r\n")] != '{')
        rc = strata__error_set(&x->err, STRATA_ERR_INVALID,
                               "%s is not a JSON dump; write one with "
                               "'strata schema dump --format json'",
                               path);
    if (rc == STRATA_OK)
        rc = strata__json_load(&doc, text, path, &x->err);
    if (rc == STRATA_OK) {
        s = json_object_get(doc, "schema");
        rc = strata__schema_from_json(s ? s : doc, path, out, &x->err);
    }
    json_decref(doc);
    free(text);
    return rc;
}

/* Another database: a context of its own with url in place of the
 * configured one. */
static int from_url(strata_ctx *x, const char *url, strata_schema *out)
{
    strata_cli cli = *x->cli;
    strata_ctx y;
    int rc;

    cli.flags.url = url;
    strata__ctx_init(&y, &cli);
    y.read_only = 1;
    rc = strata__live_schema(&y, out);
    if (rc != STRATA_OK)
        strata__error_set(&x->err, rc, "%s",
                          y.err.msg ? y.err.msg : strata_strerror(rc));
    strata__ctx_free(&y);
    return rc;
}

int strata__schema_operand(strata_ctx *x, const char *arg,
                           strata_schema *out)
{
    struct stat st;
    char *scheme;

    if (strncmp(arg, "chain:", 6) == 0)
        return strata__chain_built(x, NULL, arg[6] ? arg + 6 : NULL, out);
    if (stat(arg, &st) == 0 && S_ISREG(st.st_mode))
        return from_file(x, arg, out);
    scheme = strata__url_scheme(arg);
    if (!scheme)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "'%s' is neither a database URL, a "
                                 "dump file nor chain:REV",
                                 arg);
    free(scheme);
    return from_url(x, arg, out);
}

int strata__schema_text(strata_ctx *x, const strata_schema *s, int json,
                        char **out)
{
    const strata_driver *d;
    strata_conn *c;
    strata_buf b = {0};
    int rc;

    *out = NULL;
    if (json) {
        json_t *doc = strata__schema_json(s);
        char *text = doc ? json_dumps(doc, JSON_INDENT(2)) : NULL;

        json_decref(doc);
        if (!text || strata__buf_printf(&b, "%s\n", text) != STRATA_OK) {
            free(text);
            strata__buf_free(&b);
            return strata__nomem(&x->err);
        }
        free(text);
        *out = b.data;
        return STRATA_OK;
    }
    if (x->have_driver && strcmp(s->dialect, x->sess.drv->name) == 0) {
        d = x->sess.drv;
        c = x->sess.conn;
    } else if ((rc = strata__ctx_chain(x)) != STRATA_OK ||
               strata__chain_driver(&x->chain, s->dialect, &d, &c) !=
                   STRATA_OK) {
        return rc != STRATA_OK
                   ? rc
                   : strata__error_set(&x->err, STRATA_ERR_NOTFOUND,
                                       "no %s driver to quote the dump's "
                                       "names",
                                       s->dialect);
    }
    rc = strata__schema_sql(s, d, c, &b);
    if (rc != STRATA_OK) {
        strata__buf_free(&b);
        return strata__nomem(&x->err);
    }
    *out = b.data ? b.data : strdup("");
    return *out ? STRATA_OK : strata__nomem(&x->err);
}

int strata__schema_path_json(const char *path)
{
    size_t n = strlen(path);

    return n >= 5 && strcmp(path + n - 5, ".json") == 0;
}

int strata__schema_write(const char *path, const char *text,
                         strata_error *err)
{
    char *tmp = strata__sprintf("%s.XXXXXX", path);
    size_t n = strlen(text);
    FILE *f;
    int fd, ok;

    STRATA_ALLOC_CHECK(tmp, err);
    fd = mkstemp(tmp);
    f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        free(tmp);
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "cannot write %s: %s", path,
                                 strerror(errno));
    }
    ok = fwrite(text, 1, n, f) == n;
    ok = fclose(f) == 0 && ok;
    if (ok)
        (void)chmod(tmp, 0644); /* mkstemp's 0600 is for secrets */
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;

        unlink(tmp);
        free(tmp);
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "cannot write %s: %s", path, strerror(e));
    }
    free(tmp);
    return STRATA_OK;
}

int strata__schema_file(const char *path, char **text, strata_error *err)
{
    strata_buf b = {0};
    char chunk[8192];
    size_t n;
    FILE *f = fopen(path, "rb");

    *text = NULL;
    if (!f)
        return strata__error_set(err, errno == ENOENT ? STRATA_ERR_NOTFOUND
                                                      : STRATA_ERR_CONFIG,
                                 "cannot read %s: %s", path,
                                 strerror(errno));
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (strata__buf_append(&b, chunk, n) != STRATA_OK) {
            fclose(f);
            strata__buf_free(&b);
            return strata__nomem(err);
        }
    fclose(f);
    *text = b.data ? b.data : strdup("");
    return *text ? STRATA_OK : strata__nomem(err);
}

int strata__dump_schema(strata_ctx *x)
{
    const char *path = x->cfg.dump_schema;
    strata_schema s;
    char *text = NULL;
    int rc = strata__live_schema(x, &s);

    if (rc == STRATA_OK)
        rc = strata__schema_text(x, &s, strata__schema_path_json(path),
                                 &text);
    if (rc == STRATA_OK)
        rc = strata__schema_write(path, text, &x->err);
    free(text);
    strata__schema_free(&s);
    return rc;
}
