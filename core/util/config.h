/* config.h - strata.ini, the environment and command-line flags merged
 * into one configuration (docs/design.md §10). */
#ifndef STRATA_CORE_CONFIG_H
#define STRATA_CORE_CONFIG_H

#include <stddef.h>

#include "util/error.h"

/* Flags given on the command line; NULL or -1 = not given. */
typedef struct strata_config_flags {
    const char *config_path; /* -c FILE; NULL = "strata.ini" if present */
    const char *env;         /* -e NAME */
    const char *url;         /* --url */
    const char *schema;      /* --schema */
    const char *driver_path; /* --driver-path */
    const char *migrations;  /* --migrations DIR */
    const char *lock_wait;   /* --lock-wait DURATION */
    const char *lock_timeout; /* --lock-timeout DURATION */
    const char *statement_timeout; /* --statement-timeout DURATION */
    int allow_locking;       /* --allow-locking: 1, else -1 */
    int create_schema;       /* --create-schema: 1, else -1 */
    int single_transaction;  /* --single-transaction: 1, else -1 */
    const char *wait;        /* --wait DURATION */
    const char *format;      /* --format NAME */
} strata_config_flags;

#define STRATA_CONFIG_FLAGS_INIT                                           \
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, -1, -1, -1, NULL}

typedef enum strata_online_indexes {
    STRATA_ONLINE_AUTO = 0,
    STRATA_ONLINE_ALWAYS = 1,
    STRATA_ONLINE_NEVER = 2
} strata_online_indexes;

typedef struct strata_config {
    char *ini_path;      /* the ini file read, NULL when none */
    char *env;           /* chosen section: -e NAME, else "dev" if present */
    char *url;           /* the database URL, ${VAR} expanded */
    char *url_source;    /* where url came from, for messages */
    char *url_shadowed;  /* the ini url that STRATA_URL or DATABASE_URL
                          * took precedence over ("strata.ini [dev] url"),
                          * NULL when none: current and status say so */
    char *base_dir;      /* where relative database paths start */
    char *migrations;    /* migrations directory (ini-relative resolved) */
    char *dump_schema;   /* ini dump_schema: the file the schema dump is
                          * written to after each migrating run (ini-
                          * relative resolved); NULL = none */
    char *history_table; /* default "strata_history" */
    char *version_table; /* default "strata_version" */
    char *schema;        /* NULL = the driver's default */
    char *session_sql;   /* NULL = none */
    char **driver_path;  /* --driver-path, then STRATA_DRIVER_PATH (':'
                          * separated lists split); never from the ini,
                          * which refuses a driver_path key */
    size_t ndriver_path;
    char **dialects;     /* ini "dialects"; empty = the URL's dialect */
    size_t ndialects;
    long lock_wait_ms;   /* default 60000 */
    long lock_timeout_ms; /* default 5000 */
    long statement_timeout_ms; /* default 0 = none */
    long wait_ms;        /* keep trying to connect this long; default 0 */
    long progress_interval_ms; /* a progress line of a long statement
                          * this often off a terminal; default 10000,
                          * 0 = no progress (docs/design.md §9.14) */
    int lock_retries;    /* default 5 */
    int transaction_per_run; /* transaction_per = run | migration */
    int allow_locking;
    int create_schema;
    strata_online_indexes online_indexes;
    size_t max_file_size; /* bytes; default 16 MiB */
    char *format;        /* the migrations folder's layout: NULL = auto
                          * (docs/adopting.md) */
} strata_config;

/* Read the ini (flags->config_path, else ./strata.ini when it exists),
 * apply the environment and flags, and fill out.  Errors are
 * STRATA_ERR_CONFIG naming the file (and section/key where known):
 * an explicit -c file missing or unreadable, an unknown section given
 * with -e, an unknown key, a bad value, a ${VAR} that is not set in a
 * value that is used.  Registers the URL's password as a secret. */
int strata__config_load(strata_config *out, const strata_config_flags *flags,
                        strata_error *err);
void strata__config_free(strata_config *c);

/* The environments of the ini flags name (-c FILE, else ./strata.ini
 * when it exists): every section but [strata], lowercase, in file
 * order; none without a file.  Free with strata__strings_free, also
 * after a failure. */
int strata__config_envs(const strata_config_flags *flags, char ***out,
                        size_t *n, strata_error *err);

/* "500ms", "5s", "2m", "1h" or bare seconds ("1.5" allowed) into ms. */
int strata__duration_parse(const char *s, long *ms);

/* Expand ${VAR} and ${VAR:-default} in s.  Returns a malloc'd string,
 * or NULL with *missing set to a malloc'd name of the unset variable
 * (NULL on out-of-memory). */
char *strata__expand_env(const char *s, char **missing);

#endif
