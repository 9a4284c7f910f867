/* test_loader.c - the driver loader against the deliberately broken drivers
 * of tests/drivers/: each refusal's exact message, and what loads. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/history.h"
#include "db/host.h"
#include "db/loader.h"
#include "util/alloc.h"

#ifndef STRATA_DRIVERDIR /* as in loader.c; the Makefile passes it */
#define STRATA_DRIVERDIR "/usr/local/lib/strata"
#endif

/* --- helpers ------------------------------------------------------------ */

static char *xstrdup(const char *s)
{
    char *d = strdup(s);

    assert_non_null(d);
    return d;
}

static char *xsprintf(const char *fmt, ...) STRATA_PRINTF(1, 2);

static char *xsprintf(const char *fmt, ...)
{
    va_list ap;
    strata_buf b = {0};

    va_start(ap, fmt);
    assert_int_equal(strata__buf_vprintf(&b, fmt, ap), STRATA_OK);
    va_end(ap);
    return strata__buf_take(&b);
}

static const char *build_dir(void)
{
    const char *b = getenv("STRATA_BUILD");

    return b && *b ? b : "build";
}

/* Absolute path of $STRATA_BUILD/<rel>; the file must exist. */
static char *build_path(const char *rel)
{
    char *p = xsprintf("%s/%s", build_dir(), rel);
    char *abs = realpath(p, NULL);

    if (!abs)
        fail_msg("%s: %s (run 'make unit' first)", p, strerror(errno));
    free(p);
    return abs;
}

/* The directory of test case c. */
static char *case_dir(const char *c)
{
    char *rel = xsprintf("tests/drivers/%s", c);
    char *abs = build_path(rel);

    free(rel);
    return abs;
}

/* $STRATA_BUILD/tests/drivers/<c>/strata_<c>.so, absolute. */
static char *case_file(const char *c)
{
    char *rel = xsprintf("tests/drivers/%s/strata_%s.so", c, c);
    char *abs = build_path(rel);

    free(rel);
    return abs;
}

/* A fresh private directory (mode 0700). */
static char *temp_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *t = xsprintf("%s/strata-loader-XXXXXX", tmp && *tmp ? tmp : "/tmp");

    if (!mkdtemp(t))
        fail_msg("mkdtemp %s: %s", t, strerror(errno));
    return t;
}

static void copy_file(const char *from, const char *to, mode_t mode)
{
    FILE *in = fopen(from, "rb"), *out;
    char buf[8192];
    size_t n;

    assert_non_null(in);
    out = fopen(to, "wb");
    assert_non_null(out);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    assert_int_equal(ferror(in), 0);
    fclose(in);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(chmod(to, mode), 0);
}

/* Load path and expect failure with code and exactly want. */
static void expect_refused(const char *path, int code, const char *want)
{
    strata_loaded *l = (strata_loaded *)&l; /* must be reset to NULL */
    strata_error err = {0};
    int rc = strata__loader_load_file(&l, path, &err);

    assert_null(l);
    assert_int_equal(rc, code);
    assert_int_equal(err.code, code);
    assert_non_null(err.msg);
    assert_string_equal(err.msg, want);
    strata__error_clear(&err);
}

/* The loader's minimum: the end of the last ABI 1.0 field. */
static size_t v1_0_size(void)
{
    return offsetof(strata_driver, in_transaction) +
           sizeof(((strata_driver *)0)->in_transaction);
}

/* A search path of exactly these directories (no build tree, no
 * STRATA_DRIVERDIR), freed with strata__driver_path_free. */
static void exact_path(strata_driver_path *p, char *const *dirs, size_t n)
{
    p->dirs = calloc(n ? n : 1, sizeof *p->dirs);
    assert_non_null(p->dirs);
    for (size_t i = 0; i < n; i++)
        p->dirs[i] = xstrdup(dirs[i]);
    p->ndirs = n;
}

/* --- one case per broken driver ------------------------------------------ */

static void test_loader__noentry(void **state)
{
    char *f = case_file("noentry");
    char *prefix =
        xsprintf("no entry point [strata_driver_init] in [%s]: ", f);
    strata_loaded *l = NULL;
    strata_error err = {0};

    (void)state;
    assert_int_equal(strata__loader_load_file(&l, f, &err), STRATA_ERR_ABI);
    assert_null(l);
    assert_int_equal(err.code, STRATA_ERR_ABI);
    assert_non_null(err.msg);
    if (strncmp(err.msg, prefix, strlen(prefix)) != 0)
        fail_msg("message '%s' does not start with '%s'", err.msg, prefix);
    /* then dlerror()'s own text */
    assert_true(strlen(err.msg) > strlen(prefix));
    strata__error_clear(&err);
    free(prefix);
    free(f);
}

