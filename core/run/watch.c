/* watch.c - a thread that asks the driver's progress() while a statement
 * of a migration runs and shows the answer: a bar redrawn in place on a
 * terminal, a plain line (or a JSON event) every progress_interval. */
#define _DEFAULT_SOURCE /* TIOCGWINSZ */
#include "run/watch.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/output.h"

#define DEFAULT_POLL_MS 1000 /* a driver's progress_ms of 0 */
#define BAR_CELLS 20

struct strata_watch {
    strata_session *s;
    int json, tty;
    long poll_ms;          /* progress() this often */
    pthread_t thread;
    pthread_mutex_t lock;  /* everything below */
    pthread_cond_t changed;
    int stop;
    unsigned long seq;     /* statements begun; tells a late answer */
    int running, failed, drawn;
    long long started;
    char *revision, *file; /* copies: the thread outlives nothing */
    unsigned line;
    /* The ETA's base: the first figures of the current phase. */
    char phase[64], unit[16];
    uint64_t base_done;
    long long base_ms;
};

/* Where the rate of the current phase starts; a new phase, unit or a
 * figure that went back starts it again. */
static void eta_base(strata_watch *w, const strata_progress *p,
                     long long now)
{
    if (strcmp(w->phase, p->phase) != 0 || strcmp(w->unit, p->unit) != 0 ||
        p->done < w->base_done) {
        memcpy(w->phase, p->phase, sizeof w->phase);
        memcpy(w->unit, p->unit, sizeof w->unit);
        w->base_done = p->done;
        w->base_ms = now;
    }
}

/* Milliseconds left at the phase's rate so far; -1 when unknown. */
static long long eta_ms(const strata_watch *w, const strata_progress *p,
                        long long now)
{
    double rate;

    if (!p->total || p->done <= w->base_done || now <= w->base_ms ||
        p->done >= p->total)
        return p->total && p->done >= p->total ? 0 : -1;
    rate = (double)(p->done - w->base_done) / (double)(now - w->base_ms);
    return (long long)((double)(p->total - p->done) / rate);
}

static int percent(const strata_progress *p)
{
    if (!p->total)
        return -1;
    return p->done >= p->total ? 100 : (int)(p->done * 100 / p->total);
}

/* "2 s", "4 min 12 s", "1 h 3 min". */
static void put_time(strata_buf *b, long long ms)
{
    long long s = (ms + 500) / 1000;

    if (s < 60)
        strata__buf_printf(b, "%lld s", s);
    else if (s < 3600)
        strata__buf_printf(b, "%lld min %lld s", s / 60, s % 60);
    else
        strata__buf_printf(b, "%lld h %lld min", s / 3600, s / 60 % 60);
}

/* What the statement is doing, in words: its phase and figures, or who
 * it waits for. */
static void put_state(strata_buf *b, const strata_progress *p, int pct,
                      int bar)
{
    if (p->waiting[0]) {
        char *who = strata__mask(p->waiting); /* may quote a statement */

        strata__buf_puts(b, who ? who : "waiting for a lock");
        free(who);
        if (p->phase[0])
            strata__buf_printf(b, " (%s)", p->phase);
        return;
    }
    strata__buf_puts(b, p->phase[0] ? p->phase : "running");
    if (p->total && strcmp(p->unit, "%") == 0) { /* only a fraction */
        if (!bar)
            strata__buf_printf(b, ": %d%%", pct);
    } else if (p->total && bar)
        strata__buf_printf(b, ": %" PRIu64 "/%" PRIu64 " %s", p->done,
                           p->total, p->unit);
    else if (p->total)
        strata__buf_printf(b, ": %" PRIu64 "/%" PRIu64 " %s (%d%%)",
                           p->done, p->total, p->unit, pct);
    else if (p->done)
        strata__buf_printf(b, ": %" PRIu64 " %s", p->done, p->unit);
}

static int columns(void)
{
    struct winsize ws;

    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return 80;
}

/* The bar, redrawn over the last one and cut to the terminal. */
static void draw(strata_watch *w, const strata_progress *p, long long now)
{
    strata_buf b = {0};
    int pct = percent(p), width = columns() - 1;
    long long eta = eta_ms(w, p, now);

    strata__buf_printf(&b, "%s:%u ", w->file, w->line);
    if (pct >= 0 && !p->waiting[0]) {
        int full = pct * BAR_CELLS / 100;

        strata__buf_puts(&b, "[");
        for (int i = 0; i < BAR_CELLS; i++)
            strata__buf_puts(&b, i < full ? "#" : "-");
        strata__buf_printf(&b, "] %3d%% ", pct);
    }
    /* the times before the words: a narrow terminal cuts the words */
    put_time(&b, now - w->started);
    if (eta >= 0 && !p->waiting[0]) {
        strata__buf_puts(&b, ", ETA ");
        put_time(&b, eta);
    }
    strata__buf_puts(&b, "  ");
    put_state(&b, p, pct, 1);
    if (b.data) {
        if (b.len > (size_t)width)
            b.data[width] = '\0';
        fprintf(stderr, "\r\033[K%s", b.data);
        fflush(stderr);
        w->drawn = 1;
    }
    strata__buf_free(&b);
}

