/* fleet_run.c - the fleet's worker pool: a forked process per target
 * runs the verb as 'strata VERB' would (cli's strata__cli_run_in), with
 * its stdout and stderr in the target's log, and sends its outcome back
 * through a pipe; the parent starts at most -j at once and stops
 * starting after a failure (unless told to go on) or a failed canary. */
#include "cli/fleet_run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/commands.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/fileio.h"
#include "util/interrupt.h"
#include "util/output.h"

/* Milliseconds between two looks at the interrupt flag while waiting. */
#define POLL_MS 200

/* A running target: its process and the read end of its pipe. */
typedef struct worker {
    pid_t pid;
    int fd;
    size_t target;
    long long t0;
    strata_buf msg; /* what the child sent so far */
} worker;

void strata__fleet_results_free(strata_fleet_result *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++) {
        strata__strings_free(r[i].from, r[i].nfrom);
        strata__strings_free(r[i].to, r[i].nto);
        free(r[i].error);
        free(r[i].log);
    }
    free(r);
}

/* --- the child --------------------------------------------------------- */

/* Append a key and its value, each ending in NUL. */
static void send_field(strata_buf *b, char key, const char *value)
{
    char k[2] = {key, '\0'};

    strata__buf_append(b, k, 2);
    strata__buf_append(b, value, strlen(value) + 1);
}

static void send_rows(strata_buf *b, char key, char *const *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        send_field(b, key, rows[i]);
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);

        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return; /* the parent is gone: nobody to tell */
        p += k;
        n -= (size_t)k;
    }
}

/* Run the verb on target i and exit with its code; never returns. */
static void child(const strata_fleet_plan *p, size_t i, int out, int log)
{
    const strata_fleet_target *t = &p->targets->v[i];
    strata_cli sub = *p->verb;
    strata_buf msg = {0};
    strata_ctx x;
    char **to = NULL, code[16];
    size_t nto = 0;
    int rc;

    if (dup2(log, STDOUT_FILENO) < 0 || dup2(log, STDERR_FILENO) < 0)
        _exit(1);
    close(log);
    /* The parent has no watcher thread while it forks (it polls): this
     * child starts one of its own, so that a signal stops this run as it
     * would stop 'strata VERB' (the running statement cancelled,
     * recorded). */
    strata__interrupt_disarm();
    strata__interrupt_install();
    strata__color_init(1);
    strata__output_set_quiet(p->verb->quiet);
    if (t->url)
        sub.flags.url = t->url;
    if (t->schema)
        sub.flags.schema = t->schema;
    strata__out("strata fleet: %s on %s\n", sub.verb, t->shown);
    strata__ctx_init(&x, &sub);
    rc = strata__cli_run_in(&x);
    if (rc != STRATA_OK)
        strata__errout("%s", x.err.msg ? x.err.msg : strata_strerror(rc));
    if (x.connected && x.have_hist && x.hist.exists) {
        strata_error lerr = {0};

        if (strata__history_versions(&x.hist, &to, &nto, &lerr) != STRATA_OK)
            to = NULL, nto = 0;
        strata__error_clear(&lerr);
    }
    snprintf(code, sizeof code, "%d", strata__exit_code(rc));
    send_field(&msg, 'c', code);
    if (x.connected && x.have_hist)
        send_field(&msg, 'k', "read"); /* from and to are known */
    /* A read-only verb changes nothing: what it saw is both ends. */
    if (x.have_first_rows)
        send_rows(&msg, 'f', x.first_rows, x.nfirst_rows);
    else
        send_rows(&msg, 'f', to, nto);
    send_rows(&msg, 't', to, nto);
    if (rc != STRATA_OK)
        send_field(&msg, 'e', x.err.msg ? x.err.msg : strata_strerror(rc));
    strata__flush();
    fflush(stderr);
    strata__ctx_free(&x);
    strata__strings_free(to, nto);
    write_all(out, msg.data ? msg.data : "", msg.len);
    strata__buf_free(&msg);
    close(out);
    _exit(strata__exit_code(rc));
}

/* --- the parent -------------------------------------------------------- */

