/* cmd_init.c - init: a strata.ini and a migrations directory with a
 * first migration, so that `strata upgrade` works right away. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "host.h"
#include "output.h"

static const char ini_text[] =
    "# strata configuration (see README.md: \"Configuration\").\n"
    "[strata]\n"
    "migrations = migrations\n"
    "# lock_timeout = 5s\n"
    "# lock_wait = 60s\n"
    "\n"
    "# Every other section is an environment; 'dev' is the default one.\n"
    "# Paths are relative to this file.\n"
    "[dev]\n"
    "url = sqlite:///strata.db\n"
    "\n"
    "# [prod]\n"
    "# url = ${DATABASE_URL}\n";

static const char first_text[] =
    "-- revision: 0001_initial\n"
    "-- message: initial migration\n"
    "--\n"
    "-- Statements under \"+up\" run on upgrade, those under \"+down\" on\n"
    "-- downgrade.  A section for one dialect only: \"-- +up postgres\".\n"
    "-- The next migration says \"-- revises: 0001_initial\".\n"
    "\n"
    "-- +up\n"
    "\n"
    "-- +down\n";

/* Create path with text; refuse to overwrite. */
static int write_new(strata_ctx *x, const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    size_t len = strlen(text), off = 0;

    if (fd < 0)
        return strata__error_set(&x->err,
                                 errno == EEXIST ? STRATA_ERR_EXISTS
                                                 : STRATA_ERR_CONFIG,
                                 "cannot create %s: %s", path,
                                 errno == EEXIST ? "it already exists"
                                                 : strerror(errno));
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = errno;
            close(fd);
            unlink(path);
            return strata__error_set(&x->err, STRATA_ERR_CONFIG,
                                     "cannot write %s: %s", path,
                                     strerror(e));
        }
        off += (size_t)w;
    }
    if (close(fd) != 0)
        return strata__error_set(&x->err, STRATA_ERR_CONFIG,
                                 "cannot write %s: %s", path,
                                 strerror(errno));
    return STRATA_OK;
}

static int make_dir(strata_ctx *x, const char *path)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST)
        return STRATA_OK;
    return strata__error_set(&x->err, STRATA_ERR_CONFIG,
                             "cannot create directory %s: %s", path,
                             strerror(errno));
}

int strata__cmd_init(strata_ctx *x)
{
    const char *dir = x->cli->nargs ? x->cli->args[0] : ".";
    char *ini = strata__sprintf("%s/strata.ini", dir);
    char *mig = strata__sprintf("%s/migrations", dir);
    char *first = strata__sprintf("%s/migrations/0001_initial.sql", dir);
    struct stat st;
    int rc;

    if (!ini || !mig || !first) {
        rc = strata__error_set(&x->err, STRATA_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* Check both before writing either, so a refusal leaves nothing. */
    if (stat(ini, &st) == 0 || stat(first, &st) == 0) {
        rc = strata__error_set(&x->err, STRATA_ERR_EXISTS,
                               "%s already exists: init writes only new "
                               "files",
                               stat(ini, &st) == 0 ? ini : first);
        goto done;
    }
    rc = make_dir(x, dir);
    if (rc == STRATA_OK)
        rc = make_dir(x, mig);
    if (rc == STRATA_OK)
        rc = write_new(x, ini, ini_text);
    if (rc == STRATA_OK)
        rc = write_new(x, first, first_text);
    if (rc == STRATA_OK)
        strata__out("wrote %s\nwrote %s\nnext: write a migration in %s, "
                    "then run 'strata upgrade'\n",
                    ini, first, mig);
done:
    free(ini);
    free(mig);
    free(first);
    return rc;
}
