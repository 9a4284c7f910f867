/* main.c - strata-conformance: load one driver with the core's loader and
 * run the conformance areas against a scratch database
 * (docs/driver-authoring.md §6). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cf.h"
#include "db/host.h"
#include "db/loader.h"
#include "util/output.h"

static const struct {
    const char *name;
    int (*run)(cf *x);
} areas[] = {
    {"load", cf_area_load},
    {"connect", cf_area_connect},
    {"lock", cf_area_lock},
    {"transactions", cf_area_transactions},
    {"history", cf_area_history},
    {"split", cf_area_split},
    {"introspect", cf_area_introspect},
    {"operations", cf_area_operations},
    {"online-index", cf_area_online_index},
    {"constraints", cf_area_constraints},
    {"identifiers", cf_area_identifiers},
    {"errors", cf_area_errors},
};
#define NAREAS (sizeof areas / sizeof areas[0])

static void usage(FILE *f)
{
    fprintf(f,
            "usage: strata-conformance --driver FILE --url URL [--only AREA]"
            " [-v]\n"
            "       strata-conformance --list\n"
            "Exercises the strata driver FILE (strata_<name>.so) through the\n"
            "ABI alone against the scratch database URL (tables cf_* are\n"
            "created and dropped).  Exit 0: every area that ran passed;\n"
            "1: a check failed (named on the last line); 2: usage or load "
            "error.\n");
}

static int known_area(const char *name)
{
    for (size_t i = 0; i < NAREAS; i++)
        if (strcmp(areas[i].name, name) == 0)
            return 1;
    return 0;
}

/* The URL's password (between "user:" and '@'), which no message may
 * quote. */
static void url_secret(const char *url)
{
    const char *p = strstr(url, "://"), *at, *colon;
    char *pw;

    if (!p)
        return;
    p += 3;
    at = strchr(p, '@');
    colon = at ? memchr(p, ':', (size_t)(at - p)) : NULL;
    if (!colon || at - colon < 2)
        return;
    pw = strndup(colon + 1, (size_t)(at - colon - 1));
    if (pw && strlen(pw) >= 4)
        cf_secret_add(pw);
    free(pw);
}

int main(int argc, char **argv)
{
    const char *file = NULL, *url = NULL, *only = NULL;
    strata_loaded *l = NULL;
    strata_error err = {0};
    cf x = {0};
    size_t passed = 0, failed = 0, skipped = 0;
    char *masked;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--list") == 0) {
            for (size_t k = 0; k < NAREAS; k++)
                printf("%s\n", areas[k].name);
            return 0;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            x.verbose = 1;
        } else if (i + 1 < argc && strcmp(a, "--driver") == 0) {
            file = argv[++i];
        } else if (i + 1 < argc && strcmp(a, "--url") == 0) {
            url = argv[++i];
        } else if (i + 1 < argc && strcmp(a, "--only") == 0) {
            only = argv[++i];
        } else {
            fprintf(stderr, "strata-conformance: unknown argument '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!file || !url) {
        usage(stderr);
        return 2;
    }
    if (only && !known_area(only)) {
        fprintf(stderr, "strata-conformance: no area '%s' (--list names "
                        "them)\n", only);
        return 2;
    }
    strata__host_set_verbosity(STRATA_LOG_WARN);
    if (strata__loader_load_file(&l, file, &err) != STRATA_OK) {
        fprintf(stderr, "strata-conformance: load: %s\n", err.msg);
        strata__error_clear(&err);
        return 2;
    }
    x.drv = &l->drv;
    x.file = file;
    x.url = url;
    x.lock_timeout_ms = 2000;
    snprintf(x.lock_timeout, sizeof x.lock_timeout, "%u", x.lock_timeout_ms);
    url_secret(url);
    masked = strata__mask(url);
    printf("driver %s %s (ABI %u.%u) from %s\nurl %s\n", x.drv->name,
           x.drv->version ? x.drv->version : "?", x.drv->abi_major,
           x.drv->abi_minor, file, masked ? masked : "?");
    free(masked);

    for (size_t i = 0; i < NAREAS; i++) {
        int rc;
        char *leak;

        if (only && strcmp(only, areas[i].name) != 0)
            continue;
        x.area = areas[i].name;
        x.area_failed = 0;
        free(x.skip_why);
        x.skip_why = NULL;
        rc = areas[i].run(&x);
        if ((leak = cf_secret_leak()) != NULL) {
            rc = cf_fail(&x, "masked credentials",
                         "a message quotes the URL's password: %s", leak);
            free(leak);
        }
        if (rc == CF_PASS && x.area_failed)
            rc = CF_FAIL;
        if (rc == CF_SKIP) {
            skipped++;
            printf("== %-13s skipped: %s\n", x.area,
                   x.skip_why ? x.skip_why : "");
            char *why = strata__sprintf("%s: %s", x.area,
                                   x.skip_why ? x.skip_why : "skipped");

            cf_unclaimed(&x, why ? why : x.area);
            free(why);
        } else if (rc == CF_FAIL) {
            failed++;
            printf("== %-13s FAIL\n", x.area);
        } else {
            passed++;
            printf("== %-13s pass\n", x.area);
        }
        fflush(stdout);
        /* Nothing later can run without a driver that loads and
         * connects. */
        if (rc == CF_FAIL && (strcmp(x.area, "load") == 0 ||
                              strcmp(x.area, "connect") == 0))
            break;
    }
    printf("%zu passed, %zu failed, %zu skipped\n", passed, failed, skipped);
    if (x.unclaimed.len)
        printf("skipped (not claimed by the driver):\n%s", x.unclaimed.data);
    if (x.failure)
        printf("FAILED: %s\n", x.failure);
    strata__buf_free(&x.unclaimed);
    free(x.skip_why);
    free(x.failure);
    strata__loaded_free(l);
    return failed ? 1 : 0;
}
