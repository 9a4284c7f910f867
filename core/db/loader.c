/* loader.c - find strata_<name>.so drivers, refuse unsafe or incompatible
 * ones with a message naming the file and both versions, load the rest. */

#include "db/loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buildconf.h" /* STRATA_DRIVERDIR, from the Makefile */
#include "db/host.h"
#include "util/alloc.h"
#include "util/msg.h"
#include "util/suggest.h"

/* The end of the last ABI 1.0 field: a driver table shorter than this
 * lacks pointers the core calls unconditionally. */
#define DRIVER_V1_0_SIZE                                                   \
    (offsetof(strata_driver, in_transaction) +                             \
     sizeof(((strata_driver *)0)->in_transaction))

/* The next name of STRATA_SHIPPED_DRIVERS (the Makefile's DRIVER_NAMES)
 * at or after *p: *p moves to it; its length, 0 at the end. */
static size_t shipped_next(const char **p)
{
    *p += strspn(*p, " ");
    return strcspn(*p, " ");
}

int strata__driver_shipped(const char *name)
{
    const char *w = STRATA_SHIPPED_DRIVERS;
    size_t len;

    for (; (len = shipped_next(&w)); w += len)
        if (len == strlen(name) && strncmp(w, name, len) == 0)
            return 1;
    return 0;
}

/* <directory of the running strata binary>/drivers, or NULL. */
static char *build_tree_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    char *slash;

    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return strata__sprintf("%s/drivers", buf);
}

static int path_add(strata_driver_path *p, const char *dir)
{
    char **d;

    for (size_t i = 0; i < p->ndirs; i++)
        if (strcmp(p->dirs[i], dir) == 0)
            return STRATA_OK;
    d = realloc(p->dirs, (p->ndirs + 1) * sizeof *d);
    if (!d)
        return STRATA_ERR_NOMEM;
    p->dirs = d;
    if (!(p->dirs[p->ndirs] = strdup(dir)))
        return STRATA_ERR_NOMEM;
    p->ndirs++;
    return STRATA_OK;
}

int strata__driver_path_init(strata_driver_path *p, char *const *dirs,
                             size_t ndirs, strata_error *err)
{
    char *tree = build_tree_dir();
    int rc = STRATA_OK;

    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < ndirs && rc == STRATA_OK; i++)
        rc = path_add(p, dirs[i]);
    if (rc == STRATA_OK && tree)
        rc = path_add(p, tree);
    if (rc == STRATA_OK)
        rc = path_add(p, STRATA_DRIVERDIR);
    free(tree);
    if (rc != STRATA_OK) {
        strata__driver_path_free(p);
        return strata__nomem(err);
    }
    return STRATA_OK;
}

void strata__driver_path_free(strata_driver_path *p)
{
    for (size_t i = 0; i < p->ndirs; i++)
        free(p->dirs[i]);
    free(p->dirs);
    p->dirs = NULL;
    p->ndirs = 0;
}

/* "strata_<name>.so" -> name (malloc'd), else NULL. */
static char *name_from_file(const char *path)
{
    const char *base = strrchr(path, '/');
    size_t n;

    base = base ? base + 1 : path;
    n = strlen(base);
    if (strncmp(base, "strata_", 7) != 0 || n <= 10 ||
        strcmp(base + n - 3, ".so") != 0)
        return NULL;
    return strndup(base + 7, n - 10);
}

/* Refuse what someone other than root or this user could have planted
 * or changed: st is the driver file's (dir NULL) or its directory's. */
static int check_trusted(const struct stat *st, const char *path,
                         const char *dir, strata_error *err)
{
    const char *who = st->st_mode & S_IWOTH   ? "world"
                      : st->st_mode & S_IWGRP ? "group"
                                              : NULL;
    long me = (long)geteuid();

    if (st->st_uid != 0 && (long)st->st_uid != me)
        return dir ? strata__error_set(err, STRATA_ERR_ABI,
                                       "%s: refusing a driver in directory "
                                       "%s owned by uid %ld (only root's "
                                       "and uid %ld's are trusted)",
                                       path, dir, (long)st->st_uid, me)
                   : strata__error_set(err, STRATA_ERR_ABI,
                                       "%s: refusing a driver owned by uid "
                                       "%ld (only root's and uid %ld's are "
                                       "trusted)",
                                       path, (long)st->st_uid, me);
    if (who)
        return dir ? strata__error_set(err, STRATA_ERR_ABI,
                                       "%s: refusing a driver in "
                                       "%s-writable directory %s",
                                       path, who, dir)
                   : strata__error_set(err, STRATA_ERR_ABI,
                                       "%s: refusing a %s-writable driver",
                                       path, who);
    return STRATA_OK;
}

