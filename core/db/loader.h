/* loader.h - finding and loading dialect drivers with dlopen
 * (docs/abi.md §7). */
#ifndef STRATA_CORE_LOADER_H
#define STRATA_CORE_LOADER_H

#include <stddef.h>

#include "util/error.h"
#include "strata/driver.h"

/* A loaded driver.  drv is a zero-padded copy of the driver's table, so
 * fields the driver was built without read as NULL/0. */
typedef struct strata_loaded {
    char *path;          /* the .so file; owned */
    void *handle;        /* dlopen handle; closed only at exit */
    strata_driver drv;   /* the copy */
} strata_loaded;

/* Directories searched, in order: dirs (from the configuration:
 * --driver-path, then STRATA_DRIVER_PATH; never the ini), then
 * <directory of the strata binary>/drivers (the build tree), then
 * STRATA_DRIVERDIR.  Each file is still checked as it is opened. */
typedef struct strata_driver_path {
    char **dirs;  /* owned */
    size_t ndirs;
} strata_driver_path;

int strata__driver_path_init(strata_driver_path *p, char *const *dirs,
                             size_t ndirs, strata_error *err);
void strata__driver_path_free(strata_driver_path *p);

/* Load one driver file: the checks of docs/abi.md §7 (a regular file,
 * not a symbolic link; file and directory owned by root or this user and
 * writable by neither group nor others, checked on the descriptors that
 * are then loaded).  Errors are STRATA_ERR_ABI, STRATA_ERR_NOTFOUND for
 * a missing file or directory, STRATA_ERR_INVALID for a bad name, with
 * the exact messages the loader tests assert. */
int strata__loader_load_file(strata_loaded **out, const char *path,
                             strata_error *err);
void strata__loaded_free(strata_loaded *l);

/* The driver for a URL scheme: strata_<scheme>.so in each directory in
 * order (nothing else is opened when one is there), then any driver
 * found whose schemes list has scheme: every file of the search path is
 * loaded for that, which is why only trusted folders are on it.  A missing
 * driver is STRATA_ERR_NOTFOUND naming the directories searched; a broken
 * strata_<scheme>.so is its load error. */
int strata__loader_for_scheme(strata_loaded **out,
                              const strata_driver_path *p,
                              const char *scheme, strata_error *err);
/* The driver named name (a dialect: "sqlite"), for splitting a dialect
 * section without a URL.  STRATA_ERR_NOTFOUND when absent. */
int strata__loader_by_name(strata_loaded **out, const strata_driver_path *p,
                           const char *name, strata_error *err);

/* Every strata_*.so found, loaded or not, for `strata drivers`. */
typedef struct strata_driver_entry {
    char *file;            /* owned */
    strata_loaded *loaded; /* NULL when the load failed */
    char *error;           /* the load error; owned; NULL when loaded */
    int shadowed;          /* an earlier directory had the same name */
} strata_driver_entry;

int strata__loader_list(strata_driver_entry **out, size_t *n,
                        const strata_driver_path *p, strata_error *err);
void strata__loader_list_free(strata_driver_entry *e, size_t n);

/* 1 when name is one of the drivers this build ships (the Makefile's
 * DRIVER_NAMES, compiled in; the core's sources name no dialect), so
 * that a URL needing one that is not installed reads "missing driver"
 * rather than "unknown URL scheme". */
int strata__driver_shipped(const char *name);

/* The dialects known without a configuration, sorted and without
 * repeats: the drivers this build ships, and the name of every
 * strata_<name>.so in the search path p (NULL: none), loaded or not.
 * Free with strata__strings_free. */
int strata__loader_dialects(char ***out, size_t *n,
                            const strata_driver_path *p, strata_error *err);

#endif
