/* cmd_init.c - init: a strata.ini and a migrations directory with a
 * first migration, so that `strata upgrade` works right away. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "util/fileio.h"
#include "db/host.h"
#include "util/output.h"

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
        rc = strata__nomem(&x->err);
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
        rc = strata__file_create(ini, ini_text, sizeof ini_text - 1,
                                 &x->err);
    if (rc == STRATA_OK)
        rc = strata__file_create(first, first_text, sizeof first_text - 1,
                                 &x->err);
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