/* dir/NNNN-<target, masked, as a file name>.log */
static char *log_path(const char *dir, size_t i, const char *shown)
{
    strata_buf b = {0};

    strata__buf_printf(&b, "%s/%04zu-", dir, i + 1);
    for (size_t k = 0; shown[k] && k < 80; k++) {
        char c = shown[k];
        int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   (c >= '0' && c <= '9') || strchr("._-@", c);

        strata__buf_append(&b, keep ? &c : "_", 1);
    }
    if (strata__buf_puts(&b, ".log") != STRATA_OK) {
        strata__buf_free(&b);
        return NULL;
    }
    return strata__buf_take(&b);
}

static int start(const strata_fleet_plan *p, size_t i, worker *w,
                 strata_fleet_result *r, strata_error *err)
{
    int fds[2], log;

    r->log = log_path(p->logs, i, p->targets->v[i].shown);
    STRATA_ALLOC_CHECK(r->log, err);
    log = open(r->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log < 0)
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "fleet: cannot write the log %s: %s",
                                 r->log, strerror(errno));
    if (pipe(fds) != 0) {
        close(log);
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "fleet: cannot make a pipe: %s",
                                 strerror(errno));
    }
    /* What stdio holds would be written twice, by both processes. */
    fflush(NULL);
    memset(w, 0, sizeof *w);
    w->t0 = strata__mono_ms();
    w->pid = fork();
    if (w->pid == 0) {
        close(fds[0]);
        child(p, i, fds[1], log);
    }
    close(fds[1]);
    close(log);
    if (w->pid < 0) {
        close(fds[0]);
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "fleet: cannot start a process: %s",
                                 strerror(errno));
    }
    w->fd = fds[0];
    w->target = i;
    return STRATA_OK;
}

/* The rows with key k of the child's message, in order. */
static int take_rows(const strata_buf *m, char k, char ***out, size_t *n)
{
    *n = 0;
    *out = strata__alloc_array(m->len / 2 + 1, sizeof **out);
    if (!*out)
        return -1;
    for (size_t at = 0; at + 2 <= m->len;) {
        const char *key = m->data + at, *val = key + 2;

        if (val >= m->data + m->len)
            break;
        at = (size_t)(val - m->data) + strlen(val) + 1;
        if (key[0] == k && !((*out)[(*n)++] = strdup(val)))
            return -1;
    }
    return 0;
}

/* The child ended: its result from its message and its exit status. */
static int finish(worker *w, strata_fleet_result *r, strata_error *err)
{
    int status = 0, code;
    char **v = NULL;
    size_t n = 0;
    int oom;

    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    close(w->fd);
    r->ms = strata__mono_ms() - w->t0;
    code = WIFEXITED(status) ? WEXITSTATUS(status)
                             : 128 + (WIFSIGNALED(status) ? WTERMSIG(status)
                                                          : 0);
    r->exit_code = code;
    r->state = code == 0 ? STRATA_FLEET_DONE : STRATA_FLEET_FAILED;
    oom = take_rows(&w->msg, 'k', &v, &n);
    r->known = n > 0;
    strata__strings_free(v, n);
    v = NULL;
    n = 0;
    oom = oom || take_rows(&w->msg, 'f', &r->from, &r->nfrom) ||
          take_rows(&w->msg, 't', &r->to, &r->nto) ||
          take_rows(&w->msg, 'e', &v, &n);
    if (!oom && n) {
        r->error = v[0];
        v[0] = NULL;
    } else if (!oom && code && !n) {
        /* ended without saying why: killed, or out of memory */
        r->error = strata__sprintf("ended with %s %d (see its log)",
                                   WIFSIGNALED(status) ? "signal"
                                                       : "exit code",
                                   WIFSIGNALED(status) ? WTERMSIG(status)
                                                       : code);
        oom = !r->error;
    }
    strata__strings_free(v, n);
    strata__buf_free(&w->msg);
    return oom ? strata__nomem(err) : STRATA_OK;
}

/* Read what the workers sent; 1 in ended[i] for each one whose pipe
 * closed (it has exited or is about to).  pf has room for n. */
static int gather(worker *w, size_t n, struct pollfd *pf,
                  unsigned char *ended, strata_error *err)
{
    for (size_t i = 0; i < n; i++) {
        pf[i].fd = w[i].fd;
        pf[i].events = POLLIN;
        ended[i] = 0;
    }
    if (poll(pf, n, POLL_MS) < 0 && errno != EINTR)
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "fleet: poll: %s", strerror(errno));
    for (size_t i = 0; i < n; i++) {
        char chunk[4096];
        ssize_t k;

        if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        k = read(w[i].fd, chunk, sizeof chunk);
        if (k > 0) {
            if (strata__buf_append(&w[i].msg, chunk, (size_t)k) != STRATA_OK)
                return strata__nomem(err);
        } else if (k == 0 || errno != EINTR) {
            ended[i] = 1;
        }
    }
    return STRATA_OK;
}