static void test_loader__abi2(void **state)
{
    char *f = case_file("abi2");
    char *want = xsprintf("%s: driver ABI 2.0, strata ABI %d.%d", f,
                          STRATA_ABI_MAJOR, STRATA_ABI_MINOR);

    (void)state;
    expect_refused(f, STRATA_ERR_ABI, want);
    free(want);
    free(f);
}

static void test_loader__abi2_wording(void **state)
{
    char *f = case_file("abi2");
    strata_loaded *l = NULL;
    strata_error err = {0};
    const char *tail;

    (void)state;
    /* The literal wording of docs/abi.md §7 at the current ABI 1.7. */
    assert_int_equal(STRATA_ABI_MAJOR, 1);
    assert_int_equal(STRATA_ABI_MINOR, 7);
    assert_int_equal(strata__loader_load_file(&l, f, &err), STRATA_ERR_ABI);
    assert_non_null(err.msg);
    assert_true(strlen(err.msg) > strlen(f));
    tail = err.msg + strlen(f);
    assert_string_equal(tail, ": driver ABI 2.0, strata ABI 1.7");
    strata__error_clear(&err);
    free(f);
}

static void test_loader__short(void **state)
{
    char *f = case_file("short");
    char *want = xsprintf("%s: driver table is %zu bytes, strata ABI 1.0 "
                          "needs at least %zu",
                          f, offsetof(strata_driver, connect), v1_0_size());

    (void)state;
    /* Sanity of the expectation itself: short.so really is short. */
    assert_true(offsetof(strata_driver, connect) < v1_0_size());
    expect_refused(f, STRATA_ERR_ABI, want);
    free(want);
    free(f);
}

static void test_loader__mismatch(void **state)
{
    char *f = case_file("mismatch");
    char *want = xsprintf("%s: driver name 'other' does not match its file "
                          "name strata_mismatch.so",
                          f);

    (void)state;
    expect_refused(f, STRATA_ERR_ABI, want);
    free(want);
    free(f);
}

static void test_loader__nullexec(void **state)
{
    char *f = case_file("nullexec");
    char *want = xsprintf("%s: required function 'exec' is NULL", f);

    (void)state;
    expect_refused(f, STRATA_ERR_ABI, want);
    free(want);
    free(f);
}

static void test_loader__newminor(void **state)
{
    char *f = case_file("newminor");
    strata_loaded *l = NULL;
    strata_error err = {0};

    (void)state;
    assert_int_equal(strata__loader_load_file(&l, f, &err), STRATA_OK);
    assert_null(err.msg);
    assert_non_null(l);
    assert_non_null(l->handle);
    assert_string_equal(l->path, f);
    assert_int_equal(l->drv.abi_major, STRATA_ABI_MAJOR);
    assert_int_equal(l->drv.abi_minor, 99);
    /* The driver's own size, one pointer past the core's table. */
    assert_int_equal(l->drv.struct_size,
                     sizeof(strata_driver) + sizeof(void (*)(void)));
    assert_string_equal(l->drv.name, "newminor");
    assert_string_equal(l->drv.version, "1.99.0");
    assert_non_null(l->drv.schemes);
    assert_string_equal(l->drv.schemes[0], "newminor");
    assert_null(l->drv.schemes[1]);
    assert_int_equal(l->drv.caps, STRATA_CAP_TRANSACTIONAL_DDL);
    assert_int_equal(l->drv.conn_size, sizeof(strata_conn) + 16);
    assert_non_null(l->drv.connect);
    assert_non_null(l->drv.exec);
    assert_non_null(l->drv.quote_literal);
    /* Optional fields the driver left out read NULL in the copy. */
    assert_null(l->drv.server_version);
    assert_null(l->drv.table_exists);
    assert_null(l->drv.in_transaction);
    strata__loaded_free(l);
    free(f);
}

