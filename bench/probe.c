/* bench/probe.c - a latency probe for the server benchmarks: runs one SQL
 * statement over and over on one connection (autocommit) and records when
 * each run started and ended, so that a benchmark can say how long a
 * writer or a reader was held up while strata (or a baseline) ran DDL.
 *
 * Built by the benchmark scripts, once per client library:
 *   cc -O2 -DPROBE_PG -o pg_probe bench/probe.c $(pkg-config --cflags --libs libpq)
 *   cc -O2 -DPROBE_MY -o my_probe bench/probe.c $(pkg-config --cflags --libs libmariadb)
 *
 * Usage:
 *   pg_probe CONNINFO SQL INTERVAL_US OUT
 *   my_probe HOST PORT USER DATABASE SQL INTERVAL_US OUT
 *     (the MariaDB password comes from $PROBE_PASSWORD, never argv)
 *
 * After connecting it prints "ready" on stdout.  It then starts SQL every
 * INTERVAL_US microseconds (the next run starts at once when one took
 * longer: a closed loop, so a blocked statement holds up the runs after it
 * as it would an application's), until the file OUT.stop exists or 15
 * minutes have passed.  Then it writes one line per run to OUT,
 *   START_NS END_NS OK
 * (CLOCK_MONOTONIC nanoseconds, the clock python3's time.monotonic_ns()
 * reads; OK is 1, or 0 when the statement failed), and prints
 * "runs N errors E" on stdout.  Exit 0 when every run succeeded, 1 when
 * some failed (the first errors are printed on stderr), 2 on a usage,
 * connection or memory error.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(PROBE_PG)
#include <libpq-fe.h>
#elif defined(PROBE_MY)
#include <mysql.h>
#else
#error "build with -DPROBE_PG or -DPROBE_MY"
#endif

#define MAX_SECONDS (15 * 60)

typedef struct {
    int64_t start, end;
    int ok;
} sample;

static int64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void sleep_until(int64_t t)
{
    struct timespec ts;

    ts.tv_sec = (time_t)(t / 1000000000);
    ts.tv_nsec = (long)(t % 1000000000);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
           EINTR)
        ;
}

#if defined(PROBE_PG)
static PGconn *conn;

static int db_connect(char **argv, int argc)
{
    if (argc != 5)
        return -1;
    conn = PQconnectdb(argv[1]);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "probe: connect: %s", PQerrorMessage(conn));
        return 2;
    }
    return 0;
}

/* 1 done, 0 failed (message in *msg), -1 connection lost */
static int db_run(const char *sql, const char **msg)
{
    PGresult *r = PQexec(conn, sql);
    int st = r ? (int)PQresultStatus(r) : -1;
    int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;

    PQclear(r);
    if (!ok)
        *msg = PQerrorMessage(conn);
    if (!ok && PQstatus(conn) != CONNECTION_OK)
        return -1;
    return ok;
}

static void db_close(void) { PQfinish(conn); }
#else
static MYSQL *conn;

static int db_connect(char **argv, int argc)
{
    const char *pw = getenv("PROBE_PASSWORD");
    unsigned port;

    if (argc != 8)
        return -1;
    port = (unsigned)strtoul(argv[2], NULL, 10);
    if (!(conn = mysql_init(NULL)))
        return 2;
    if (!mysql_real_connect(conn, argv[1], argv[3], pw, argv[4], port, NULL,
                            0)) {
        fprintf(stderr, "probe: connect: %s\n", mysql_error(conn));
        return 2;
    }
    return 0;
}

static int db_run(const char *sql, const char **msg)
{
    MYSQL_RES *res;
    int ok = mysql_query(conn, sql) == 0;

    if (ok) {
        /* Read (and drop) a result set: a reader's rows are part of its
         * latency. */
        if ((res = mysql_store_result(conn)))
            mysql_free_result(res);
        else if (mysql_field_count(conn) != 0)
            ok = 0;
    }
    if (!ok) {
        unsigned e = mysql_errno(conn);

        *msg = mysql_error(conn);
        if (e == 2006 || e == 2013) /* server gone, lost connection */
            return -1;
    }
    return ok;
}

static void db_close(void) { mysql_close(conn); }
#endif

int main(int argc, char **argv)
{
#if defined(PROBE_PG)
    const int nargs = 5;
    const char *usage = "usage: pg_probe CONNINFO SQL INTERVAL_US OUT\n";
#else
    const int nargs = 8;
    const char *usage =
        "usage: my_probe HOST PORT USER DATABASE SQL INTERVAL_US OUT\n";
#endif
    const char *sql, *out, *msg = "";
    char *stopfile;
    long interval_us;
    size_t n = 0, cap = 0, errors = 0;
    sample *s = NULL;
    int64_t t0, t_end, next;
    FILE *f;
    int rc;

    if (argc != nargs) {
        fputs(usage, stderr);
        return 2;
    }
    sql = argv[argc - 3];
    interval_us = strtol(argv[argc - 2], NULL, 10);
    out = argv[argc - 1];
    if (interval_us < 0) {
        fputs(usage, stderr);
        return 2;
    }
    if (!(stopfile = malloc(strlen(out) + 6)))
        return 2;
    sprintf(stopfile, "%s.stop", out);
    if ((rc = db_connect(argv, argc)) != 0) {
        if (rc < 0)
            fputs(usage, stderr);
        return 2;
    }
    printf("ready\n");
    fflush(stdout);

    t_end = now_ns() + (int64_t)MAX_SECONDS * 1000000000;
    next = now_ns();
    while (access(stopfile, F_OK) != 0) {
        if (n == cap) {
            sample *m;

            cap = cap ? cap * 2 : 65536;
            if (!(m = realloc(s, cap * sizeof *s))) {
                fprintf(stderr, "probe: out of memory\n");
                return 2;
            }
            s = m;
        }
        t0 = now_ns();
        rc = db_run(sql, &msg);
        s[n].start = t0;
        s[n].end = now_ns();
        s[n].ok = rc == 1;
        n++;
        if (rc != 1 && errors++ < 5)
            fprintf(stderr, "probe: %s: %s\n", sql, msg);
        if (rc < 0) {
            fprintf(stderr, "probe: connection lost\n");
            break;
        }
        if (s[n - 1].end > t_end) {
            fprintf(stderr, "probe: ran %d s without a stop file\n",
                    MAX_SECONDS);
            break;
        }
        next = t0 + (int64_t)interval_us * 1000;
        if (next > s[n - 1].end)
            sleep_until(next);
    }
    db_close();

    if (!(f = fopen(out, "w"))) {
        fprintf(stderr, "probe: %s: %s\n", out, strerror(errno));
        return 2;
    }
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%lld %lld %d\n", (long long)s[i].start,
                (long long)s[i].end, s[i].ok);
    if (fclose(f) != 0) {
        fprintf(stderr, "probe: %s: %s\n", out, strerror(errno));
        return 2;
    }
    printf("runs %zu errors %zu\n", n, errors);
    free(s);
    free(stopfile);
    return errors ? 1 : 0;
}