static void plain(strata_watch *w, const strata_progress *p, long long now)
{
    strata_buf b = {0};
    int pct = percent(p);
    long long eta = eta_ms(w, p, now);

    put_state(&b, p, pct, 0);
    strata__buf_puts(&b, "; ");
    put_time(&b, now - w->started);
    if (eta >= 0 && !p->waiting[0]) {
        strata__buf_puts(&b, ", about ");
        put_time(&b, eta);
        strata__buf_puts(&b, " left");
    }
    if (b.data)
        strata__progress("%s:%u: %s", w->file, w->line, b.data);
    strata__buf_free(&b);
}

static json_t *text_or_null(const char *s)
{
    return *s ? strata__json_text(s) : json_null();
}

static json_t *count_or_null(int known, uint64_t v)
{
    return known ? json_integer((json_int_t)v) : json_null();
}

/* {"event":"progress",...}: docs/json.md. */
static void event(strata_watch *w, const strata_progress *p, long long now)
{
    int pct = percent(p);
    long long eta = eta_ms(w, p, now);
    char *waiting = p->waiting[0] ? strata__mask(p->waiting) : NULL;
    char *line = strata__json_dump_new(json_pack(
        "{s:s,s:o,s:o,s:i,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "event",
        "progress", "revision", strata__json_text(w->revision), "file",
        strata__json_text(w->file), "line", (int)w->line, "elapsed_ms",
        (json_int_t)(now - w->started), "phase", text_or_null(p->phase),
        "unit", text_or_null(p->unit), "done",
        count_or_null(p->total || p->done, p->done), "total",
        count_or_null(p->total != 0, p->total), "percent",
        pct >= 0 ? json_integer(pct) : json_null(), "eta_ms",
        eta >= 0 ? json_integer(eta) : json_null(), "waiting",
        waiting ? strata__json_text(waiting) : json_null()));

    if (line)
        strata__progress_line(line);
    free(line);
    free(waiting);
}

static void show(strata_watch *w, strata_progress *p, long long now)
{
    /* the driver's strings end inside their arrays, whatever it wrote */
    p->phase[sizeof p->phase - 1] = '\0';
    p->unit[sizeof p->unit - 1] = '\0';
    p->waiting[sizeof p->waiting - 1] = '\0';
    eta_base(w, p, now);
    if (w->tty)
        draw(w, p, now);
    else if (w->json) /* off a terminal one call is made per line */
        event(w, p, now);
    else
        plain(w, p, now);
}

static void *watcher(void *arg)
{
    strata_watch *w = arg;
    const strata_driver *drv = w->s->drv;

    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        struct timespec until;
        strata_progress p;
        unsigned long seq;
        long long now;
        int rc;

        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += w->poll_ms / 1000;
        until.tv_nsec += (w->poll_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->changed, &w->lock, &until);
        now = strata__mono_ms();
        /* A statement shorter than one interval shows nothing. */
        if (w->stop || !w->running || w->failed ||
            now - w->started < w->poll_ms)
            continue;
        seq = w->seq;
        /* Unlocked: the runner goes on (the next statement, bookkeeping)
         * while the engine answers; stop waits for the call. */
        pthread_mutex_unlock(&w->lock);
        memset(&p, 0, sizeof p);
        rc = drv->progress(w->s->conn, &p);
        pthread_mutex_lock(&w->lock);
        if (w->seq != seq || !w->running)
            continue; /* the answer is about a statement that ended */
        if (rc != STRATA_OK)
            w->failed = 1; /* the driver said why (log) */
        else
            show(w, &p, strata__mono_ms());
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

void strata__watch_start(strata_watch **out, strata_session *s, int json)
{
    strata_watch *w;
    long every = s->cfg->progress_interval_ms;

    *out = NULL;
    /* --json makes the text quiet; its events go to stderr anyway */
    if (!s->drv->progress || every <= 0 || (!json && strata__output_quiet()))
        return;
    if (!(w = calloc(1, sizeof *w)))
        return; /* progress is a nicety: the run goes on without it */
    w->s = s;
    w->json = json;
    w->tty = !json && isatty(STDERR_FILENO);
    /* Off a terminal, one call per line shown is enough. */
    w->poll_ms = w->tty ? (s->drv->progress_ms ? (long)s->drv->progress_ms
                                               : DEFAULT_POLL_MS)
                        : every;
    if (w->tty && w->poll_ms > every)
        w->poll_ms = every;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->changed, NULL);
    if (pthread_create(&w->thread, NULL, watcher, w) != 0) {
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->changed);
        free(w);
        return;
    }
    *out = w;
}

void strata__watch_begin(strata_watch *w, const char *revision,
                         const char *file, unsigned line)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    free(w->revision);
    free(w->file);
    w->revision = strdup(revision);
    w->file = strdup(file);
    w->running = w->revision && w->file; /* out of memory: not shown */
    w->line = line;
    w->seq++;
    w->failed = 0;
    w->started = strata__mono_ms();
    w->phase[0] = w->unit[0] = '\0';
    w->base_done = 0;
    pthread_mutex_unlock(&w->lock);
}

void strata__watch_end(strata_watch *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->running = 0;
    if (w->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        w->drawn = 0;
    }
    pthread_mutex_unlock(&w->lock);
}

void strata__watch_stop(strata_watch *w)
{
    if (!w)
        return;
    strata__watch_end(w);
    pthread_mutex_lock(&w->lock);
    w->stop = 1;
    pthread_cond_signal(&w->changed);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->changed);
    free(w->revision);
    free(w->file);
    free(w);
}