static void test_loader__good(void **state)
{
    char *f = case_file("good");
    strata_loaded *l = NULL;
    strata_error err = {0};
    strata_conn *c;
    strata_stmt_list sl = {0};
    static char unset[] = "unset";
    char *ver = unset;

    (void)state;
    assert_int_equal(strata__loader_load_file(&l, f, &err), STRATA_OK);
    assert_null(err.msg);
    assert_non_null(l);
    assert_string_equal(l->path, f);
    assert_int_equal(l->drv.struct_size, sizeof(strata_driver));
    assert_int_equal(l->drv.abi_major, STRATA_ABI_MAJOR);
    assert_int_equal(l->drv.abi_minor, STRATA_ABI_MINOR);
    assert_string_equal(l->drv.name, "good");
    assert_string_equal(l->drv.version, "1.2.3");
    assert_string_equal(l->drv.schemes[0], "good");
    assert_string_equal(l->drv.schemes[1], "goodalias");
    assert_null(l->drv.schemes[2]);
    assert_int_equal(l->drv.caps, STRATA_CAP_SAVEPOINT);
    assert_null(l->drv.table_exists);
    assert_null(l->drv.in_transaction);

    /* The functions work through the copy, errors through host->error. */
    c = calloc(1, l->drv.conn_size);
    assert_non_null(c);
    c->host = strata__host();
    assert_int_equal(l->drv.exec(c, "SELECT 1"), STRATA_OK);
    assert_int_equal(l->drv.begin(c), STRATA_OK);
    assert_int_equal(l->drv.split(c, "x", 1, &sl), STRATA_OK);
    assert_int_equal(sl.count, 0);
    assert_int_equal(l->drv.lock(c, "k", 0), STRATA_ERR_BUSY);
    assert_int_equal(c->code, STRATA_ERR_BUSY);
    assert_string_equal(c->errmsg, "good: lock not obtained");
    assert_string_equal(c->sqlstate, "");
    assert_non_null(l->drv.server_version);
    assert_int_equal(l->drv.server_version(c, &ver), STRATA_ERR_NOTSUP);
    assert_null(ver);
    assert_int_equal(c->code, STRATA_ERR_NOTSUP);
    assert_string_equal(c->sqlstate, "0A000");
    assert_string_equal(c->errmsg, "good: no server version");
    l->drv.disconnect(c);
    free(c);
    strata__loaded_free(l);
    free(f);
}

/* --- files the loader must not touch ------------------------------------- */

static void test_loader__private_copy_loads(void **state)
{
    char *good = case_file("good");
    char *dir = temp_dir();
    char *f = xsprintf("%s/strata_good.so", dir);
    strata_loaded *l = NULL;
    strata_error err = {0};

    (void)state;
    /* The control for the two refusals below: same file, safe modes. */
    copy_file(good, f, 0644);
    assert_int_equal(strata__loader_load_file(&l, f, &err), STRATA_OK);
    assert_non_null(l);
    assert_string_equal(l->drv.name, "good");
    strata__loaded_free(l);
    assert_int_equal(unlink(f), 0);
    assert_int_equal(rmdir(dir), 0);
    free(f);
    free(dir);
    free(good);
}

static void test_loader__world_writable_file(void **state)
{
    char *good = case_file("good");
    char *dir = temp_dir();
    char *f = xsprintf("%s/strata_good.so", dir);
    char *want = xsprintf("%s: refusing a world-writable driver", f);

    (void)state;
    copy_file(good, f, 0666);
    expect_refused(f, STRATA_ERR_ABI, want);
    /* o+w alone is enough */
    assert_int_equal(chmod(f, 0602), 0);
    expect_refused(f, STRATA_ERR_ABI, want);
    /* and so is g+w: the group is someone else too */
    free(want);
    want = xsprintf("%s: refusing a group-writable driver", f);
    assert_int_equal(chmod(f, 0664), 0);
    expect_refused(f, STRATA_ERR_ABI, want);
    assert_int_equal(unlink(f), 0);
    assert_int_equal(rmdir(dir), 0);
    free(want);
    free(f);
    free(dir);
    free(good);
}

static void test_loader__world_writable_dir(void **state)
{
    char *good = case_file("good");
    char *dir = temp_dir();
    char *f = xsprintf("%s/strata_good.so", dir);
    char *want = xsprintf("%s: refusing a driver in world-writable "
                          "directory %s",
                          f, dir);

    (void)state;
    copy_file(good, f, 0644);
    assert_int_equal(chmod(dir, 0777), 0);
    expect_refused(f, STRATA_ERR_ABI, want);
    free(want);
    want = xsprintf("%s: refusing a driver in group-writable directory %s",
                    f, dir);
    assert_int_equal(chmod(dir, 0770), 0);
    expect_refused(f, STRATA_ERR_ABI, want);
    assert_int_equal(chmod(dir, 0700), 0);
    assert_int_equal(unlink(f), 0);
    assert_int_equal(rmdir(dir), 0);
    free(want);
    free(f);
    free(dir);
    free(good);
}