/* "dir/base" -> "dir" ("/" at the root, "." without a slash). */
static char *dir_part(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return strdup(".");
    return strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* The failure to open path (errno e): a missing file is NOTFOUND, so
 * that a search goes on to the next directory. */
static int open_error(const char *path, int e, strata_error *err)
{
    if (e == ELOOP)
        return strata__error_set(err, STRATA_ERR_ABI,
                                 "%s: refusing a symbolic link (name the "
                                 "directory that holds the driver itself)",
                                 path);
    return strata__error_set(err,
                             e == ENOENT || e == ENOTDIR
                                 ? STRATA_ERR_NOTFOUND
                                 : STRATA_ERR_ABI,
                             "%s: %s", path, strerror(e));
}

/* Open path's directory, then the file in it without following a link,
 * and check both on their descriptors, so that what is checked is what
 * dlopen maps (through /proc/self/fd, never the path again): a regular
 * file, and a file and directory owned by root or this user that
 * neither group nor others can write.  *fd is the file's. */
static int open_driver(const char *path, int *fd, strata_error *err)
{
    char *dir = dir_part(path);
    const char *slash = strrchr(path, '/');
    struct stat fst, dst;
    int dfd, e, rc;

    *fd = -1;
    STRATA_ALLOC_CHECK(dir, err);
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    /* O_NONBLOCK: opening a FIFO planted there must not hang. */
    if (dfd >= 0)
        *fd = openat(dfd, slash ? slash + 1 : path,
                     O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    e = errno;
    if (*fd < 0 || fstat(*fd, &fst) != 0 || fstat(dfd, &dst) != 0)
        rc = open_error(path, *fd < 0 ? e : errno, err);
    else if (!S_ISREG(fst.st_mode))
        rc = strata__error_set(err, STRATA_ERR_ABI,
                               "%s: not a regular file", path);
    else if ((rc = check_trusted(&fst, path, NULL, err)) == STRATA_OK)
        rc = check_trusted(&dst, path, dir, err);
    if (rc != STRATA_OK && *fd >= 0) {
        close(*fd);
        *fd = -1;
    }
    if (dfd >= 0)
        close(dfd);
    free(dir);
    return rc;
}

static const char *const required_names[] = {
    "connect", "disconnect", "exec", "query", "begin", "commit",
    "rollback", "lock", "unlock", "split", "quote_ident", "quote_literal"};

/* The required pointers of d, in required_names order. */
static int required_missing(const strata_driver *d)
{
    const int present[] = {
        d->connect != NULL, d->disconnect != NULL, d->exec != NULL,
        d->query != NULL, d->begin != NULL, d->commit != NULL,
        d->rollback != NULL, d->lock != NULL, d->unlock != NULL,
        d->split != NULL, d->quote_ident != NULL, d->quote_literal != NULL};

    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        if (!present[i])
            return (int)i;
    return -1;
}

static int check_table(const strata_driver *t, const char *path,
                       const char *fname, strata_error *err)
{
    int missing;

    /* Version first, as PostgreSQL does: it explains everything else. */
    if (t->abi_major != STRATA_ABI_MAJOR)
        return strata__error_set(err, STRATA_ERR_ABI,
                                 "%s: driver ABI %u.%u, strata ABI %d.%d",
                                 path, t->abi_major, t->abi_minor,
                                 STRATA_ABI_MAJOR, STRATA_ABI_MINOR);
    if (t->struct_size < DRIVER_V1_0_SIZE)
        return strata__error_set(err, STRATA_ERR_ABI,
                                 "%s: driver table is %u bytes, strata ABI "
                                 "%d.0 needs at least %zu",
                                 path, (unsigned)t->struct_size,
                                 STRATA_ABI_MAJOR, DRIVER_V1_0_SIZE);
    if (!t->name || strcmp(t->name, fname) != 0)
        return strata__error_set(err, STRATA_ERR_ABI,
                                 "%s: driver name '%s' does not match its "
                                 "file name strata_%s.so",
                                 path, t->name ? t->name : "(null)", fname);
    missing = required_missing(t);
    if (missing >= 0)
        return strata__error_set(err, STRATA_ERR_ABI,
                                 "%s: required function '%s' is NULL", path,
                                 required_names[missing]);
    if (t->conn_size < sizeof(strata_conn))
        return strata__error_set(err, STRATA_ERR_ABI,
                                 "%s: conn_size %zu is smaller than "
                                 "strata_conn (%zu)",
                                 path, t->conn_size, sizeof(strata_conn));
    return STRATA_OK;
}

/* dlerror()'s text without the "/proc/self/fd/N: " it starts with;
 * none when there is none. */
static const char *dl_error(const char *proc, const char *none)
{
    const char *why = dlerror();
    size_t n = strlen(proc);

    if (!why)
        return none;
    if (strncmp(why, proc, n) == 0 && strncmp(why + n, ": ", 2) == 0)
        return why + n + 2;
    return why;
}

int strata__loader_load_file(strata_loaded **out, const char *path,
                             strata_error *err)
{
    char *fname = name_from_file(path);
    char proc[64];
    strata_loaded *l = NULL;
    strata_driver_init_fn init;
    const strata_driver *t;
    void *h = NULL;
    int rc, fd = -1;

    *out = NULL;
    if (!fname)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "%s: driver files are named "
                                 "strata_<name>.so",
                                 path);
    rc = open_driver(path, &fd, err);
    if (rc != STRATA_OK)
        goto done;
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    /* RTLD_LOCAL keeps the OpenSSL copies of libpq and libmariadb apart. */
    h = dlopen(proc, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        rc = access("/proc/self/fd", X_OK) != 0
                 ? strata__error_set(err, STRATA_ERR_ABI,
                                     "cannot load %s: /proc is not "
                                     "mounted (drivers are loaded through "
                                     "/proc/self/fd)",
                                     path)
                 : strata__error_set(err, STRATA_ERR_ABI,
                                     "cannot load %s: %s", path,
                                     dl_error(proc, "unknown error"));
        close(fd);
        goto done;
    }
    /* From here fd stays open until exit, like the handle: the dynamic
     * linker knows the library by the name /proc/self/fd/N, and must
     * never find another file under that name. */
    dlerror();
    *(void **)&init = dlsym(h, STRATA_DRIVER_INIT_SYMBOL);
    if (!init) {
        rc = strata__error_set(err, STRATA_ERR_ABI,
                               "no entry point [%s] in [%s]: %s",
                               STRATA_DRIVER_INIT_SYMBOL, path,
                               dl_error(proc, "symbol is NULL"));
        goto done;
    }
    t = init(strata__host());
    if (!t) {
        rc = strata__error_set(err, STRATA_ERR_ABI,
                               "%s: %s returned NULL (built for another "
                               "strata ABI than %d.%d?)",
                               path, STRATA_DRIVER_INIT_SYMBOL,
                               STRATA_ABI_MAJOR, STRATA_ABI_MINOR);
        goto done;
    }
    rc = check_table(t, path, fname, err);
    if (rc != STRATA_OK)
        goto done;
    l = calloc(1, sizeof *l);
    STRATA_ALLOC_GOTO(l, err, rc, done);
    l->path = strdup(path);
    STRATA_ALLOC_GOTO(l->path, err, rc, done);
    /* A zeroed copy of struct_size bytes: fields a driver built against
     * an older minor lacks read as NULL/0, newer ones are ignored. */
    memcpy(&l->drv, t,
           t->struct_size < sizeof l->drv ? t->struct_size : sizeof l->drv);
    l->handle = h;
    h = NULL;
    *out = l;
    l = NULL;
done:
    if (l) {
        free(l->path);
        free(l);
    }
    if (h)
        dlclose(h);
    free(fname);
    return rc;
}

void strata__loaded_free(strata_loaded *l)
{
    if (!l)
        return;
    /* dlclose only at exit (docs/abi.md §7): the process ends soon after, and
     * an unloaded driver would break sanitizer symbolisation. */
    free(l->path);
    free(l);
}

static char *dirs_text(const strata_driver_path *p)
{
    strata_buf b = {0};

    for (size_t i = 0; i < p->ndirs; i++)
        if (strata__buf_printf(&b, "%s%s", i ? ", " : "", p->dirs[i]) !=
            STRATA_OK)
            break;
    return strata__buf_take(&b);
}

static int serves(const strata_driver *d, const char *scheme)
{
    for (size_t i = 0; d->schemes && d->schemes[i]; i++)
        if (strcmp(d->schemes[i], scheme) == 0)
            return 1;
    return 0;
}

/* Look for strata_<name>.so in each directory; the first file found is
 * the answer, loaded or not. */
static int find_named(strata_loaded **out, const strata_driver_path *p,
                      const char *name, strata_error *err)
{
    for (size_t i = 0; i < p->ndirs; i++) {
        char *f = strata__sprintf("%s/strata_%s.so", p->dirs[i], name);
        strata_error lerr = {0};
        int rc;

        STRATA_ALLOC_CHECK(f, err);
        rc = strata__loader_load_file(out, f, &lerr);
        free(f);
        if (rc == STRATA_ERR_NOTFOUND) {
            strata__error_clear(&lerr);
            continue;
        }
        strata__error_clear(err);
        *err = lerr;
        return rc;
    }
    return STRATA_ERR_NOTFOUND;
}

/* "unknown URL scheme": the closest scheme a driver found serves, and
 * every one of them. */
static int unknown_scheme(const char *scheme, const strata_driver_entry *all,
                          size_t n, const char *dirs, strata_error *err)
{
    const char **names = NULL;
    size_t k = 0, cap = 0;
    strata_msg m = {0};

    for (size_t i = 0; i < n; i++) {
        const strata_driver *d = all[i].loaded ? &all[i].loaded->drv : NULL;

        for (size_t j = 0; d && d->schemes && d->schemes[j]; j++) {
            if (k == cap) {
                const char **v = realloc(names, (cap = cap * 2 + 8) *
                                                    sizeof *v);
                if (!v) {
                    free(names);
                    return strata__nomem(err);
                }
                names = v;
            }
            names[k++] = d->schemes[j];
        }
    }
    strata__msg_add(&m, "unknown URL scheme '%s': no driver serves it",
                    scheme);
    strata__suggest_add(&m, scheme, names, k, "schemes", k);
    strata__msg_add(&m, "; searched %s", dirs ? dirs : "");
    free(names);
    return strata__msg_set(&m, err, STRATA_ERR_NOTFOUND);
}

int strata__loader_for_scheme(strata_loaded **out,
                              const strata_driver_path *p,
                              const char *scheme, strata_error *err)
{
    strata_driver_entry *all = NULL;
    size_t n = 0;
    char *dirs;
    int rc;

    *out = NULL;
    rc = find_named(out, p, scheme, err);
    if (rc != STRATA_ERR_NOTFOUND)
        return rc;
    /* Aliases (a driver's other names) live in its schemes field. */
    rc = strata__loader_list(&all, &n, p, err);
    if (rc != STRATA_OK)
        return rc;
    for (size_t i = 0; i < n && !*out; i++) {
        if (all[i].loaded && !all[i].shadowed &&
            serves(&all[i].loaded->drv, scheme)) {
            *out = all[i].loaded;
            all[i].loaded = NULL;
        }
    }
    if (*out) {
        strata__loader_list_free(all, n);
        return STRATA_OK;
    }
    dirs = dirs_text(p);
    if (strata__driver_shipped(scheme))
        rc = strata__error_set(err, STRATA_ERR_NOTFOUND,
                               "missing driver: no strata_%s.so (or driver "
                               "serving '%s://') in %s",
                               scheme, scheme, dirs ? dirs : "");
    else
        rc = unknown_scheme(scheme, all, n, dirs, err);
    free(dirs);
    strata__loader_list_free(all, n);
    return rc;
}

int strata__loader_by_name(strata_loaded **out, const strata_driver_path *p,
                           const char *name, strata_error *err)
{
    int rc = find_named(out, p, name, err);

    if (rc == STRATA_ERR_NOTFOUND) {
        char *dirs = dirs_text(p);
        rc = strata__error_set(err, STRATA_ERR_NOTFOUND,
                               "missing driver: no strata_%s.so in %s", name,
                               dirs ? dirs : "");
        free(dirs);
    }
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The strata_*.so names in dir, sorted; missing directories are empty. */
static int list_dir(const char *dir, char ***out, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **v = NULL;
    size_t cnt = 0;

    *out = NULL;
    *n = 0;
    if (!d)
        return STRATA_OK;
    while ((e = readdir(d))) {
        char *name = name_from_file(e->d_name), **nv;

        if (!name)
            continue;
        free(name);
        nv = realloc(v, (cnt + 1) * sizeof *v);
        if (!nv || !(nv[cnt] = strdup(e->d_name))) {
            strata__strings_free(nv ? nv : v, cnt);
            closedir(d);
            return STRATA_ERR_NOMEM;
        }
        v = nv;
        cnt++;
    }
    closedir(d);
    if (cnt)
        qsort(v, cnt, sizeof *v, cmp_str);
    *out = v;
    *n = cnt;
    return STRATA_OK;
}

static int entry_add(strata_driver_entry **all, size_t *n, const char *file,
                     int shadowed)
{
    strata_driver_entry *e = realloc(*all, (*n + 1) * sizeof **all);
    strata_error lerr = {0};

    if (!e)
        return STRATA_ERR_NOMEM;
    *all = e;
    e = &e[*n];
    memset(e, 0, sizeof *e);
    if (!(e->file = strdup(file)))
        return STRATA_ERR_NOMEM;
    (*n)++;
    e->shadowed = shadowed;
    if (strata__loader_load_file(&e->loaded, file, &lerr) != STRATA_OK)
        e->error = strdup(lerr.msg ? lerr.msg : strata_strerror(lerr.code));
    strata__error_clear(&lerr);
    return STRATA_OK;
}

static int seen_base(const strata_driver_entry *all, size_t n,
                     const char *base)
{
    for (size_t i = 0; i < n; i++) {
        const char *b = strrchr(all[i].file, '/');
        if (strcmp(b ? b + 1 : all[i].file, base) == 0)
            return 1;
    }
    return 0;
}

int strata__loader_list(strata_driver_entry **out, size_t *n,
                        const strata_driver_path *p, strata_error *err)
{
    strata_driver_entry *all = NULL;
    size_t cnt = 0;
    int rc = STRATA_OK;

    for (size_t i = 0; i < p->ndirs && rc == STRATA_OK; i++) {
        char **names;
        size_t nn;

        rc = list_dir(p->dirs[i], &names, &nn);
        for (size_t j = 0; j < nn; j++) {
            char *f = NULL;

            if (rc == STRATA_OK &&
                !(f = strata__sprintf("%s/%s", p->dirs[i], names[j])))
                rc = STRATA_ERR_NOMEM;
            if (rc == STRATA_OK)
                rc = entry_add(&all, &cnt, f, seen_base(all, cnt, names[j]));
            free(f);
            free(names[j]);
        }
        free(names);
    }
    if (rc != STRATA_OK) {
        strata__loader_list_free(all, cnt);
        return strata__nomem(err);
    }
    *out = all;
    *n = cnt;
    return STRATA_OK;
}

void strata__loader_list_free(strata_driver_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].file);
        free(e[i].error);
        strata__loaded_free(e[i].loaded);
    }
    free(e);
}

