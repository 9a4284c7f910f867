/* fuzz.h - what the libFuzzer targets of tests/fuzz share: the entry
 * point's prototype, a NUL-terminated copy of the input, and a check
 * that aborts (libFuzzer then keeps the input as a crash). */
#ifndef STRATA_TEST_FUZZ_H
#define STRATA_TEST_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A broken promise is a crash like any other: say which, then abort. */
#define FZ_CHECK(cond)                                                    \
    do {                                                                  \
        if (!(cond)) {                                                    \
            fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__,      \
                    __LINE__, #cond);                                     \
            abort();                                                      \
        }                                                                 \
    } while (0)

/* The input as a C string (cut at its first NUL, as a C caller would
 * see it); malloc'd, never NULL (out of memory aborts). */
static inline char *fz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    FZ_CHECK(s != NULL);
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* 1 when msg starts with "path:" and a line number: every error about
 * a file names file:line. */
static inline int fz_names_line(const char *msg, const char *path)
{
    size_t n = strlen(path);

    return msg && strncmp(msg, path, n) == 0 && msg[n] == ':' &&
           msg[n + 1] >= '1' && msg[n + 1] <= '9';
}

#endif