/* A symbolic link is never followed, wherever it points: the file
 * checked must be the file dlopen maps (docs/abi.md §7). */
static void test_loader__symlink_refused(void **state)
{
    char *good = case_file("good");
    char *top = temp_dir();
    char *ww = xsprintf("%s/ww", top);
    char *safe = xsprintf("%s/safe", top);
    char *target = xsprintf("%s/strata_good.so", ww);
    char *link = xsprintf("%s/strata_good.so", safe);
    char *want = xsprintf("%s: refusing a symbolic link (name the "
                          "directory that holds the driver itself)",
                          link);

    (void)state;
    assert_int_equal(mkdir(ww, 0700), 0);
    assert_int_equal(mkdir(safe, 0700), 0);
    copy_file(good, target, 0644);
    assert_int_equal(symlink(target, link), 0);
    expect_refused(link, STRATA_ERR_ABI, want); /* to a safe file */
    assert_int_equal(chmod(ww, 0777), 0);
    expect_refused(link, STRATA_ERR_ABI, want); /* into a writable dir */
    assert_int_equal(unlink(link), 0);
    assert_int_equal(unlink(target), 0);
    assert_int_equal(rmdir(ww), 0);
    assert_int_equal(rmdir(safe), 0);
    assert_int_equal(rmdir(top), 0);
    free(want);
    free(link);
    free(target);
    free(safe);
    free(ww);
    free(top);
    free(good);
}

/* A file or directory another user owns (only root can make one). */
static void test_loader__foreign_owner(void **state)
{
    char *good = case_file("good");
    char *dir = temp_dir();
    char *f = xsprintf("%s/strata_good.so", dir);
    char *want_file = xsprintf("%s: refusing a driver owned by uid 65534 "
                               "(only root's and uid 0's are trusted)",
                               f);
    char *want_dir = xsprintf("%s: refusing a driver in directory %s "
                              "owned by uid 65534 (only root's and uid "
                              "0's are trusted)",
                              f, dir);
    int root = geteuid() == 0;

    (void)state;
    copy_file(good, f, 0644);
    if (root) {
        assert_int_equal(chown(f, 65534, (gid_t)-1), 0);
        expect_refused(f, STRATA_ERR_ABI, want_file);
        assert_int_equal(chown(f, 0, (gid_t)-1), 0);
        assert_int_equal(chown(dir, 65534, (gid_t)-1), 0);
        expect_refused(f, STRATA_ERR_ABI, want_dir);
        assert_int_equal(chown(dir, 0, (gid_t)-1), 0);
    }
    assert_int_equal(unlink(f), 0);
    assert_int_equal(rmdir(dir), 0);
    free(want_dir);
    free(want_file);
    free(f);
    free(dir);
    free(good);
    if (!root)
        skip();
}

/* Looking for an alias never runs code from an untrusted directory:
 * the planted driver's constructor (which would leave a marker) does
 * not run; from a trusted one it does, and the driver serves it. */
static void test_loader__alias_untrusted_never_loaded(void **state)
{
    char *evil = case_file("evil");
    char *dir = temp_dir();
    char *f = xsprintf("%s/strata_evil.so", dir);
    char *marker = xsprintf("%s/marker", dir);
    strata_driver_path p;
    strata_loaded *l = NULL;
    strata_error err = {0};

    (void)state;
    copy_file(evil, f, 0644);
    assert_int_equal(setenv("STRATA_TEST_EVIL_MARKER", marker, 1), 0);
    exact_path(&p, &dir, 1);
    assert_int_equal(chmod(dir, 0770), 0);
    assert_int_equal(strata__loader_for_scheme(&l, &p, "postgresql", &err),
                     STRATA_ERR_NOTFOUND);
    assert_null(l);
    if (access(marker, F_OK) == 0)
        fail_msg("the driver in group-writable %s was loaded", dir);
    assert_int_equal(chmod(dir, 0700), 0);
    assert_int_equal(strata__loader_for_scheme(&l, &p, "postgresql", &err),
                     STRATA_OK);
    assert_non_null(l);
    assert_string_equal(l->drv.name, "evil");
    assert_int_equal(access(marker, F_OK), 0);
    strata__loaded_free(l);
    strata__driver_path_free(&p);
    strata__error_clear(&err);
    unsetenv("STRATA_TEST_EVIL_MARKER");
    assert_int_equal(unlink(marker), 0);
    assert_int_equal(unlink(f), 0);
    assert_int_equal(rmdir(dir), 0);
    free(marker);
    free(f);
    free(dir);
    free(evil);
}