/* Append name (taken over; NULL means out of memory) to *v. */
static int names_add(char ***v, size_t *n, char *name)
{
    char **nv = name ? realloc(*v, (*n + 1) * sizeof *nv) : NULL;

    if (!nv) {
        free(name);
        return STRATA_ERR_NOMEM;
    }
    nv[(*n)++] = name;
    *v = nv;
    return STRATA_OK;
}

/* Every strata_<name>.so of the search path, as names. */
static int installed_names(char ***v, size_t *n, const strata_driver_path *p)
{
    int rc = STRATA_OK;

    for (size_t i = 0; p && i < p->ndirs && rc == STRATA_OK; i++) {
        char **files;
        size_t nf;

        rc = list_dir(p->dirs[i], &files, &nf);
        for (size_t j = 0; j < nf && rc == STRATA_OK; j++)
            rc = names_add(v, n, name_from_file(files[j]));
        strata__strings_free(files, nf);
    }
    return rc;
}

int strata__loader_dialects(char ***out, size_t *n,
                            const strata_driver_path *p, strata_error *err)
{
    const char *w = STRATA_SHIPPED_DRIVERS;
    char **v = NULL;
    size_t cnt = 0, k = 0, len;
    int rc = STRATA_OK;

    *out = NULL;
    *n = 0;
    for (; rc == STRATA_OK && (len = shipped_next(&w)); w += len)
        rc = names_add(&v, &cnt, strndup(w, len));
    if (rc == STRATA_OK)
        rc = installed_names(&v, &cnt, p);
    if (rc != STRATA_OK) {
        strata__strings_free(v, cnt);
        return strata__nomem(err);
    }
    if (cnt)
        qsort(v, cnt, sizeof *v, cmp_str);
    for (size_t i = 0; i < cnt; i++) {
        if (k && strcmp(v[k - 1], v[i]) == 0)
            free(v[i]);
        else
            v[k++] = v[i];
    }
    *out = v;
    *n = k;
    return STRATA_OK;
}
