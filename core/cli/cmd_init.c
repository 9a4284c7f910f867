/* cmd_init.c - init: a strata.ini and a migrations directory with a
 * first migration, so that `strata upgrade` works right away. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    "-- Statements under \"+up\" run on upgrade.  Without a \"+down\"\n"
    "-- section, downgrade derives the undo of the portable statements\n"
    "-- (or refuses); a \"-- +down\" line followed by statements undoes\n"
    "-- them as written.  A section for one dialect only: \"-- +up\n"
    "-- postgres\".  The next migration says \"-- revises: 0001_initial\".\n"
    "\n"
    "-- +up\n";

/* The embedded database is local state, not source: its lock file stays
 * after every run on purpose (docs/design.md §8). */
static const char gitignore_text[] =
    "# strata's embedded SQLite database ([dev] in strata.ini), its lock\n"
    "# file, which stays beside it after each run on purpose (deleting it\n"
    "# would let two runs hold the migration lock at once), and SQLite's\n"
    "# journal files.\n"
    "/strata.db\n"
    "/strata.db.lock\n"
    "/strata.db-journal\n"
    "/strata.db-wal\n"
    "/strata.db-shm\n";

/* What init has written so far, undone when a later step fails: a
 * refusal leaves the directory as it was. */
typedef struct written {
    const char *files[3];
    size_t nfiles;
    char *made_dir, *made_mig; /* from strata__dir_create */
} written;

static int put_file(written *w, const char *path, const char *text,
                    size_t len, strata_error *err)
{
    int rc = strata__file_create(path, text, len, err);

    if (rc == STRATA_OK)
        w->files[w->nfiles++] = path;
    return rc;
}

int strata__cmd_init(strata_ctx *x)
{
    const char *dir = x->cli->nargs ? x->cli->args[0] : ".";
    char *ini = strata__sprintf("%s/strata.ini", dir);
    char *mig = strata__sprintf("%s/migrations", dir);
    char *first = strata__sprintf("%s/migrations/0001_initial.sql", dir);
    char *ignore = strata__sprintf("%s/.gitignore", dir);
    written w = {0};
    struct stat st;
    int rc, have_ignore;

    if (!ini || !mig || !first || !ignore) {
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
    have_ignore = lstat(ignore, &st) == 0;
    rc = strata__dir_create(dir, &w.made_dir, &x->err);
    if (rc == STRATA_OK)
        rc = strata__dir_create(mig, &w.made_mig, &x->err);
    if (rc == STRATA_OK)
        rc = put_file(&w, first, first_text, sizeof first_text - 1,
                      &x->err);
    if (rc == STRATA_OK && !have_ignore)
        rc = put_file(&w, ignore, gitignore_text, sizeof gitignore_text - 1,
                      &x->err);
    /* strata.ini last: a configuration left by a failed init would make
     * the next one refuse. */
    if (rc == STRATA_OK)
        rc = put_file(&w, ini, ini_text, sizeof ini_text - 1, &x->err);
    if (rc != STRATA_OK) {
        while (w.nfiles)
            unlink(w.files[--w.nfiles]);
        strata__dir_undo(mig, w.made_mig);
        strata__dir_undo(dir, w.made_dir);
        goto done;
    }
    free(w.made_mig);
    free(w.made_dir);
    strata__out("wrote %s\nwrote %s\n", ini, first);
    if (have_ignore)
        strata__out("note: %s exists: add strata.db and strata.db.lock to "
                    "it (the embedded database and its lock file)\n",
                    ignore);
    else
        strata__out("wrote %s\n", ignore);
    strata__out("next: write a migration in %s, then run 'strata "
                "upgrade'\n",
                mig);
done:
    free(ini);
    free(mig);
    free(first);
    free(ignore);
    return rc;
}