static void test_loader__bad_name(void **state)
{
    static const char *const names[] = {
        "good.so", "strata_good.so.1", "strata_.so", "strata_good.dll",
        "libstrata_good.so", "strata_good"};
    char *good = case_file("good");
    char *dir = temp_dir();

    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *f = xsprintf("%s/%s", dir, names[i]);
        char *want = xsprintf("%s: driver files are named "
                              "strata_<name>.so",
                              f);

        copy_file(good, f, 0644);
        expect_refused(f, STRATA_ERR_INVALID, want);
        assert_int_equal(unlink(f), 0);
        free(want);
        free(f);
    }
    assert_int_equal(rmdir(dir), 0);
    free(dir);
    free(good);
}

static void test_loader__missing_file(void **state)
{
    char *dir = temp_dir();
    char *f = xsprintf("%s/strata_nosuch.so", dir);
    char *want = xsprintf("%s: %s", f, strerror(ENOENT));

    (void)state;
    expect_refused(f, STRATA_ERR_NOTFOUND, want);
    assert_int_equal(rmdir(dir), 0);
    free(want);
    free(f);
    free(dir);
}

/* A directory or a FIFO under a driver's name is refused (the FIFO
 * without hanging in open). */
static void test_loader__not_regular(void **state)
{
    char *dir = temp_dir();
    char *f = xsprintf("%s/strata_dir.so", dir);
    char *want = xsprintf("%s: not a regular file", f);

    (void)state;
    assert_int_equal(mkdir(f, 0700), 0);
    expect_refused(f, STRATA_ERR_ABI, want);
    assert_int_equal(rmdir(f), 0);
    assert_int_equal(mkfifo(f, 0600), 0);
    expect_refused(f, STRATA_ERR_ABI, want);
    assert_int_equal(unlink(f), 0);
    assert_int_equal(rmdir(dir), 0);
    free(want);
    free(f);
    free(dir);
}

/* --- search path and schemes --------------------------------------------- */

static void test_loader__path_init(void **state)
{
    char *gd = case_dir("good");
    char *dirs[] = {gd, gd};
    strata_driver_path p;
    strata_error err = {0};
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash, *tree;

    (void)state;
    assert_true(n > 0);
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    assert_non_null(slash);
    *slash = '\0';
    tree = xsprintf("%s/drivers", exe);

    /* Given directories first (duplicates dropped), then the build tree
     * beside the binary, then STRATA_DRIVERDIR. */
    assert_int_equal(strata__driver_path_init(&p, dirs, 2, &err), STRATA_OK);
    assert_int_equal(p.ndirs, 3);
    assert_string_equal(p.dirs[0], gd);
    assert_string_equal(p.dirs[1], tree);
    assert_string_equal(p.dirs[2], STRATA_DRIVERDIR);
    strata__driver_path_free(&p);
    assert_null(p.dirs);
    assert_int_equal(p.ndirs, 0);
    free(tree);
    free(gd);
}

/* scheme, searched in the good case's directory, finds strata_good.so. */
static void expect_good_for(const char *scheme)
{
    char *gd = case_dir("good");
    char *want = xsprintf("%s/strata_good.so", gd);
    strata_driver_path p;
    strata_loaded *l = NULL;
    strata_error err = {0};

    assert_int_equal(strata__driver_path_init(&p, &gd, 1, &err), STRATA_OK);
    assert_int_equal(strata__loader_for_scheme(&l, &p, scheme, &err),
                     STRATA_OK);
    assert_null(err.msg);
    assert_non_null(l);
    assert_string_equal(l->drv.name, "good");
    assert_string_equal(l->path, want);
    strata__loaded_free(l);
    strata__driver_path_free(&p);
    free(want);
    free(gd);
}

static void test_loader__scheme_good(void **state)
{
    (void)state;
    expect_good_for("good");
}

static void test_loader__scheme_alias(void **state)
{
    (void)state;
    expect_good_for("goodalias");
}

