/* session.h - one database session: the driver for the URL, the
 * connection, the session settings and the migration lock. */
#ifndef STRATA_CORE_SESSION_H
#define STRATA_CORE_SESSION_H

#include "util/config.h"
#include "util/error.h"
#include "db/loader.h"

typedef struct strata_session {
    const strata_config *cfg; /* borrowed */
    strata_loaded *loaded;    /* owned */
    const strata_driver *drv; /* &loaded->drv */
    strata_conn *conn;        /* calloc(conn_size); owned */
    char *url_masked;         /* for messages; owned */
    char *server_version;     /* owned; NULL when unknown */
    char *lock_key;           /* owned */
    int connected;
    int locked;
    int read_only;            /* the verb only reads: of session_sql, only
                               * session settings run (set before
                               * strata__session_connect) */
} strata_session;

/* The options connect (and session_sql) get for cfg: timeouts, schema,
 * flags; kv ends with a NULL key and points into o. */
typedef struct strata_session_opts {
    char lock_to[32], stmt_to[32];
    strata_kv kv[11];
} strata_session_opts;

void strata__session_opts(strata_session_opts *o, const strata_config *cfg,
                          int create);

/* Load the driver for cfg->url's scheme (no connection yet).  Unknown
 * scheme or missing driver: STRATA_ERR_NOTFOUND; broken: STRATA_ERR_ABI. */
int strata__session_driver(strata_session *s, const strata_config *cfg,
                           const strata_driver_path *dp, strata_error *err);
/* Connect, then run cfg->session_sql (with s->read_only, only the
 * statements the driver's is_session_setting accepts; the others are
 * skipped with a warning).  With create == 0 a database that does not
 * exist yet is STRATA_ERR_NOTFOUND and nothing is created. */
int strata__session_connect(strata_session *s, int create,
                            strata_error *err);
/* Take the migration lock, waiting at most cfg->lock_wait_ms. */
int strata__session_lock(strata_session *s, strata_error *err);
void strata__session_close(strata_session *s);

/* Copy the connection's last error into err as "what: message". */
int strata__session_fail(strata_session *s, int rc, strata_error *err,
                         const char *what, ...) STRATA_PRINTF(4, 5);

/* Run one statement / a transaction verb, reporting errors into err. */
int strata__session_exec(strata_session *s, const char *sql,
                         strata_error *err);
int strata__session_begin(strata_session *s, strata_error *err);
int strata__session_commit(strata_session *s, strata_error *err);
int strata__session_rollback(strata_session *s, strata_error *err);

/* Sleep before retry attempt (0-based) after a lock timeout: doubling
 * from 100 ms, with jitter so that waiting deploys do not retry in step. */
void strata__session_backoff(int attempt);

#endif