/* Pool state shared by the loop's steps. */
typedef struct pool {
    const strata_fleet_plan *p;
    strata_fleet_result *r;
    worker *w;               /* jobs of each: the running ones */
    struct pollfd *pf;
    unsigned char *ended;
    size_t nw, next, limit;
    int stop, signo;
} pool;

static int reap(pool *s, strata_error *err)
{
    int rc = gather(s->w, s->nw, s->pf, s->ended, err);

    for (size_t i = s->nw; i-- > 0;) {
        strata_fleet_result *r = &s->r[s->w[i].target];
        strata_error lerr = {0};
        int frc;

        if (!s->ended[i])
            continue;
        /* ended or not in memory, it is gone: off the list either way */
        frc = finish(&s->w[i], r, rc == STRATA_OK ? err : &lerr);
        strata__error_clear(&lerr);
        if (rc == STRATA_OK)
            rc = frc;
        if (r->state == STRATA_FLEET_FAILED &&
            (!s->p->keep_going || s->limit < s->p->targets->n))
            s->stop = 1; /* a failure, or a failed canary */
        if (s->p->ended)
            s->p->ended(s->p->arg, s->w[i].target, r);
        s->w[i] = s->w[--s->nw];
    }
    return rc;
}

/* A signal: passed on to the running targets, which stop as 'strata
 * VERB' does; no new one starts. */
static void forward_signal(pool *s)
{
    int sig;

    strata__interrupt_poll(); /* no watcher thread while forking */
    sig = strata__interrupt_signal();

    if (!sig || s->signo)
        return;
    s->signo = sig;
    s->stop = 1;
    for (size_t i = 0; i < s->nw; i++)
        kill(s->w[i].pid, sig);
}

int strata__fleet_run(const strata_fleet_plan *p, strata_fleet_result *r,
                      int *signo, strata_error *err)
{
    pool s = {p, r, NULL, NULL, NULL, 0, 0, 0, 0, 0};
    char *created = NULL;
    int rc = STRATA_OK;

    *signo = 0;
    s.limit = p->canary && p->canary < p->targets->n ? p->canary
                                                     : p->targets->n;
    s.w = strata__alloc_array(p->jobs, sizeof *s.w);
    s.pf = strata__alloc_array(p->jobs, sizeof *s.pf);
    s.ended = calloc(p->jobs, 1);
    if (!s.w || !s.pf || !s.ended)
        rc = strata__nomem(err);
    if (rc == STRATA_OK)
        rc = strata__dir_create(p->logs, &created, err);
    free(created); /* the logs stay, with the folders made for them */
    /* Forked children inherit no lock the watcher thread held, and may
     * call what POSIX allows only a single-threaded parent's children:
     * the parent keeps no thread but this one while they start. */
    strata__interrupt_stop();
    strata__interrupt_poll(); /* one from before: exits, as unarmed */
    strata__interrupt_arm(NULL, NULL);
    while (rc == STRATA_OK) {
        while (rc == STRATA_OK && !s.stop && s.nw < p->jobs &&
               s.next < s.limit)
            if ((rc = start(p, s.next, &s.w[s.nw], &r[s.next], err)) ==
                STRATA_OK) {
                s.next++;
                s.nw++;
            }
        if (!s.nw && (s.stop || s.next == s.limit)) {
            /* the canaries all passed: the rest of the fleet */
            if (s.stop || s.limit == p->targets->n || rc != STRATA_OK)
                break;
            s.limit = p->targets->n;
            continue;
        }
        if (rc == STRATA_OK)
            rc = reap(&s, err);
        forward_signal(&s);
    }
    /* After an error of the fleet's own, the running ones still end. */
    while (s.nw) {
        strata_error lerr = {0};

        forward_signal(&s);
        reap(&s, &lerr);
        strata__error_clear(&lerr);
    }
    forward_signal(&s); /* one during the last reap counts, as armed */
    strata__interrupt_disarm();
    strata__interrupt_start();
    *signo = s.signo;
    free(s.w);
    free(s.pf);
    free(s.ended);
    return rc;
}