/* The alias is found past broken drivers in earlier directories. */
static void test_loader__scheme_alias_past_broken(void **state)
{
    char *d[] = {case_dir("abi2"), case_dir("noentry"), case_dir("good")};
    char *want = xsprintf("%s/strata_good.so", d[2]);
    strata_driver_path p;
    strata_loaded *l = NULL;
    strata_error err = {0};

    (void)state;
    exact_path(&p, d, 3);
    assert_int_equal(strata__loader_for_scheme(&l, &p, "goodalias", &err),
                     STRATA_OK);
    assert_non_null(l);
    assert_string_equal(l->path, want);
    strata__loaded_free(l);
    strata__driver_path_free(&p);
    free(want);
    for (size_t i = 0; i < 3; i++)
        free(d[i]);
}

static void test_loader__scheme_unknown(void **state)
{
    char *gd = case_dir("good");
    const char *prefix = "unknown URL scheme 'nosuch': no driver serves it "
                         "(schemes: good, goodalias); searched ";
    strata_driver_path p;
    strata_loaded *l = NULL;
    strata_error err = {0};
    char *want;

    (void)state;
    assert_int_equal(strata__driver_path_init(&p, &gd, 1, &err), STRATA_OK);
    assert_int_equal(strata__loader_for_scheme(&l, &p, "nosuch", &err),
                     STRATA_ERR_NOTFOUND);
    assert_null(l);
    assert_int_equal(err.code, STRATA_ERR_NOTFOUND);
    assert_non_null(err.msg);
    if (strncmp(err.msg, prefix, strlen(prefix)) != 0)
        fail_msg("message '%s' does not start with '%s'", err.msg, prefix);
    strata__driver_path_free(&p);

    /* With exactly one directory the whole message is known. */
    exact_path(&p, &gd, 1);
    assert_int_equal(strata__loader_for_scheme(&l, &p, "nosuch", &err),
                     STRATA_ERR_NOTFOUND);
    want = xsprintf("%s%s", prefix, gd);
    assert_string_equal(err.msg, want);
    free(want);
    strata__driver_path_free(&p);
    strata__error_clear(&err);
    free(gd);
}

static void test_loader__scheme_missing_known(void **state)
{
    char *dir = temp_dir();
    const char *prefix = "missing driver: no strata_mysql.so";
    strata_driver_path p;
    strata_loaded *l = NULL;
    strata_error err = {0};
    char *want;

    (void)state;
    assert_int_equal(strata__driver_path_init(&p, &dir, 1, &err), STRATA_OK);
    assert_int_equal(strata__loader_for_scheme(&l, &p, "mysql", &err),
                     STRATA_ERR_NOTFOUND);
    assert_null(l);
    assert_non_null(err.msg);
    if (strncmp(err.msg, prefix, strlen(prefix)) != 0)
        fail_msg("message '%s' does not start with '%s'", err.msg, prefix);
    strata__driver_path_free(&p);

    /* Only the empty directory: the exact message, naming it. */
    exact_path(&p, &dir, 1);
    assert_int_equal(strata__loader_for_scheme(&l, &p, "mysql", &err),
                     STRATA_ERR_NOTFOUND);
    want = xsprintf("missing driver: no strata_mysql.so (or driver serving "
                    "'mysql://') in %s",
                    dir);
    assert_string_equal(err.msg, want);
    free(want);

    /* by_name (dialect sections) words it without the scheme. */
    assert_int_equal(strata__loader_by_name(&l, &p, "mysql", &err),
                     STRATA_ERR_NOTFOUND);
    assert_null(l);
    want = xsprintf("missing driver: no strata_mysql.so in %s", dir);
    assert_string_equal(err.msg, want);
    free(want);
    strata__driver_path_free(&p);
    strata__error_clear(&err);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
}

/* A broken strata_<scheme>.so is the answer: its own load error. */
static void test_loader__scheme_broken(void **state)
{
    char *d = case_dir("abi2");
    char *f = case_file("abi2");
    char *want = xsprintf("%s: driver ABI 2.0, strata ABI %d.%d", f,
                          STRATA_ABI_MAJOR, STRATA_ABI_MINOR);
    strata_driver_path p;
    strata_loaded *l = NULL;
    strata_error err = {0};

    (void)state;
    assert_int_equal(strata__driver_path_init(&p, &d, 1, &err), STRATA_OK);
    assert_int_equal(strata__loader_for_scheme(&l, &p, "abi2", &err),
                     STRATA_ERR_ABI);
    assert_null(l);
    assert_string_equal(err.msg, want);
    strata__error_clear(&err);
    strata__driver_path_free(&p);
    free(want);
    free(f);
    free(d);
}

/* The drivers this build ships are known by name, installed or not;
 * aliases (a driver's other schemes) and other drivers are not. */
static void test_loader__shipped(void **state)
{
    (void)state;
    assert_int_equal(strata__driver_shipped("sqlite"), 1);
    assert_int_equal(strata__driver_shipped("postgres"), 1);
    assert_int_equal(strata__driver_shipped("mysql"), 1);
    assert_int_equal(strata__driver_shipped("firebird"), 1);
    assert_int_equal(strata__driver_shipped("postgresql"), 0);
    assert_int_equal(strata__driver_shipped("mariadb"), 0);
    assert_int_equal(strata__driver_shipped("sqlit"), 0);
    assert_int_equal(strata__driver_shipped("sqlite3"), 0);
    assert_int_equal(strata__driver_shipped("nosuch"), 0);
    assert_int_equal(strata__driver_shipped("good"), 0);
    assert_int_equal(strata__driver_shipped(""), 0);
}

static char *joined(char **v, size_t n)
{
    strata_buf b = {0};

    for (size_t i = 0; i < n; i++)
        assert_int_equal(strata__buf_printf(&b, "%s%s", i ? " " : "", v[i]),
                         STRATA_OK);
    return strata__buf_take(&b);
}

/* The dialects known: the shipped drivers and every strata_<name>.so
 * of the search path (broken ones too), sorted, each once. */
static void test_loader__dialects(void **state)
{
    char *d[] = {case_dir("good"), case_dir("abi2"), case_dir("good")};
    strata_driver_path p;
    strata_error err = {0};
    char **v, *s;
    size_t n;

    (void)state;
    exact_path(&p, d, 3);
    assert_int_equal(strata__loader_dialects(&v, &n, &p, &err), STRATA_OK);
    s = joined(v, n);
    assert_string_equal(s, "abi2 firebird good mysql postgres sqlite");
    free(s);
    strata__strings_free(v, n);
    strata__driver_path_free(&p);
    assert_int_equal(strata__loader_dialects(&v, &n, NULL, &err), STRATA_OK);
    s = joined(v, n);
    assert_string_equal(s, "firebird mysql postgres sqlite");
    free(s);
    strata__strings_free(v, n);
    for (size_t i = 0; i < 3; i++)
        free(d[i]);
}

/* --- strata drivers -------------------------------------------------------- */

static const char *const cases[] = {"abi2",     "good",    "mismatch",
                                    "newminor", "noentry", "nullexec",
                                    "short"};
#define NCASES (sizeof cases / sizeof cases[0])

static void test_loader__list(void **state)
{
    char *d[NCASES];
    strata_driver_path p;
    strata_driver_entry *e = NULL;
    size_t n = 0;
    strata_error err = {0};

    (void)state;
    for (size_t i = 0; i < NCASES; i++)
        d[i] = case_dir(cases[i]);
    exact_path(&p, d, NCASES);
    assert_int_equal(strata__loader_list(&e, &n, &p, &err), STRATA_OK);
    assert_int_equal(n, NCASES);
    for (size_t i = 0; i < NCASES; i++) {
        char *f = xsprintf("%s/strata_%s.so", d[i], cases[i]);
        strata_loaded *l = NULL;
        strata_error lerr = {0};
        int rc = strata__loader_load_file(&l, f, &lerr);

        /* Each entry says what loading the file alone says. */
        assert_string_equal(e[i].file, f);
        assert_int_equal(e[i].shadowed, 0);
        if (strcmp(cases[i], "good") == 0 ||
            strcmp(cases[i], "newminor") == 0) {
            assert_int_equal(rc, STRATA_OK);
            assert_non_null(e[i].loaded);
            assert_null(e[i].error);
            assert_string_equal(e[i].loaded->drv.name, cases[i]);
            assert_string_equal(e[i].loaded->path, f);
        } else {
            assert_int_equal(rc, STRATA_ERR_ABI);
            assert_null(e[i].loaded);
            assert_non_null(e[i].error);
            assert_string_equal(e[i].error, lerr.msg);
        }
        strata__loaded_free(l);
        strata__error_clear(&lerr);
        free(f);
    }
    strata__loader_list_free(e, n);
    strata__driver_path_free(&p);
    for (size_t i = 0; i < NCASES; i++)
        free(d[i]);
}

/* Files that are not strata_*.so are not listed; a missing directory is
 * empty; a second strata_good.so in a later directory is shadowed. */
static void test_loader__list_shadowed(void **state)
{
    char *good = case_file("good");
    char *gd = case_dir("good");
    char *tmp = temp_dir();
    char *missing = xsprintf("%s/nosuch", tmp);
    char *copy = xsprintf("%s/strata_good.so", tmp);
    char *other = xsprintf("%s/good.so", tmp);
    char *d[] = {missing, gd, tmp};
    strata_driver_path p;
    strata_driver_entry *e = NULL;
    size_t n = 0;
    strata_error err = {0};
    strata_loaded *l = NULL;
    char *want0 = xsprintf("%s/strata_good.so", gd);

    (void)state;
    copy_file(good, copy, 0644);
    copy_file(good, other, 0644);
    exact_path(&p, d, 3);
    assert_int_equal(strata__loader_list(&e, &n, &p, &err), STRATA_OK);
    assert_int_equal(n, 2);
    assert_string_equal(e[0].file, want0);
    assert_int_equal(e[0].shadowed, 0);
    assert_non_null(e[0].loaded);
    assert_string_equal(e[1].file, copy);
    assert_int_equal(e[1].shadowed, 1);
    assert_non_null(e[1].loaded);
    strata__loader_list_free(e, n);

    /* The alias resolves to the first directory's driver. */
    assert_int_equal(strata__loader_for_scheme(&l, &p, "goodalias", &err),
                     STRATA_OK);
    assert_non_null(l);
    assert_string_equal(l->path, want0);
    strata__loaded_free(l);

    strata__driver_path_free(&p);
    assert_int_equal(unlink(copy), 0);
    assert_int_equal(unlink(other), 0);
    assert_int_equal(rmdir(tmp), 0);
    free(want0);
    free(other);
    free(copy);
    free(missing);
    free(tmp);
    free(gd);
    free(good);
}

/* --- the export table of a real driver --------------------------------- */

static void test_loader__nm_one_symbol(void **state)
{
    char *so = xsprintf("%s/drivers/strata_sqlite.so", build_dir());
    char *cmd;
    FILE *f;
    char line[512];
    size_t strata_syms = 0, lines = 0;
    int found_init = 0;

    (void)state;
    if (system("command -v nm >/dev/null 2>&1") != 0) {
        free(so);
        skip();
    }
    if (access(so, R_OK) != 0)
        fail_msg("%s: %s (run 'make all' first)", so, strerror(errno));
    cmd = xsprintf("nm -D --defined-only '%s' 2>/dev/null", so);
    f = popen(cmd, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        char addr[128], type[16], name[256];

        lines++;
        /* "address type name"; a line without an address has two. */
        if (sscanf(line, "%127s %15s %255s", addr, type, name) != 3)
            continue;
        if (strncmp(name, "strata_", 7) == 0) {
            strata_syms++;
            if (strcmp(name, "strata_driver_init") == 0)
                found_init = 1;
        }
    }
    assert_int_equal(pclose(f), 0);
    assert_true(lines > 0);
    assert_int_equal(strata_syms, 1);
    assert_int_equal(found_init, 1);
    free(cmd);
    free(so);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loader__noentry),
        cmocka_unit_test(test_loader__abi2),
        cmocka_unit_test(test_loader__abi2_wording),
        cmocka_unit_test(test_loader__short),
        cmocka_unit_test(test_loader__mismatch),
        cmocka_unit_test(test_loader__nullexec),
        cmocka_unit_test(test_loader__newminor),
        cmocka_unit_test(test_loader__good),
        cmocka_unit_test(test_loader__private_copy_loads),
        cmocka_unit_test(test_loader__world_writable_file),
        cmocka_unit_test(test_loader__world_writable_dir),
        cmocka_unit_test(test_loader__symlink_refused),
        cmocka_unit_test(test_loader__foreign_owner),
        cmocka_unit_test(test_loader__alias_untrusted_never_loaded),
        cmocka_unit_test(test_loader__bad_name),
        cmocka_unit_test(test_loader__missing_file),
        cmocka_unit_test(test_loader__not_regular),
        cmocka_unit_test(test_loader__path_init),
        cmocka_unit_test(test_loader__scheme_good),
        cmocka_unit_test(test_loader__scheme_alias),
        cmocka_unit_test(test_loader__scheme_alias_past_broken),
        cmocka_unit_test(test_loader__scheme_unknown),
        cmocka_unit_test(test_loader__scheme_missing_known),
        cmocka_unit_test(test_loader__scheme_broken),
        cmocka_unit_test(test_loader__shipped),
        cmocka_unit_test(test_loader__dialects),
        cmocka_unit_test(test_loader__list),
        cmocka_unit_test(test_loader__list_shadowed),
        cmocka_unit_test(test_loader__nm_one_symbol),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
